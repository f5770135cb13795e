/** Strings shared by every page. English defines the keys. */
export const common = {
  appName: "Backup inventory",
  description: "Every TaurusDB, RDS and DCS backup of the account, in one table",
  language: "Language",
  /** The language switch's name: says the current language, in the current language. */
  languageCurrent: "Language: {language}",
  /** Each language by its own name, so a reader finds theirs whatever the page's language. */
  languages: { en: "English", "zh-CN": "简体中文" },
  nav: { label: "Main", backups: "Backups", coverage: "Coverage", restore: "Restore points" },
  /** The background sync, as every page's header shows it. `{ago}` is a relative time ("2 minutes ago"). */
  sync: {
    synced: "Synced {ago}",
    syncedAt: "Synced at {time}",
    justNow: "just now",
    never: "Not synced yet",
    sourcesTitle: "Each source's last sync",
    source: "{source}: {state}",
    sourceSynced: "synced {ago}",
    sourceFirstSync: "first sync under way",
    sourceFailing: "last sync failed ({code}); synced {ago} before",
    sourceFailingEmpty: "last sync failed ({code}); nothing stored yet",
    syncNow: "Sync now",
    syncNowLabel: "Sync every source with the cloud now",
    syncing: "Syncing…",
    syncingLabel: "A sync with the cloud is under way",
    failed: "Sync now failed",
    firstSync: "First sync under way: {done} of {planned} calls",
    firstSyncStarting: "First sync under way",
    partial: "Answers are partial until it has finished; the table follows as the sources come in.",
  },
} as const;

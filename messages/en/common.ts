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
} as const;

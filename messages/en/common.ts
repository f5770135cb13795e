/** Strings shared by every page. English defines the keys. */
export const common = {
  appName: "Backup inventory",
  language: "Language",
  languages: { en: "English", "zh-CN": "简体中文" },
  nav: { backups: "Backups", coverage: "Coverage", restore: "Restore points" },
} as const;

import type { Translation } from "@/lib/i18n/translate";
import type { common as english } from "../en/common";

export const common: Translation<typeof english> = {
  appName: "备份清单",
  language: "语言",
  languages: { en: "English", "zh-CN": "简体中文" },
  nav: { backups: "备份", coverage: "保护覆盖", restore: "恢复时间点" },
};

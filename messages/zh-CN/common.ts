import type { Translation } from "@/lib/i18n/translate";
import type { common as english } from "../en/common";

export const common: Translation<typeof english> = {
  appName: "备份清单",
  description: "账号下所有 TaurusDB、RDS 和 DCS 备份，汇总在一张表中",
  language: "语言",
  languageCurrent: "语言：{language}",
  languages: { en: "English", "zh-CN": "简体中文" },
  nav: { label: "主导航", backups: "备份", coverage: "保护覆盖", restore: "恢复时间点" },
};

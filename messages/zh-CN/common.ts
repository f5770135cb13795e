import type { Translation } from "@/lib/i18n/translate";
import type { common as english } from "../en/common";

export const common: Translation<typeof english> = {
  appName: "备份清单",
  description: "账号下所有 TaurusDB、RDS 和 DCS 备份，汇总在一张表中",
  language: "语言",
  languageCurrent: "语言：{language}",
  languages: { en: "English", "zh-CN": "简体中文" },
  nav: { label: "主导航", backups: "备份", coverage: "保护覆盖", restore: "恢复时间点" },
  sync: {
    synced: "{ago}已同步",
    syncedAt: "同步于 {time}",
    justNow: "刚刚",
    never: "尚未同步",
    sourcesTitle: "各数据源的最近一次同步",
    source: "{source}：{state}",
    sourceSynced: "{ago}已同步",
    sourceFirstSync: "首次同步进行中",
    sourceFailing: "最近一次同步失败（{code}），此前于{ago}同步",
    sourceFailingEmpty: "最近一次同步失败（{code}），尚无数据",
    syncNow: "立即同步",
    syncNowLabel: "立即与云端同步所有数据源",
    syncing: "正在同步…",
    syncingLabel: "正在与云端同步",
    failed: "立即同步失败",
    firstSync: "首次同步进行中：已完成 {done}/{planned} 次调用",
    firstSyncStarting: "首次同步进行中",
    partial: "首次同步完成前，结果并不完整；表格会随各数据源的数据到达而更新。",
  },
};

import type { Translation } from "@/lib/i18n/translate";
import type { timeline as english } from "../en/timeline";

export const timeline: Translation<typeof english> = {
  title: "每日备份",
  show: "显示每日备份图表",
  hide: "隐藏每日备份图表",
  summary: { one: "共 {total} 个备份，{first} – {last}", other: "共 {total} 个备份，{first} – {last}" },
  timeZone: "按 {tz} 时区划分日期",
  groupBy: { label: "堆叠方式", status: "状态", service: "服务" },
  loading: "正在加载图表…",
  failed: "图表加载失败：{message}",
  retry: "重试",
  empty: "此视图中没有备份。",
  hint: "点击某一天可列出当天的备份。",
  chartLabel:
    "每日备份柱状图，{first} 至 {last}：共 {total} 个，最多的一天是 {busiestDay}（{busiest} 个）。表格视图列出每一天。",
  total: "合计",
  table: {
    show: "以表格显示",
    hide: "隐藏表格",
    caption: "每日备份（{tz}）",
    day: "日期",
    total: "合计",
    list: "列出",
    listDay: "列出 {day} 的备份",
  },
  sizes: {
    title: "{name} 的备份大小",
    label: {
      one: "{name} 已完成备份的大小：{first} 的 {count} 个备份。",
      other: "{name} 已完成备份的大小随时间变化（按类型）：{first} 至 {last} 共 {count} 个备份。",
    },
    empty: "此视图中该实例没有已知大小的已完成备份。",
  },
};

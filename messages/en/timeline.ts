/** The backups-per-day chart above the dashboard's table. English defines the keys. */
export const timeline = {
  title: "Backups per day",
  show: "Show the chart of backups per day",
  hide: "Hide the chart of backups per day",
  summary: { one: "{total} backup, {first} – {last}", other: "{total} backups, {first} – {last}" },
  timeZone: "Days in {tz}",
  groupBy: { label: "Stack by", status: "Status", service: "Service" },
  loading: "Loading the chart…",
  failed: "The chart could not be loaded: {message}",
  retry: "Try again",
  empty: "No backups in this view.",
  hint: "Click a day to list its backups.",
  chartLabel:
    "Bar chart of backups per day from {first} to {last}: {total} in all, the most on {busiestDay} ({busiest}). The table view lists every day.",
  total: "Total",
  table: {
    show: "Show as table",
    hide: "Hide table",
    caption: "Backups per day, {tz}",
    day: "Day",
    total: "Total",
    list: "List",
    listDay: "List the backups of {day}",
  },
  sizes: {
    title: "Backup sizes of {name}",
    label: {
      one: "Size of the completed backup of {name}: {count} backup, on {first}.",
      other: "Sizes of the completed backups of {name} over time, by kind: {count} backups from {first} to {last}.",
    },
    empty: "No completed backup of this instance with a known size in this view.",
  },
} as const;

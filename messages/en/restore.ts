/** The restore-point finder (/restore). English defines the keys. */
export const restore = {
  title: "Restore points",
  link: "Find a restore point",
  subtitle: "Can an instance be restored to a given moment, and from which backups?",
  form: {
    label: "Find a restore point",
    instance: "Instance",
    chooseInstance: "Choose an instance",
    searchInstances: "Search instances by name or ID",
    searchPlaceholder: "Instance name or ID",
    instancesLegend: "Instances",
    loadingInstances: "Loading instances…",
    instancesFailed: "Could not load the instances: {message}",
    noMatch: "No instance matches.",
    more: "{count} more — type to narrow the list.",
    at: "Point in time (your local time)",
    now: "Now",
    check: "Check",
    incomplete: "Enter a complete date and time.",
    pickInstance: "Choose an instance first.",
  },
  invalidLink: "This link holds an instance or a time that cannot be read; choose them again:",
  start: "Choose an instance and a point in time to see whether it can be restored, and from which backups.",
  checking: "Checking…",
  reachable: {
    title: "Can be restored to {time}",
    atBackupEnd: "Restore the full backup below: it ends exactly at this point.",
    withDifferential: "Restore the full backup, then the differential backup on top of it.",
    chain: {
      one: "Restore the full backup, then apply {count} incremental backup.",
      other: "Restore the full backup, then apply {count} incremental backups in order.",
    },
    chainAfterDifferential: {
      one: "Restore the full backup and the differential backup on top of it, then apply {count} incremental backup.",
      other:
        "Restore the full backup and the differential backup on top of it, then apply {count} incremental backups in order.",
    },
    until: "These backups reach up to {time}.",
  },
  unreachable: {
    title: "Cannot be restored to {time}",
  },
  reason: {
    unknown_instance:
      "No source that answered knows an instance with this ID. If a source failed (see above), try again later.",
    in_future: "This moment is later than now: no backup can reach it yet.",
    no_full_before: "No full backup had finished by this moment, so there is nothing to start a restore from.",
    no_incremental_support:
      "DCS keeps full backups only, without incremental backups: only the moments when a backup finished can be restored, and this is not one of them.",
    failed_link:
      "The chain of incremental backups after the last full backup breaks at a failed incremental backup before this moment.",
    chain_gap:
      "The incremental backups after the last full backup stop before this moment and resume only later: the logs in between are missing.",
    after_latest_backup:
      "This moment is later than the newest point the backups reach: no backup covering it has finished yet.",
  },
  nearest: {
    title: "Nearest restorable points",
    before: "Latest before: {time}",
    after: "First after: {time}",
    none: "This instance has no restorable point.",
  },
  chain: {
    title: "Backups to restore, in order",
    step: "Step {step}",
    kind: { full: "Full backup", differential: "Differential backup", incremental: "Incremental backup" },
    started: "Started",
    ended: "Ended",
    covers: "Log held",
    size: "Size",
    showAll: "Show all {count}",
    showFewer: "Show fewer",
    hidden: "{count} more incremental backups",
  },
  windows: {
    title: "Restorable windows",
    help: "Every span of time this instance can be restored to, oldest first.",
    span: "{from} – {until}",
    instant: "{time} (the end of a backup)",
    useLatest: "Latest in this window",
    useLatestOf: "Use the latest point of the window ending {time}",
    useInstant: "Use this point",
    useInstantOf: "Use the point {time}",
    none: "No restorable point: this instance has no completed full backup with a known end.",
  },
  instance: {
    details: "{service} · {engine} · {region}",
  },
} as const;

import type { ExportResult } from "./export";
import type { ColdFetch, ThrottledFetch } from "./fetch";
import type { HostileResult } from "./hostile";
import type { PageResult } from "./page";
import { round } from "./stats";
import type { WarmQueries } from "./warm";

/** The results table (Markdown, printed and pasted into the README) and the targets it is judged by. */

export interface Target {
  id: string;
  description: string;
  value: number;
  unit: string;
  limit: number;
  /** Whether `value` must stay at or under the limit (`max`), strictly under (`under`) or reach it (`min`). */
  kind: "max" | "under" | "min";
  met: boolean;
}

export interface Results {
  coldFetch: Array<ColdFetch>;
  throttled: ThrottledFetch;
  warm: WarmQueries & { serverLoadMs: number };
  export: ExportResult;
  page: PageResult;
  hostile: HostileResult;
}

function target(id: string, description: string, value: number, unit: string, kind: Target["kind"], limit: number) {
  const met = kind === "max" ? value <= limit : kind === "under" ? value < limit : value >= limit;
  return { id, description, value: round(value, 2), unit, limit, kind, met };
}

/**
 * A response body is held up to the client's 32 MiB limit, then dropped; until the collector runs, a few bodies cut
 * off at the limit may be garbage at once. Four times the limit, however much the upstream offers (an unbounded
 * 300 MiB body once took a gigabyte).
 */
const HOSTILE_MEMORY_LIMIT_MIB = 128;

export function targetsOf(results: Results): Target[] {
  const targets: Target[] = [];
  for (const cold of results.coldFetch) {
    targets.push(
      target(
        `cold-time-${cold.instances}`,
        `cold fetch, ${cold.instances} instances: wall time / lower bound`,
        cold.timeOverBound,
        "×",
        "max",
        1.3,
      ),
      target(
        `cold-calls-${cold.instances}`,
        `cold fetch, ${cold.instances} instances: upstream calls / fewest possible`,
        cold.callsOverFewest,
        "×",
        "max",
        1.05,
      ),
    );
    if (cold.instances === 300 && cold.peer)
      targets.push(
        target("peer-300", "cold fetch, 300 instances: peer time / ours", cold.peer.overOurs, "×", "min", 10),
      );
  }
  const { throttled, warm, page } = results;
  targets.push(
    target(
      "throttled-time",
      `throttled (${throttled.throttleRps} rps per service): wall time / rate bound`,
      throttled.timeOverBound,
      "×",
      "max",
      1.2,
    ),
    target(
      "throttled-complete",
      "throttled: backups missing or unexpected",
      throttled.missing + throttled.unexpected,
      "backups",
      "max",
      0,
    ),
    target("warm-p95", "warm queries (HTTP, from the store): p95", warm.steady.p95Ms, "ms", "under", 50),
    target("export-rate", "export: rows per second", results.export.rowsPerSecond, "rows/s", "min", 100_000),
    target("export-memory", "export: server RSS growth", results.export.growthBytes / 2 ** 20, "MiB", "under", 100),
    target("first-load-js", "first-load JS of / (gzip)", page.jsGzipBytes / 1024, "KiB", "under", 250),
    target(
      "filter-to-table",
      "filter change to updated table (median)",
      page.filterToTable.medianMs,
      "ms",
      "under",
      300,
    ),
    target(
      "hostile-memory",
      "hostile upstream (600 MiB bodies, a total of 10^15): server RSS growth",
      results.hostile.growthBytes / 2 ** 20,
      "MiB",
      "under",
      HOSTILE_MEMORY_LIMIT_MIB,
    ),
    target(
      "hostile-recovery",
      "hostile upstream: requests after an attack that failed, plus attacks not failed clearly",
      results.hostile.failedRecoveries + (results.hostile.attacks - results.hostile.failedAsExpected),
      "requests",
      "max",
      0,
    ),
  );
  return targets;
}

const count = (value: number) => Math.round(value).toLocaleString("en-US");
const ms = (value: number) => (value >= 10_000 ? `${round(value / 1000, 1)} s` : `${count(value)} ms`);
const times = (value: number) => `${round(value, 2)}×`;
const mib = (bytes: number) => `${round(bytes / 2 ** 20, 1)} MiB`;

function verdict(targets: Target[], id: string): string {
  const found = targets.find((t) => t.id === id);
  if (!found) return "";
  const sign = found.kind === "min" ? "≥" : found.kind === "under" ? "<" : "≤";
  const unit = found.unit === "×" ? "×" : ` ${found.unit}`;
  const limit = `${sign} ${found.limit.toLocaleString("en-US")}${unit}`;
  return `${limit} | ${found.met ? "**met**" : "**missed**"}`;
}

export function markdownTable(results: Results, targets: Target[]): string {
  const rows: string[] = [
    "| scenario | measure | value | reference | ratio | target | result |",
    "|---|---|---|---|---|---|---|",
  ];
  const row = (...cells: string[]) => rows.push(`| ${cells.join(" | ")} |`);
  for (const cold of results.coldFetch) {
    const name = `cold fetch, ${count(cold.instances)} instances (${count(cold.backups)} backups)`;
    row(
      name,
      "wall time (median)",
      ms(cold.ms),
      `lower bound ${ms(cold.bound.ms)}; best run ${ms(cold.bestMs)}; CPU meanwhile: server ${ms(cold.serverCpuMs)}, simulator ${ms(cold.simulatorCpuMs)}, other processes ${ms(cold.otherCpuMs)}`,
      times(cold.timeOverBound),
      verdict(targets, `cold-time-${cold.instances}`),
    );
    row(
      "",
      "upstream calls",
      count(cold.calls),
      `fewest ${count(cold.fewestCalls)}; ${cold.complete ? "every backup returned, every source ok" : "**incomplete**: backups missing or a source failed"}`,
      times(cold.callsOverFewest),
      verdict(targets, `cold-calls-${cold.instances}`),
    );
    if (cold.peer)
      row(
        "",
        `peer: SDK core, sequential${cold.peer.measured ? "" : " (extrapolated)"}`,
        ms(cold.peer.ms),
        `${count(cold.peer.calls)} calls; ours ${ms(cold.ms)}`,
        `${times(cold.peer.overOurs)} slower`,
        verdict(targets, `peer-${cold.instances}`) || "— | —",
      );
  }
  const { throttled, warm, page } = results;
  row(
    `throttled, ${count(throttled.instances)} instances, ${throttled.throttleRps} req/s per service`,
    "wall time",
    ms(throttled.ms),
    `rate bound ${ms(throttled.boundMs)} (${throttled.limitedBy})`,
    times(throttled.timeOverBound),
    verdict(targets, "throttled-time"),
  );
  row(
    "",
    "completeness vs truth",
    `${count(throttled.backups - throttled.missing)} of ${count(throttled.backups)}, ${throttled.unexpected} extra`,
    `${count(throttled.attempts)} attempts, ${count(throttled.throttledAttempts)} throttled`,
    "",
    verdict(targets, "throttled-complete"),
  );
  const warmName = `warm queries, ${count(warm.backups)} backups (${warm.steady.count} mixed queries)`;
  const p50p95 = (t: { p50Ms: number; p95Ms: number }) => `${round(t.p50Ms, 1)} / ${round(t.p95Ms, 1)} ms`;
  row(
    warmName,
    "HTTP GET /api/backups p50 / p95",
    p50p95(warm.steady),
    `max ${round(warm.steady.maxMs, 0)} ms; first pass ${p50p95(warm.firstPass)}`,
    "",
    verdict(targets, "warm-p95"),
  );
  const exp = results.export;
  row(
    `export, ${count(exp.rows)} rows`,
    "rows per second",
    count(exp.rowsPerSecond),
    `${ms(exp.ms)} (median of ${exp.runs.length})`,
    "",
    verdict(targets, "export-rate"),
  );
  row(
    "",
    "server RSS growth (worst run)",
    mib(exp.growthBytes),
    `${mib(exp.rssBeforeBytes)} before → ${mib(exp.rssPeakBytes)} peak`,
    "",
    verdict(targets, "export-memory"),
  );
  row(
    "dashboard page",
    "first-load JS (gzip -9)",
    `${round(page.jsGzipBytes / 1024, 1)} KiB`,
    `${page.scripts} scripts before load, ${round(page.jsBytes / 1024, 0)} KiB raw, ${round(page.jsGzip6Bytes / 1024, 1)} KiB at gzip -6; ${page.laterScripts} more after load (${round(page.laterJsGzipBytes / 1024, 1)} KiB); table on screen after ${ms(page.loadMs)} (the server's first render of / took ${ms(page.firstRenderMs)})`,
    "",
    verdict(targets, "first-load-js"),
  );
  row(
    "",
    `filter change → table (median of ${page.filterToTable.runsMs.length})`,
    ms(page.filterToTable.medianMs),
    `at ${count(page.filterToTable.backups)} backups; runs ${page.filterToTable.runsMs.map((v) => Math.round(v)).join(", ")} ms`,
    "",
    verdict(targets, "filter-to-table"),
  );
  const hostile = results.hostile;
  row(
    `hostile upstream, ${hostile.rounds} rounds of ${hostile.attacks / hostile.rounds} attacks`,
    "server RSS growth",
    mib(hostile.growthBytes),
    `${mib(hostile.rssBeforeBytes)} before → ${mib(hostile.rssBeforeBytes + hostile.growthBytes)} peak; ` +
      `${mib(hostile.bytesOffered)} of bodies offered, ${mib(hostile.bytesSent)} sent before the server hung up; ` +
      `a 600 MiB body answered in ${ms(hostile.hugeBodyRequestMs)} (median)`,
    "",
    verdict(targets, "hostile-memory"),
  );
  row(
    "",
    "attacks failed clearly / requests after them ok",
    `${hostile.failedAsExpected} of ${hostile.attacks} / ${hostile.recoveries - hostile.failedRecoveries} of ${hostile.recoveries}`,
    hostile.serverUp ? "server up throughout" : "**server down at the end**",
    "",
    verdict(targets, "hostile-recovery"),
  );
  return rows.join("\n");
}

import type { AppServer } from "./server";
import { median } from "./stats";

/** Scenario 4: the CSV export of every backup, its speed and the server's memory while it streams. */

const SAMPLE_EVERY_MS = 20;
const QUOTE = 0x22;
const NEWLINE = 0x0a;

/** Counts CSV records (line ends outside quotes) of a body as it streams by. */
export class CsvRecordCounter {
  records = 0;
  bytes = 0;
  #quoted = false;

  push(chunk: Uint8Array): void {
    this.bytes += chunk.length;
    for (let index = 0; index < chunk.length; index++) {
      const byte = chunk[index];
      if (byte === QUOTE) this.#quoted = !this.#quoted;
      else if (byte === NEWLINE && !this.#quoted) this.records++;
    }
  }
}

export interface ExportRun extends MemoryDuring {
  ms: number;
  rows: number;
  bytes: number;
  rowsPerSecond: number;
}

/** The server's memory over some work: before it, its peak (sampled, and the kernel's), and the growth. */
export interface MemoryDuring {
  rssBeforeBytes: number;
  /** Highest VmRSS sampled every ~20 ms during the work. */
  rssPeakSampledBytes: number;
  /** The kernel's peak (VmHWM, reset just before the work), when it could be reset. */
  rssPeakKernelBytes: number | null;
  /** Peak minus before; the larger of the two peaks. */
  growthBytes: number;
  samples: number;
  /** Longest gap between two samples, ms (the sampler shares this process with the work). */
  longestSampleGapMs: number;
}

/** Runs `work` while sampling the server's resident memory. */
export async function measureMemory<T>(app: AppServer, work: () => Promise<T>): Promise<MemoryDuring & { result: T }> {
  const rssBeforeBytes = await app.rssBytes();
  const kernelPeak = await app.resetPeakRss();
  let peak = rssBeforeBytes;
  let samples = 0;
  let last = performance.now();
  let longestGap = 0;
  let sampling = Promise.resolve();
  const timer = setInterval(() => {
    const now = performance.now();
    longestGap = Math.max(longestGap, now - last);
    last = now;
    sampling = sampling.then(async () => {
      peak = Math.max(peak, await app.rssBytes());
      samples++;
    });
  }, SAMPLE_EVERY_MS);
  let result: T;
  try {
    result = await work();
  } finally {
    clearInterval(timer);
  }
  await sampling;
  peak = Math.max(peak, await app.rssBytes());
  const rssPeakKernelBytes = kernelPeak ? await app.peakRssBytes() : null;
  return {
    result,
    rssBeforeBytes,
    rssPeakSampledBytes: peak,
    rssPeakKernelBytes,
    growthBytes: Math.max(peak, rssPeakKernelBytes ?? 0) - rssBeforeBytes,
    samples,
    longestSampleGapMs: longestGap,
  };
}

export async function exportOnce(app: AppServer): Promise<ExportRun> {
  const counter = new CsvRecordCounter();
  const { result: ms, ...memory } = await measureMemory(app, async () => {
    const started = performance.now();
    const response = await fetch(`${app.url}/api/backups/export`);
    if (response.status !== 200 || !response.body)
      throw new Error(`GET /api/backups/export answered ${response.status}: ${(await response.text()).slice(0, 500)}`);
    const reader = response.body.getReader();
    for (let read = await reader.read(); !read.done; read = await reader.read()) counter.push(read.value);
    return performance.now() - started;
  });
  const rows = counter.records - 1;
  return { ms, rows, bytes: counter.bytes, rowsPerSecond: rows / (ms / 1000), ...memory };
}

export interface ExportResult {
  runs: ExportRun[];
  rows: number;
  /** Median over the runs. */
  ms: number;
  rowsPerSecond: number;
  /** The largest over the runs. */
  growthBytes: number;
  rssBeforeBytes: number;
  rssPeakBytes: number;
}

export async function exportAll(app: AppServer, runs: number): Promise<ExportResult> {
  const results: ExportRun[] = [];
  for (let run = 0; run < runs; run++) results.push(await exportOnce(app));
  const worst = results.reduce((a, b) => (b.growthBytes > a.growthBytes ? b : a));
  const ms = median(results.map((run) => run.ms));
  return {
    runs: results,
    rows: results[0].rows,
    ms,
    rowsPerSecond: results[0].rows / (ms / 1000),
    growthBytes: worst.growthBytes,
    rssBeforeBytes: worst.rssBeforeBytes,
    rssPeakBytes: worst.rssBeforeBytes + worst.growthBytes,
  };
}

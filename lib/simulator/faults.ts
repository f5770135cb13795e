import "server-only";
import { z } from "zod";
import type { Rng } from "./random";

/**
 * Fault injection for one service. `down: "unavailable"` answers every call 503 with an error body;
 * `down: "reset"` resets every connection before answering.
 */

export const faultsSchema = z
  .object({
    /** Fixed delay before every answer, ms. */
    latencyMs: z.number().min(0).max(600_000).default(0),
    /** Uniform random extra delay in [0, jitterMs), ms. */
    jitterMs: z.number().min(0).max(600_000).default(0),
    /** Share of authenticated calls answered 500, 502 or 503 (at random) instead. */
    errorRate: z.number().min(0).max(1).default(0),
    /** Calls per second above which the gateway answers 429 APIGW.0308 (sliding one-second window); 0 = no limit. */
    throttleRps: z.number().int().min(0).default(0),
    down: z.union([z.literal(false), z.literal("unavailable"), z.literal("reset")]).default(false),
    /** Backup IDs whose records are served malformed: `size` is "abc" and `status` is missing. */
    malformedBackupIds: z.array(z.string()).default([]),
  })
  .strict();

export type Faults = z.input<typeof faultsSchema>;
export type InjectedError = 500 | 502 | 503;

export class FaultState {
  private faults: z.output<typeof faultsSchema>;
  private malformed: Set<string>;
  /** Arrival times (ms, monotonic) of the calls let through in the last second. */
  private window: number[] = [];

  constructor(
    faults: Faults | undefined,
    private readonly rng: Rng,
  ) {
    this.faults = faultsSchema.parse(faults ?? {});
    this.malformed = new Set(this.faults.malformedBackupIds);
  }

  set(faults: Faults): void {
    this.faults = faultsSchema.parse(faults);
    this.malformed = new Set(this.faults.malformedBackupIds);
    this.window = [];
  }

  get down(): false | "unavailable" | "reset" {
    return this.faults.down;
  }

  get malformedIds(): ReadonlySet<string> {
    return this.malformed;
  }

  delayMs(): number {
    return this.faults.latencyMs + (this.faults.jitterMs > 0 ? this.rng.next() * this.faults.jitterMs : 0);
  }

  /** Whether a call arriving at `nowMs` (monotonic) exceeds the rate; calls let through count toward it. */
  throttled(nowMs: number): boolean {
    const limit = this.faults.throttleRps;
    if (limit === 0) return false;
    while (this.window.length > 0 && this.window[0] <= nowMs - 1000) this.window.shift();
    if (this.window.length >= limit) return true;
    this.window.push(nowMs);
    return false;
  }

  get throttleRps(): number {
    return this.faults.throttleRps;
  }

  injectedError(): InjectedError | undefined {
    if (this.faults.errorRate === 0 || !this.rng.chance(this.faults.errorRate)) return undefined;
    return this.rng.pick([500, 502, 503] as const);
  }
}

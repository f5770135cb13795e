import { describe, expect, it } from "vitest";
import type { Backup } from "../inventory/model";
import type { SourceState } from "../store/types";
import {
  isAuthFailure,
  isReconcileDue,
  lastStartOf,
  nextCursor,
  nextDueMs,
  requestSpacingMs,
  WINDOW_MARGIN_MS,
  windowStartMs,
} from "./cycle";

const NOW = Date.parse("2026-11-20T12:00:00Z");
const HOUR = 3_600_000;
const INTERVALS = { syncMs: 60_000, reconcileMs: HOUR };

function state(overrides: Partial<SourceState> = {}): SourceState {
  return {
    service: "rds",
    region: "cn-north-4",
    projectId: "p1",
    cursor: { newestStartMs: NOW - HOUR, lastCompleteMs: NOW - HOUR / 2 },
    lastSuccessAt: null,
    lastAttemptAt: null,
    lastError: null,
    consecutiveFailures: 0,
    lastDurationMs: null,
    lastCalls: null,
    lastReconcileAt: null,
    complete: true,
    backups: 0,
    instances: 0,
    skipped: 0,
    skippedReason: null,
    ...overrides,
  };
}

const startedAt = (ms: number) => ({ startedAt: new Date(ms).toISOString() }) as Backup;

describe("complete or windowed", () => {
  it("lists everything first, then every reconcile interval", () => {
    expect(isReconcileDue(undefined, NOW, HOUR)).toBe(true);
    expect(isReconcileDue(state({ complete: false }), NOW, HOUR)).toBe(true);
    expect(isReconcileDue(state(), NOW, HOUR)).toBe(false);
    expect(isReconcileDue(state(), NOW + HOUR / 2 - 1, HOUR)).toBe(false);
    expect(isReconcileDue(state(), NOW + HOUR / 2, HOUR)).toBe(true);
  });
});

describe("the window of a windowed listing", () => {
  it("starts the margin before the newest start listed", () => {
    expect(windowStartMs({ newestStartMs: NOW - HOUR, lastCompleteMs: NOW }, NOW, null)).toBe(
      NOW - HOUR - WINDOW_MARGIN_MS,
    );
  });

  it("reaches back to the oldest backup still running", () => {
    const cursor = { newestStartMs: NOW, lastCompleteMs: NOW };
    expect(windowStartMs(cursor, NOW, NOW - 2 * WINDOW_MARGIN_MS)).toBe(NOW - 2 * WINDOW_MARGIN_MS);
    expect(windowStartMs(cursor, NOW, NOW - 60_000)).toBe(NOW - WINDOW_MARGIN_MS);
  });

  it("is not closed by a record dated in the future, and starts from the last complete listing without backups", () => {
    expect(windowStartMs({ newestStartMs: NOW + 30 * 86_400_000, lastCompleteMs: NOW }, NOW, null)).toBe(
      NOW - WINDOW_MARGIN_MS,
    );
    expect(windowStartMs({ newestStartMs: null, lastCompleteMs: NOW - HOUR }, NOW, null)).toBe(
      NOW - HOUR - WINDOW_MARGIN_MS,
    );
  });
});

describe("the cursor", () => {
  it("a complete listing tells the newest start afresh and when it was", () => {
    const previous = { newestStartMs: NOW, lastCompleteMs: NOW - HOUR };
    expect(nextCursor(previous, [startedAt(NOW - 5), startedAt(NOW - 9)], { complete: true, seenAtMs: NOW })).toEqual(
      { newestStartMs: NOW - 5, lastCompleteMs: NOW },
    );
    expect(nextCursor(previous, [], { complete: true, seenAtMs: NOW })).toEqual({
      newestStartMs: null,
      lastCompleteMs: NOW,
    });
  });

  it("a windowed listing only adds to it", () => {
    const previous = { newestStartMs: NOW - 10, lastCompleteMs: NOW - HOUR };
    expect(nextCursor(previous, [startedAt(NOW - 20)], { complete: false, seenAtMs: NOW })).toEqual(previous);
    expect(nextCursor(previous, [startedAt(NOW - 1)], { complete: false, seenAtMs: NOW })).toEqual({
      newestStartMs: NOW - 1,
      lastCompleteMs: NOW - HOUR,
    });
  });
});

describe("when a source is due", () => {
  it("every sync interval from its last start; at once before its first", () => {
    expect(nextDueMs(null, false, INTERVALS)).toBe(Number.NEGATIVE_INFINITY);
    expect(nextDueMs(NOW, false, INTERVALS)).toBe(NOW + 60_000);
  });

  it("after refused keys, not before the reconcile interval", () => {
    expect(isAuthFailure({ code: "APIGW.0301", message: "", httpStatus: 401, requestId: null })).toBe(true);
    expect(isAuthFailure({ code: "APIGW.0302", message: "", httpStatus: 403, requestId: null })).toBe(true);
    expect(isAuthFailure({ code: "APIGW.0308", message: "", httpStatus: 429, requestId: null })).toBe(false);
    expect(isAuthFailure(null)).toBe(false);
    expect(nextDueMs(NOW, true, INTERVALS)).toBe(NOW + HOUR);
  });

  it("resumes from the stored state after a restart", () => {
    expect(lastStartOf(undefined)).toBeNull();
    expect(lastStartOf(state())).toBeNull();
    const success = new Date(NOW - 5_000).toISOString();
    const attempt = new Date(NOW - 1_000).toISOString();
    expect(lastStartOf(state({ lastSuccessAt: attempt, lastAttemptAt: success }))).toBe(NOW - 5_000);
    expect(lastStartOf(state({ lastSuccessAt: success }))).toBe(NOW - 5_000);
  });

  it("spaces requested syncs a tenth of the interval apart", () => {
    expect(requestSpacingMs(INTERVALS)).toBe(6_000);
  });
});

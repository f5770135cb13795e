import { z } from "zod/mini";
import { SERVICES } from "@/lib/inventory/model";
import { type RestorePointAnswer, UNREACHABLE_REASONS } from "@/lib/restore/model";
import { type RestoreQuery, restoreSearchParams } from "@/lib/restore/query";
import { backupSchema, frameShape, fetchJson } from "../api";

/** The browser's side of `/api/restore-points`: the answer checked against docs/api.md (zod). */

const common = {
  at: z.string(),
  explanation: z.string(),
  instance: z.nullable(
    z.object({
      service: z.enum(SERVICES),
      region: z.string(),
      projectId: z.string(),
      id: z.string(),
      name: z.nullable(z.string()),
      engine: z.string(),
    }),
  ),
  windows: z.array(z.object({ from: z.string(), until: z.string() })),
  ...frameShape,
};

const restoreAnswerSchema = z.discriminatedUnion("reachable", [
  z.object({
    ...common,
    reachable: z.literal(true),
    base: backupSchema,
    differential: z.nullable(backupSchema),
    incrementals: z.array(backupSchema),
    restoreUntil: z.string(),
  }),
  z.object({
    ...common,
    reachable: z.literal(false),
    reason: z.enum(UNREACHABLE_REASONS),
    nearest: z.object({ before: z.nullable(z.string()), after: z.nullable(z.string()) }),
  }),
]) satisfies z.ZodMiniType<RestorePointAnswer>;

export function fetchRestorePoint(query: Pick<RestoreQuery, "instance" | "at">, signal?: AbortSignal) {
  const search = restoreSearchParams(query).toString();
  return fetchJson(`/api/restore-points?${search}`, restoreAnswerSchema, signal);
}

import { z } from "zod/mini";
import { isDemoEnv } from "@/lib/config";
import { readiness } from "@/lib/health";
import { validQuery } from "@/lib/errors";
import { handle } from "@/lib/http/errors";
import { flagParam, parseQuery } from "@/lib/params";

export const dynamic = "force-dynamic";

const healthQuerySchema = z.object({
  /** `ready=1` adds whether the cloud answers, and answers 503 when no source did. */
  ready: flagParam(),
});

/** Liveness (no access control, no cloud call): `{status, mode}`; readiness with `?ready=1`. */
export function GET(request: Request): Promise<Response> {
  return handle(async () => {
    const { ready } = validQuery(parseQuery(healthQuerySchema, new URL(request.url).searchParams));
    const live = { status: "ok", mode: isDemoEnv(process.env) ? "demo" : "cloud" } as const;
    const headers = { "Cache-Control": "no-store" };
    if (!ready) return Response.json(live, { headers });
    const state = await readiness();
    return Response.json({ ...live, ready: state }, { status: state.ok ? 200 : 503, headers });
  });
}

import { z } from "zod/mini";
import { CrossSiteRequestError, validQuery } from "@/lib/errors";
import { handle } from "@/lib/http/errors";
import { parseQuery } from "@/lib/params";
import { getRuntime } from "@/lib/runtime";
import { isSameOrigin } from "@/lib/security/origin";
import { syncOverview } from "@/lib/sync/overview";

export const dynamic = "force-dynamic";

/** Neither method takes a parameter; an unknown one is a 400 like everywhere else. */
const noParameters = z.object({});

const NO_STORE = { "Cache-Control": "no-store" };

/** The sync's status and every source's last sync. */
export function GET(request: Request): Promise<Response> {
  return handle(async () => {
    validQuery(parseQuery(noParameters, new URL(request.url).searchParams));
    const runtime = await getRuntime();
    const { store, sync } = await runtime.inventory();
    return Response.json(await syncOverview(sync, store, runtime.config), { headers: NO_STORE });
  });
}

/** Starts a sync now (or joins the one running) and answers at once with its status. */
export function POST(request: Request): Promise<Response> {
  return handle(async () => {
    if (!isSameOrigin(request)) throw new CrossSiteRequestError();
    validQuery(parseQuery(noParameters, new URL(request.url).searchParams));
    const { sync } = await (await getRuntime()).inventory();
    return Response.json(await sync.requestSync({ wait: false }), { status: 202, headers: NO_STORE });
  });
}

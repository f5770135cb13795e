import { validQuery } from "@/lib/errors";
import { handle } from "@/lib/http/errors";
import { parseRestoreQuery } from "@/lib/restore/query";
import { findRestorePointFor } from "@/lib/restore/service";

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return handle(async () => {
    const query = validQuery(parseRestoreQuery(new URL(request.url).searchParams));
    return Response.json(await findRestorePointFor(query), { headers: { "Cache-Control": "no-store" } });
  });
}

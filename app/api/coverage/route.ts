import { parseCoverageQuery } from "@/lib/coverage/query";
import { loadCoveragePage } from "@/lib/coverage/service";
import { validQuery } from "@/lib/errors";
import { handle } from "@/lib/http/errors";

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return handle(async () => {
    const query = validQuery(parseCoverageQuery(new URL(request.url).searchParams));
    return Response.json(await loadCoveragePage(query), { headers: { "Cache-Control": "no-store" } });
  });
}

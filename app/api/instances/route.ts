import { validQuery } from "@/lib/errors";
import { handle } from "@/lib/http/errors";
import { parseInstanceQuery } from "@/lib/inventory/query";
import { loadInstances } from "@/lib/inventory/service";

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return handle(async () => {
    const { refresh } = validQuery(parseInstanceQuery(new URL(request.url).searchParams));
    return Response.json(await loadInstances(refresh), { headers: { "Cache-Control": "no-store" } });
  });
}

import { validQuery } from "@/lib/errors";
import { handle } from "@/lib/http/errors";
import { parseTimelineQuery } from "@/lib/timeline/query";
import { loadTimeline } from "@/lib/timeline/service";

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return handle(async () => {
    const query = validQuery(parseTimelineQuery(new URL(request.url).searchParams));
    return Response.json(await loadTimeline(query), { headers: { "Cache-Control": "no-store" } });
  });
}

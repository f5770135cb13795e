import { validQuery } from "@/lib/errors";
import { handle } from "@/lib/http/errors";
import { parseBackupQuery } from "@/lib/inventory/query";
import { loadBackupPage } from "@/lib/inventory/service";

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return handle(async () => {
    const query = validQuery(parseBackupQuery(new URL(request.url).searchParams));
    return Response.json(await loadBackupPage(query), { headers: { "Cache-Control": "no-store" } });
  });
}

import { parseCoverageQuery } from "@/lib/coverage/query";
import { exportCoverage } from "@/lib/coverage/service";
import { handle, validQuery } from "@/lib/http/errors";
import { CSV_CONTENT_TYPE, incompleteSourcesHeader } from "@/lib/inventory/csv";

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return handle(async () => {
    const csv = await exportCoverage(validQuery(parseCoverageQuery(new URL(request.url).searchParams)));
    return new Response(csv.body, {
      headers: {
        "Content-Type": CSV_CONTENT_TYPE,
        "Content-Disposition": `attachment; filename="${csv.filename}"`,
        "Cache-Control": "no-store",
        ...incompleteSourcesHeader(csv.sources),
      },
    });
  });
}

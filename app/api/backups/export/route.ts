import { handle, validQuery } from "@/lib/http/errors";
import { CSV_CONTENT_TYPE } from "@/lib/inventory/csv";
import { parseBackupQuery } from "@/lib/inventory/query";
import { exportBackups } from "@/lib/inventory/service";

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return handle(async () => {
    const csv = await exportBackups(validQuery(parseBackupQuery(new URL(request.url).searchParams)));
    const failed = csv.sources
      .filter((source) => !source.ok)
      .map((source) => `${source.service}/${source.region}/${source.projectId}: ${source.error?.code ?? "error"}`);
    return new Response(csv.body, {
      headers: {
        "Content-Type": CSV_CONTENT_TYPE,
        "Content-Disposition": `attachment; filename="${csv.filename}"`,
        "Cache-Control": "no-store",
        // A CSV has no room for source status: name the sources whose backups are missing or incomplete.
        ...(failed.length > 0 ? { "X-Incomplete-Sources": failed.join(", ") } : {}),
      },
    });
  });
}

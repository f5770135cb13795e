import { csvFilename } from "@/lib/csv";
import { validQuery } from "@/lib/errors";
import { csvResponse } from "@/lib/http/csv";
import { handle } from "@/lib/http/errors";
import { parseBackupQuery } from "@/lib/inventory/query";
import { exportBackups } from "@/lib/inventory/service";

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return handle(async () => {
    const query = validQuery(parseBackupQuery(new URL(request.url).searchParams));
    const { body, frame } = await exportBackups(query);
    return csvResponse({ filename: csvFilename(new Date(), "backups"), body, sources: frame.sources });
  });
}

import { handle, validQuery } from "@/lib/http/errors";
import { csvResponse } from "@/lib/inventory/csv";
import { parseBackupQuery } from "@/lib/inventory/query";
import { exportBackups } from "@/lib/inventory/service";

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return handle(async () =>
    csvResponse(await exportBackups(validQuery(parseBackupQuery(new URL(request.url).searchParams)))),
  );
}

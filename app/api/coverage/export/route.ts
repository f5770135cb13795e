import { parseCoverageQuery } from "@/lib/coverage/query";
import { exportCoverage } from "@/lib/coverage/service";
import { handle, validQuery } from "@/lib/http/errors";
import { csvResponse } from "@/lib/inventory/csv";

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return handle(async () =>
    csvResponse(await exportCoverage(validQuery(parseCoverageQuery(new URL(request.url).searchParams)))),
  );
}

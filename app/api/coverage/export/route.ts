import { parseCoverageQuery } from "@/lib/coverage/query";
import { exportCoverage } from "@/lib/coverage/service";
import { validQuery } from "@/lib/errors";
import { handle } from "@/lib/http/errors";
import { csvResponse } from "@/lib/http/csv";

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return handle(async () =>
    csvResponse(await exportCoverage(validQuery(parseCoverageQuery(new URL(request.url).searchParams)))),
  );
}

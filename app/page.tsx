import { type ApiFailure, viewSearch } from "@/components/api";
import { BackupDashboard, type InitialView } from "@/components/BackupDashboard";
import { errorResponse } from "@/lib/http/errors";
import type { ApiErrorBody } from "@/lib/inventory/model";
import { type BackupQuery, parseBackupQuery } from "@/lib/inventory/query";
import { appMode, loadBackupPage } from "@/lib/inventory/service";

export const dynamic = "force-dynamic";

/** A failure as the API would have answered it: the same mapping, so the page and the API say the same. */
async function failureOf(error: unknown): Promise<ApiFailure> {
  const response = errorResponse(error);
  const body: ApiErrorBody = await response.json();
  return {
    status: response.status,
    code: body.error.code,
    message: body.error.message,
    issues: body.error.issues ?? [],
    sources: body.sources ?? [],
  };
}

async function loadInitialView(query: BackupQuery): Promise<InitialView> {
  const search = viewSearch(query);
  try {
    return { search, page: await loadBackupPage(query), failure: null, loadedAt: Date.now() };
  } catch (error) {
    return { search, page: null, failure: await failureOf(error), loadedAt: Date.now() };
  }
}

/**
 * The dashboard, rendered with the first page of the URL's view already in it. An invalid URL loads
 * nothing: the dashboard explains what is wrong and offers a reset.
 */
export default async function HomePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  // Unknown parameters (tracking tags on a shared link) do not spoil the view; the API itself rejects them.
  const parsed = parseBackupQuery(await searchParams, { unknown: "ignore" });
  const [mode, initial] = await Promise.all([
    appMode(),
    parsed.ok
      ? loadInitialView(parsed.value)
      : Promise.resolve<InitialView>({ search: "", page: null, failure: null, loadedAt: Date.now() }),
  ]);
  return <BackupDashboard mode={mode} initial={initial} />;
}

import { viewSearch } from "@/components/api";
import { BackupDashboard } from "@/components/backups/BackupDashboard";
import type { BackupPage } from "@/lib/inventory/model";
import { parseBackupQuery } from "@/lib/inventory/query";
import { appMode, loadBackupPage } from "@/lib/inventory/service";
import { loadInitial, nothingLoaded } from "@/lib/http/initial";

export const dynamic = "force-dynamic";

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
      ? loadInitial(viewSearch(parsed.value), () => loadBackupPage(parsed.value))
      : Promise.resolve(nothingLoaded<BackupPage>()),
  ]);
  return <BackupDashboard mode={mode} initial={initial} />;
}

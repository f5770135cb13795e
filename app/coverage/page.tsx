import type { Metadata } from "next";
import { coverageViewSearch } from "@/components/coverage/api";
import { CoverageView } from "@/components/coverage/CoverageView";
import { coverageQuerySchema } from "@/lib/coverage/query";
import type { CoveragePage as CoverageData } from "@/lib/coverage/model";
import { loadCoveragePage } from "@/lib/coverage/service";
import { getT } from "@/lib/i18n/server";
import { parseQuery } from "@/lib/params";
import { appMode } from "@/lib/inventory/service";
import { loadInitial, nothingLoaded } from "@/lib/http/initial";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const [t, tCommon] = await Promise.all([getT("coverage"), getT("common")]);
  return { title: `${t("title")} · ${tCommon("appName")}` };
}

/**
 * The coverage report, rendered with the first page of the URL's view already in it. An invalid URL loads
 * nothing: the view explains what is wrong and offers a reset.
 */
export default async function CoveragePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  // Unknown parameters (tracking tags on a shared link) do not spoil the view; the API itself rejects them.
  const parsed = parseQuery(coverageQuerySchema, await searchParams, { unknown: "ignore" });
  const [mode, initial] = await Promise.all([
    appMode(),
    parsed.ok
      ? loadInitial(coverageViewSearch(parsed.value), () => loadCoveragePage(parsed.value))
      : Promise.resolve(nothingLoaded<CoverageData>()),
  ]);
  return <CoverageView mode={mode} initial={initial} />;
}

import type { Metadata } from "next";
import { RestoreFinder } from "@/components/restore/RestoreFinder";
import { getT } from "@/lib/i18n/server";
import { appMode } from "@/lib/inventory/service";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const [t, tCommon] = await Promise.all([getT("restore"), getT("common")]);
  return { title: `${t("title")} · ${tCommon("appName")}` };
}

/** The restore-point finder. The answer depends on the browser's time zone for its input, so the browser asks. */
export default async function RestorePage() {
  return <RestoreFinder mode={await appMode()} />;
}

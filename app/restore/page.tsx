import type { Metadata } from "next";
import { RestoreFinder } from "@/components/restore/RestoreFinder";
import { requestLocale } from "@/lib/i18n/server";
import { translator } from "@/lib/i18n/translator";
import { appMode } from "@/lib/inventory/service";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const locale = await requestLocale();
  return {
    title: `${translator(locale, "restore")("title")} · ${translator(locale, "common")("appName")}`,
  };
}

/** The restore-point finder. The answer depends on the browser's time zone for its input, so the browser asks. */
export default async function RestorePage() {
  return <RestoreFinder mode={await appMode()} />;
}

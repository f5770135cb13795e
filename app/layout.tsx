import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { I18nProvider } from "@/components/i18n";
import { MESSAGES } from "@/lib/i18n/messages";
import { getT, requestLocale, requestTimeZone } from "@/lib/i18n/server";
import { Providers } from "./providers";
// Bundled with the app, so the page looks (and its table measures) the same on every machine, offline too.
import "@fontsource-variable/inter";
import "./globals.css";

const ICONS: Metadata["icons"] = {
  // Inline, so the browser's favicon request has an answer without a static file.
  icon: "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 24 24' fill='none' stroke='%232563eb' stroke-width='2' stroke-linecap='round' stroke-linejoin='round'%3E%3Cellipse cx='12' cy='5' rx='9' ry='3'/%3E%3Cpath d='M3 5v14a9 3 0 0 0 18 0V5'/%3E%3Cpath d='M3 12a9 3 0 0 0 18 0'/%3E%3C/svg%3E",
};

/** The title and description in the request's language. */
export async function generateMetadata(): Promise<Metadata> {
  const t = await getT("common");
  return { title: t("appName"), description: t("description"), icons: ICONS };
}

export const viewport: Viewport = {
  colorScheme: "light dark",
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#f8fafc" },
    { media: "(prefers-color-scheme: dark)", color: "#020617" },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [locale, timeZone] = await Promise.all([requestLocale(), requestTimeZone()]);
  return (
    <html lang={locale}>
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
        {/* Only the request's language goes to the browser, as data; with it the zone the server wrote times in. */}
        <I18nProvider locale={locale} messages={MESSAGES[locale]} timeZone={timeZone}>
          <Providers>{children}</Providers>
        </I18nProvider>
      </body>
    </html>
  );
}

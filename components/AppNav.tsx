"use client";

import Link from "next/link";
import { useT } from "./i18n";
import { focusRing } from "./styles";

const PAGES = [
  { page: "backups", href: "/" },
  { page: "coverage", href: "/coverage" },
  { page: "restore", href: "/restore" },
] as const;

export type AppPage = (typeof PAGES)[number]["page"];

/** The links between the app's pages; the current one is marked for the eye and for screen readers. */
export function AppNav({ current }: { current: AppPage }) {
  const t = useT("common");
  return (
    <nav aria-label={t("nav.label")} className="-mx-1 flex flex-wrap gap-1 text-sm font-medium">
      {PAGES.map(({ page, href }) => (
        <Link
          key={page}
          href={href}
          aria-current={page === current ? "page" : undefined}
          className={`rounded-md px-2.5 py-1.5 ${focusRing} ${
            page === current
              ? "bg-blue-600/10 text-blue-800 dark:bg-blue-400/15 dark:text-blue-200"
              : "text-slate-600 hover:bg-slate-200/60 hover:text-slate-900 dark:text-slate-400 dark:hover:bg-slate-800 dark:hover:text-white"
          }`}
        >
          {t(`nav.${page}`)}
        </Link>
      ))}
    </nav>
  );
}

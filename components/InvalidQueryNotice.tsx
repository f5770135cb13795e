"use client";

import Link from "next/link";
import { Link2Off } from "lucide-react";
import type { QueryIssue } from "@/lib/inventory/query";
import { useT } from "./i18n";

/** The URL does not describe a valid view (a hand-edited or truncated link): say what is wrong, offer a reset. */
export function InvalidQueryNotice({ issues }: { issues: QueryIssue[] }) {
  const t = useT("dashboard");
  return (
    <section
      role="alert"
      data-testid="invalid-query"
      className="mx-auto mt-10 max-w-xl rounded-lg border border-red-200 bg-white p-6 shadow-sm dark:border-red-500/30 dark:bg-slate-900"
    >
      <h2 className="flex items-center gap-2 text-lg font-semibold text-red-800 dark:text-red-300">
        <Link2Off aria-hidden="true" className="size-5" />
        {t("invalidLink.title")}
      </h2>
      <p className="mt-2 text-sm text-slate-700 dark:text-slate-300">{t("invalidLink.text")}</p>
      <ul className="mt-2 list-disc space-y-1 pl-5 text-sm">
        {issues.map((issue) => (
          <li key={`${issue.path}:${issue.message}`}>
            <code className="font-mono font-semibold">{issue.path || t("error.wholeQuery")}</code>: {issue.message}
          </li>
        ))}
      </ul>
      <Link
        href="/"
        className="mt-5 inline-flex h-9 items-center rounded-md bg-blue-600 px-3 text-sm font-medium text-white hover:bg-blue-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
      >
        {t("invalidLink.reset")}
      </Link>
    </section>
  );
}

"use client";

import { Link2Off } from "lucide-react";
import Link from "next/link";
import type { QueryIssue } from "@/lib/params";
import { useT } from "./i18n";
import { primaryButtonClass } from "./styles";

/**
 * The URL does not describe a valid view (a hand-edited or truncated link): say what is wrong and, where the page
 * cannot show anything without a valid view, offer a reset. `inline`: a smaller notice above a page that still works.
 */
export function InvalidQueryNotice({
  issues,
  title,
  intro,
  reset,
  inline = false,
}: {
  issues: QueryIssue[];
  title: string;
  intro?: string;
  reset?: { href: string; label: string };
  inline?: boolean;
}) {
  const t = useT("dashboard");
  return (
    <section
      role="alert"
      data-testid="invalid-query"
      className={`rounded-lg border border-red-200 bg-white shadow-sm dark:border-red-500/30 dark:bg-slate-900 ${inline ? "p-4 text-sm" : "mx-auto mt-10 max-w-xl p-6"}`}
    >
      <h2
        className={`flex items-center gap-2 font-semibold text-red-800 dark:text-red-300 ${inline ? "" : "text-lg"}`}
      >
        <Link2Off aria-hidden="true" className={inline ? "size-4" : "size-5"} />
        {title}
      </h2>
      {intro ? <p className="mt-2 text-sm text-slate-700 dark:text-slate-300">{intro}</p> : null}
      <ul className={`mt-2 list-disc space-y-1 pl-5 ${inline ? "" : "text-sm"}`}>
        {issues.map((issue) => (
          <li key={`${issue.path}:${issue.message}`}>
            <code className="font-mono font-semibold">{issue.path || t("error.wholeQuery")}</code>: {issue.message}
          </li>
        ))}
      </ul>
      {reset ? (
        <Link href={reset.href} className={`mt-5 ${primaryButtonClass}`}>
          {reset.label}
        </Link>
      ) : null}
    </section>
  );
}

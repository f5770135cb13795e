"use client";

import { CloudOff, RotateCw } from "lucide-react";
import type { Translate } from "@/lib/i18n/translator";
import type { ApiFailure } from "@/lib/http/types";
import { useT } from "./i18n";
import { SourceList } from "./SourceList";
import { buttonClass } from "./styles";

function titleOf(failure: ApiFailure, t: Translate<"dashboard">): string {
  switch (failure.code) {
    case "upstream_unavailable":
      return t("error.title.upstreamUnavailable");
    case "invalid_query":
      return t("error.title.invalidQuery");
    case "network_error":
      return t("error.title.network");
    default:
      return t("error.title.other");
  }
}

/**
 * What went wrong, in the page's language. The failures the browser itself saw are described here; a
 * failure only the server can explain (its configuration) keeps the server's words, framed.
 */
export function failureText(failure: ApiFailure, t: Translate<"dashboard">): string {
  switch (failure.code) {
    case "network_error":
      return t("error.message.network");
    case "bad_response":
      return t("error.message.badResponse");
    case "invalid_query":
      return t("error.message.invalidQuery");
    case "internal_error":
      return t("error.message.internal");
    case "client_error":
      return t("error.message.page", { message: failure.message });
    case "upstream_unavailable":
      return failure.sources.length > 0 ? t("error.title.upstreamUnavailable") : t("error.message.noSources");
  }
  if (/^http_\d+$/.test(failure.code)) return t("error.message.http", { status: failure.code.slice(5) });
  return t("error.message.server", { message: failure.message });
}

/** The request failed: say why instead of showing an empty table. */
export function ErrorState({
  failure,
  title,
  retrying,
  onRetry,
  onClearFilters,
}: {
  failure: ApiFailure;
  /** Overrides the title the failure's code gives (a failed refresh says so). */
  title?: string;
  retrying: boolean;
  onRetry: () => void;
  onClearFilters: (() => void) | null;
}) {
  const t = useT("dashboard");
  const failedSources = failure.sources.filter((source) => !source.ok);
  // The list of failed sources says it all; a sentence above it would say it again.
  const message = failure.code === "upstream_unavailable" && failedSources.length > 0 ? null : failureText(failure, t);
  return (
    <section
      role="alert"
      data-testid="error-state"
      className="rounded-lg border border-red-200 bg-white p-6 shadow-sm dark:border-red-500/30 dark:bg-slate-900"
    >
      <h2 className="flex items-center gap-2 text-lg font-semibold text-red-800 dark:text-red-300">
        <CloudOff aria-hidden="true" className="size-5 shrink-0" />
        {title ?? titleOf(failure, t)}
      </h2>
      {message ? <p className="mt-2 text-sm text-slate-800 dark:text-slate-200">{message}</p> : null}
      <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">
        {t.rich("error.code", { code: <code className="font-mono">{failure.code}</code> })}
        {failure.status ? ` · HTTP ${failure.status}` : ""}
      </p>
      {failure.issues.length > 0 ? (
        <ul className="mt-3 list-disc space-y-1 pl-5 text-sm">
          {failure.issues.map((issue) => (
            <li key={`${issue.path}:${issue.message}`}>
              <code className="font-mono font-semibold">{issue.path || t("error.wholeQuery")}</code>: {issue.message}
            </li>
          ))}
        </ul>
      ) : null}
      {failedSources.length > 0 ? (
        <div className="mt-4 rounded-md bg-red-50 p-3 text-red-950 dark:bg-red-500/10 dark:text-red-100">
          <p className="text-sm font-medium">{t("error.everySourceFailed")}</p>
          <SourceList sources={failedSources} />
        </div>
      ) : null}
      <div className="mt-5 flex flex-wrap gap-2">
        <button type="button" className={buttonClass} onClick={onRetry} disabled={retrying}>
          <RotateCw aria-hidden="true" className={`size-4 ${retrying ? "animate-spin" : ""}`} />
          {retrying ? t("error.tryingAgain") : t("error.tryAgain")}
        </button>
        {onClearFilters ? (
          <button type="button" className={buttonClass} onClick={onClearFilters}>
            {t("toolbar.clearFilters")}
          </button>
        ) : null}
      </div>
    </section>
  );
}

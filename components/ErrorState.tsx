import { CloudOff, RotateCw } from "lucide-react";
import type { ApiFailure } from "./api";
import { SourceList } from "./SourceList";
import { buttonClass } from "./styles";

function title(failure: ApiFailure): string {
  switch (failure.code) {
    case "upstream_unavailable":
      return "No cloud source answered";
    case "invalid_query":
      return "The server refused these filters";
    case "network_error":
      return "The dashboard server cannot be reached";
    default:
      return "The backups could not be loaded";
  }
}

/** The request failed: say why, in the server's words, instead of showing an empty table. */
export function ErrorState({
  failure,
  retrying,
  onRetry,
  onClearFilters,
}: {
  failure: ApiFailure;
  retrying: boolean;
  onRetry: () => void;
  onClearFilters: (() => void) | null;
}) {
  const failedSources = failure.sources.filter((source) => !source.ok);
  return (
    <section
      role="alert"
      data-testid="error-state"
      className="rounded-lg border border-red-200 bg-white p-6 shadow-sm dark:border-red-500/30 dark:bg-slate-900"
    >
      <h2 className="flex items-center gap-2 text-lg font-semibold text-red-800 dark:text-red-300">
        <CloudOff aria-hidden="true" className="size-5 shrink-0" />
        {title(failure)}
      </h2>
      <p className="mt-2 text-sm text-slate-800 dark:text-slate-200">{failure.message}</p>
      <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">
        Error <code className="font-mono">{failure.code}</code>
        {failure.status ? ` · HTTP ${failure.status}` : ""}
      </p>
      {failure.issues.length > 0 ? (
        <ul className="mt-3 list-disc space-y-1 pl-5 text-sm">
          {failure.issues.map((issue) => (
            <li key={`${issue.path}:${issue.message}`}>
              <code className="font-mono font-semibold">{issue.path || "query"}</code>: {issue.message}
            </li>
          ))}
        </ul>
      ) : null}
      {failedSources.length > 0 ? (
        <div className="mt-4 rounded-md bg-red-50 p-3 text-red-950 dark:bg-red-500/10 dark:text-red-100">
          <p className="text-sm font-medium">Every source failed:</p>
          <SourceList sources={failedSources} />
        </div>
      ) : null}
      <div className="mt-5 flex flex-wrap gap-2">
        <button type="button" className={buttonClass} onClick={onRetry} disabled={retrying}>
          <RotateCw aria-hidden="true" className={`size-4 ${retrying ? "animate-spin" : ""}`} />
          {retrying ? "Trying again…" : "Try again"}
        </button>
        {onClearFilters ? (
          <button type="button" className={buttonClass} onClick={onClearFilters}>
            Clear filters
          </button>
        ) : null}
      </div>
    </section>
  );
}

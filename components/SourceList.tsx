import type { Source } from "@/lib/inventory/model";
import { SERVICE_LABELS } from "./labels";

/** Names each failed source: service, region, project, and the error the cloud gave. */
export function SourceList({ sources }: { sources: Source[] }) {
  return (
    <ul className="mt-2 space-y-1 text-sm">
      {sources.map((source) => (
        <li key={`${source.service}:${source.region}:${source.projectId}`} data-testid="failed-source">
          <span className="font-semibold">
            {SERVICE_LABELS[source.service]} · {source.region}
          </span>
          {source.error ? (
            <>
              : <code className="rounded bg-black/5 px-1 font-mono text-xs dark:bg-white/10">{source.error.code}</code>{" "}
              {source.error.message}
              {source.error.httpStatus ? ` (HTTP ${source.error.httpStatus})` : ""}
            </>
          ) : (
            ": no answer"
          )}
        </li>
      ))}
    </ul>
  );
}

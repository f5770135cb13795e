import type { Source, SourceError } from "@/lib/inventory/model";
import { SERVICE_LABELS } from "./labels";

/** The error's message without what the line shows already (a leading code, the HTTP status). */
function messageOf(error: SourceError): string {
  const message = error.message.startsWith(`${error.code}:`)
    ? error.message.slice(error.code.length + 1).trim()
    : error.message;
  return error.httpStatus && !message.includes(`HTTP ${error.httpStatus}`)
    ? `${message} (HTTP ${error.httpStatus})`
    : message;
}

/** Names each failed source: service, region, and the error the cloud gave. */
export function SourceList({ sources }: { sources: Source[] }) {
  return (
    <ul className="mt-2 space-y-1 text-sm [overflow-wrap:anywhere]">
      {sources.map((source) => (
        <li key={`${source.service}:${source.region}:${source.projectId}`} data-testid="failed-source">
          <span className="font-semibold">
            {SERVICE_LABELS[source.service]} · {source.region}
          </span>
          {source.error ? (
            <>
              : <code className="rounded bg-black/5 px-1 font-mono text-xs dark:bg-white/10">{source.error.code}</code>{" "}
              {messageOf(source.error)}
            </>
          ) : (
            ": no answer"
          )}
        </li>
      ))}
    </ul>
  );
}

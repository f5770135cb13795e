"use client";

import type { Source, SourceError } from "@/lib/inventory/model";
import { useT } from "./i18n";
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

/** "RDS · cn-north-4": a source by its service and region (product names and region codes stay as they are). */
export function sourceName(source: Pick<Source, "service" | "region">): string {
  return `${SERVICE_LABELS[source.service]} · ${source.region}`;
}

/**
 * Names each failed source: service, region, the error the cloud gave (in the cloud's words) and the ID of the
 * failed request, for a support ticket.
 */
export function SourceList({ sources }: { sources: Source[] }) {
  const t = useT("dashboard");
  return (
    <ul className="mt-2 space-y-1 text-sm [overflow-wrap:anywhere]">
      {sources.map((source) => {
        const name = <span className="font-semibold">{sourceName(source)}</span>;
        return (
          <li key={`${source.service}:${source.region}:${source.projectId}`} data-testid="failed-source">
            {source.error
              ? t.rich("sources.failed", {
                  source: name,
                  code: (
                    <code translate="no" className="rounded bg-black/5 px-1 font-mono text-xs dark:bg-white/10">
                      {source.error.code}
                    </code>
                  ),
                  // The cloud's words (and codes): left as they are, also by a browser's page translation.
                  message: <span translate="no">{messageOf(source.error)}</span>,
                })
              : t.rich("sources.noAnswer", { source: name })}
            {source.error?.requestId ? (
              <span className="text-xs opacity-80">
                {" · "}
                {t.rich("sources.requestId", {
                  id: (
                    <code translate="no" className="font-mono">
                      {source.error.requestId}
                    </code>
                  ),
                })}
              </span>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

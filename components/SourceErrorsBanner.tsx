import { CircleX, TriangleDashed } from "lucide-react";
import type { Source } from "@/lib/inventory/model";
import { SERVICE_LABELS } from "./labels";
import { SourceList } from "./SourceList";

/**
 * What is missing from the table: sources that failed (the table holds the others' backups only), and
 * records a source sent that could not be read.
 */
export function SourceErrorsBanner({ sources }: { sources: Source[] }) {
  const failed = sources.filter((source) => !source.ok);
  const unreadable = sources.filter((source) => source.ok && source.invalidRecords.length > 0);
  return (
    <>
      {failed.length > 0 ? (
        <section
          aria-labelledby="source-errors-title"
          data-testid="source-errors"
          className="flex gap-3 rounded-lg border border-amber-300 bg-amber-50 p-4 text-amber-950 dark:border-amber-500/40 dark:bg-amber-500/10 dark:text-amber-100"
        >
          <CircleX aria-hidden="true" className="mt-0.5 size-5 shrink-0 text-amber-600 dark:text-amber-400" />
          <div className="min-w-0">
            <h2 id="source-errors-title" className="font-semibold">
              {failed.length === 1 ? "1 source" : `${failed.length} sources`} of {sources.length} did not answer — their
              backups are missing below
            </h2>
            <SourceList sources={failed} />
          </div>
        </section>
      ) : null}
      {unreadable.length > 0 ? (
        <section
          aria-labelledby="unreadable-records-title"
          data-testid="unreadable-records"
          className="flex gap-3 rounded-lg border border-amber-200 bg-white p-4 text-slate-800 dark:border-amber-500/30 dark:bg-slate-900 dark:text-slate-200"
        >
          <TriangleDashed aria-hidden="true" className="mt-0.5 size-5 shrink-0 text-amber-600 dark:text-amber-400" />
          <div className="min-w-0">
            <h2 id="unreadable-records-title" className="font-semibold">
              Some records could not be read and are left out
            </h2>
            <ul className="mt-2 space-y-1 text-sm">
              {unreadable.map((source) => (
                <li key={`${source.service}:${source.region}:${source.projectId}`}>
                  <span className="font-semibold">
                    {SERVICE_LABELS[source.service]} · {source.region}
                  </span>
                  : {source.invalidRecords.length === 1 ? "1 record" : `${source.invalidRecords.length} records`} (
                  {source.invalidRecords
                    .slice(0, 3)
                    .map((record) => `${record.id}: ${record.message}`)
                    .join("; ")}
                  {source.invalidRecords.length > 3 ? "; …" : ""})
                </li>
              ))}
            </ul>
          </div>
        </section>
      ) : null}
    </>
  );
}

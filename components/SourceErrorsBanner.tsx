import { CircleX } from "lucide-react";
import type { Source } from "@/lib/inventory/model";
import { SourceList } from "./SourceList";

/** Some sources failed: say which, and that the table holds the others' backups only. */
export function SourceErrorsBanner({ sources }: { sources: Source[] }) {
  const failed = sources.filter((source) => !source.ok);
  if (failed.length === 0) return null;
  return (
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
  );
}

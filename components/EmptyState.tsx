import { SearchX } from "lucide-react";
import { buttonClass } from "./styles";

/** Nothing to list: because of the filters, because of the page, or because there are no backups at all. */
export function EmptyState({
  filtered,
  pastLastPage,
  failedSources,
  onClearFilters,
  onLastPage,
}: {
  filtered: boolean;
  pastLastPage: boolean;
  /** Sources that did not answer: what they hold is unknown, so "none" would not be true. */
  failedSources: number;
  onClearFilters: () => void;
  onLastPage: () => void;
}) {
  return (
    <div data-testid="empty-state" className="flex flex-col items-center gap-3 px-6 py-16 text-center">
      <SearchX aria-hidden="true" className="size-10 text-slate-300 dark:text-slate-600" />
      {pastLastPage ? (
        <>
          <p className="text-base font-semibold">This page is past the last one</p>
          <button type="button" className={buttonClass} onClick={onLastPage}>
            Go to the last page
          </button>
        </>
      ) : failedSources > 0 ? (
        <>
          <p className="text-base font-semibold">No backups from the sources that answered</p>
          <p className="max-w-md text-sm text-slate-600 dark:text-slate-400">
            {failedSources === 1 ? "1 source" : `${failedSources} sources`} did not answer (see above); their backups
            may match.
          </p>
          {filtered ? (
            <button type="button" className={buttonClass} onClick={onClearFilters}>
              Clear filters
            </button>
          ) : null}
        </>
      ) : filtered ? (
        <>
          <p className="text-base font-semibold">No backups match these filters</p>
          <p className="max-w-md text-sm text-slate-600 dark:text-slate-400">
            Try a wider time range or fewer filters.
          </p>
          <button type="button" className={buttonClass} onClick={onClearFilters}>
            Clear filters
          </button>
        </>
      ) : (
        <>
          <p className="text-base font-semibold">No backups found</p>
          <p className="max-w-md text-sm text-slate-600 dark:text-slate-400">
            The configured projects answered, and none of their instances has a backup.
          </p>
        </>
      )}
    </div>
  );
}

"use client";

import { useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useState } from "react";
import type { ParseResult, QueryIssue } from "@/lib/params";

export interface UrlQuery<T> {
  /** The query in the URL; null when the URL does not parse (then `issues` says why). */
  query: T | null;
  issues: QueryIssue[];
  /** Moves to another query: a new history entry, so back and forward walk through views. */
  show: (next: T) => void;
}

/**
 * A page's view that lives in the URL. Writing it uses the history API directly: Next.js keeps
 * useSearchParams in step with pushState without asking the server for the page again (React Query
 * fetches the data). Next applies the new URL in a transition, so the view written last is shown at
 * once (a ticked checkbox stays ticked) until the URL catches up or moves elsewhere (back, forward).
 * `parse` and `serialize` must be stable (module-level) functions.
 */
export function useUrlQuery<T>(
  parse: (params: URLSearchParams) => ParseResult<T>,
  serialize: (query: T) => string,
): UrlQuery<T> {
  const urlSearch = useSearchParams().toString();
  const [written, setWritten] = useState<{ search: string; over: string } | null>(null);
  // Once the URL has moved on, or the user walks the history (which may return to where the write started
  // before Next caught up), the URL is the truth again.
  if (written && written.over !== urlSearch) setWritten(null);
  useEffect(() => {
    const forget = () => setWritten(null);
    window.addEventListener("popstate", forget);
    return () => window.removeEventListener("popstate", forget);
  }, []);
  const search = written && written.over === urlSearch ? written.search : urlSearch;
  const parsed = useMemo(() => parse(new URLSearchParams(search)), [parse, search]);

  const show = useCallback(
    (next: T) => {
      const nextSearch = serialize(next);
      if (nextSearch === search) return;
      setWritten({ search: nextSearch, over: urlSearch });
      window.history.pushState(null, "", nextSearch ? `?${nextSearch}` : window.location.pathname);
    },
    [serialize, search, urlSearch],
  );

  return { query: parsed.ok ? parsed.value : null, issues: parsed.ok ? [] : parsed.issues, show };
}

"use client";

import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import type { ApiFailure, InitialData } from "@/lib/http/types";
import type { InventoryFrame } from "@/lib/inventory/model";
import { ApiError, failureOf } from "./api";
import { isInventoryQuery, type QueryRoot, queryKey } from "./queryKeys";

type Fetch<Q, T> = (query: Q, options: { signal?: AbortSignal }) => Promise<T>;

/** How often the view is asked again while a sync runs, so that the table follows what the sync stores. */
export const SYNC_POLL_MS = 2_000;

/**
 * A page's data for the view in the URL: the server's first answer (or failure), then React Query, keeping the
 * previous view's data on screen while the next loads. While the answer says a sync is under way, the view is asked
 * again every SYNC_POLL_MS; once the sync has ended, every other answer read from the inventory is stale.
 */
export function useServerFirstQuery<Q, T extends InventoryFrame>({
  root,
  query,
  viewSearch,
  fetchPage,
  initial,
}: {
  root: QueryRoot;
  query: Q;
  viewSearch: (query: Q) => string;
  fetchPage: Fetch<Q, T>;
  initial: InitialData<T>;
}) {
  const queryClient = useQueryClient();
  const search = viewSearch(query);
  const isInitialView = search === initial.search;
  // The server just tried this view and failed: show that rather than ask again at once (Try again does).
  const [leftInitialView, setLeftInitialView] = useState(false);
  if (!isInitialView && !leftInitialView) setLeftInitialView(true);
  const initialFailure = isInitialView && !leftInitialView ? initial.failure : null;

  const key = queryKey(root, search);
  const data = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => fetchPage(query, { signal }),
    placeholderData: keepPreviousData,
    initialData: isInitialView && initial.page ? initial.page : undefined,
    initialDataUpdatedAt: initial.loadedAt,
    enabled: initialFailure === null,
    // The store changes only when a sync commits; a sync under way is followed by the interval below.
    staleTime: 60_000,
    refetchInterval: (current) => (current.state.data?.sync.state === "syncing" ? SYNC_POLL_MS : false),
    // The server reads its store; only a lost connection is worth another go here.
    retry: (count, error) => error instanceof ApiError && error.failure.status === null && count < 2,
  });

  // A sync has ended: the other views (the chart, the instance list, other pages' views) are older than it.
  const syncState = data.data?.sync.state;
  const lastSyncState = useRef(syncState);
  useEffect(() => {
    if (lastSyncState.current === "syncing" && syncState !== "syncing")
      void queryClient.invalidateQueries({
        predicate: (cached) => isInventoryQuery(cached.queryKey) && cached.queryKey.join("\u0000") !== key.join("\u0000"),
      });
    lastSyncState.current = syncState;
  });

  const failure: ApiFailure | null = data.isError ? failureOf(data.error) : data.isPending ? initialFailure : null;

  return {
    /** The view's data; none while it loads or when it failed. */
    page: data.isError ? undefined : data.data,
    failure,
    /** Loading this view (asking it again while a sync runs is not: its rows stay usable meanwhile). */
    busy: data.isFetching && !(data.isRefetching && syncState === "syncing"),
    fetching: data.isFetching,
    retry: () => data.refetch(),
  };
}

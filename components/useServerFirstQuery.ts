"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { InitialData } from "@/lib/http/types";
import type { ApiFailure } from "@/lib/http/types";
import { ApiError, failureOf } from "./api";

type Fetch<Q, T> = (query: Q, options: { refresh?: boolean; signal?: AbortSignal }) => Promise<T>;

/**
 * A page's data for the view in the URL: the server's first answer (or failure), then React Query, keeping the
 * previous view's data on screen while the next loads. `refresh` goes past the server's cache; it makes every
 * other cached view under `cacheRoot`, and the queries under `alsoStale`, stale.
 */
export function useServerFirstQuery<Q, T>({
  cacheRoot,
  query,
  viewSearch,
  fetchPage,
  initial,
  alsoStale = [],
}: {
  cacheRoot: string;
  query: Q;
  viewSearch: (query: Q) => string;
  fetchPage: Fetch<Q, T>;
  initial: InitialData<T>;
  alsoStale?: readonly (readonly string[])[];
}) {
  const queryClient = useQueryClient();
  const search = viewSearch(query);
  const isInitialView = search === initial.search;
  // The server just tried this view and failed: show that rather than ask again at once (Try again does).
  const [leftInitialView, setLeftInitialView] = useState(false);
  if (!isInitialView && !leftInitialView) setLeftInitialView(true);
  const initialFailure = isInitialView && !leftInitialView ? initial.failure : null;

  const data = useQuery({
    queryKey: [cacheRoot, search],
    queryFn: ({ signal }) => fetchPage(query, { signal }),
    placeholderData: keepPreviousData,
    initialData: isInitialView && initial.page ? initial.page : undefined,
    initialDataUpdatedAt: initial.loadedAt,
    enabled: initialFailure === null,
    // The server caches the cloud's answers; asking it again within a minute gains nothing.
    staleTime: 60_000,
    // The server already retries the cloud; only a lost connection is worth another go here.
    retry: (count, error) => error instanceof ApiError && error.failure.status === null && count < 2,
  });

  const refresh = useMutation({
    mutationFn: (target: Q) => fetchPage(target, { refresh: true }),
    onSuccess: (page, target) => {
      // Every other cached view is now older than this one: refetch each when it is next shown.
      queryClient.invalidateQueries({ queryKey: [cacheRoot], refetchType: "none" });
      for (const queryKey of alsoStale) queryClient.invalidateQueries({ queryKey, refetchType: "none" });
      queryClient.setQueryData([cacheRoot, viewSearch(target)], page);
    },
  });

  const failure: ApiFailure | null = data.isError ? failureOf(data.error) : data.isPending ? initialFailure : null;
  // A failed refresh of this view, while its older data is still on screen (a failed view says so itself).
  const refreshFailure =
    refresh.isError && refresh.variables && viewSearch(refresh.variables) === search && !failure
      ? failureOf(refresh.error)
      : null;

  return {
    /** The view's data; none while it loads or when it failed. */
    page: data.isError ? undefined : data.data,
    failure,
    refreshFailure,
    /** Loading this view or refreshing it. */
    busy: data.isFetching || refresh.isPending,
    fetching: data.isFetching,
    retry: () => data.refetch(),
    refreshing: refresh.isPending,
    refresh: () => refresh.mutate(query),
  };
}

"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import * as Tooltip from "@radix-ui/react-tooltip";
import { CloudCheck, CloudOff, RefreshCw } from "lucide-react";
import type { InventoryFrame, Source } from "@/lib/inventory/model";
import { failureOf, startSync } from "../api";
import { ErrorState } from "../ErrorState";
import { formatAgo, formatCount } from "../format";
import { useLocale, useT } from "../i18n";
import { LocalTime } from "../LocalTime";
import { isInventoryQuery } from "../queryKeys";
import { sourceName } from "../SourceList";
import { buttonClass } from "../styles";
import { useNow } from "./useNow";

/**
 * How fresh the page's data is and the sync behind it (docs/api.md, `sync`): "Synced 2 minutes ago" with each
 * source's last sync on hover, and "Sync now" (`POST /api/sync`). While a sync runs the button says so, and the
 * page's data is asked again until it has ended (useServerFirstQuery).
 */

/** "2 minutes ago", "just now"; before hydration null (the caller shows the time itself). */
function useAgo(): (iso: string) => string | null {
  const t = useT("common");
  const locale = useLocale();
  const now = useNow();
  return (iso) => (now === null ? null : (formatAgo(now - Date.parse(iso), locale) ?? t("sync.justNow")));
}

function SourceLine({ source, ago }: { source: Source; ago: (iso: string) => string | null }) {
  const t = useT("common");
  const when = (iso: string) => ago(iso) ?? iso;
  const state = !source.ok
    ? source.lastSyncedAt
      ? t("sync.sourceFailing", { code: source.error?.code ?? "error", ago: when(source.lastSyncedAt) })
      : t("sync.sourceFailingEmpty", { code: source.error?.code ?? "error" })
    : source.lastSyncedAt && source.complete
      ? t("sync.sourceSynced", { ago: when(source.lastSyncedAt) })
      : t("sync.sourceFirstSync");
  return (
    <li className={source.ok ? "" : "text-amber-300 dark:text-amber-700"}>
      {t("sync.source", { source: sourceName(source), state })}
    </li>
  );
}

export function SyncStatus({ frame }: { frame: InventoryFrame }) {
  const t = useT("common");
  const ago = useAgo();
  const queryClient = useQueryClient();
  const syncNow = useMutation({
    mutationFn: startSync,
    // Every view asks again: its answer says the sync is under way, and is then followed until it ends.
    onSuccess: () => queryClient.invalidateQueries({ predicate: (query) => isInventoryQuery(query.queryKey) }),
  });
  const syncing = frame.sync.state === "syncing" || syncNow.isPending;
  const failing = frame.sources.some((source) => !source.ok);
  const Icon = failing ? CloudOff : CloudCheck;
  const fetchedAgo = frame.fetchedAt ? ago(frame.fetchedAt) : null;
  return (
    <div className="flex flex-col items-end gap-2">
      <div className="flex flex-wrap items-center justify-end gap-2">
        <Tooltip.Root>
          <Tooltip.Trigger asChild>
            {/* A button, so that the sources' list opens on focus too. */}
            <button
              type="button"
              data-testid="sync-status"
              className="inline-flex items-center gap-1.5 rounded text-sm text-slate-600 underline decoration-dotted underline-offset-4 focus-visible:outline-2 focus-visible:outline-blue-600 dark:text-slate-400"
            >
              <Icon
                aria-hidden="true"
                className={`size-4 ${failing ? "text-amber-600 dark:text-amber-400" : "text-emerald-600 dark:text-emerald-400"}`}
              />
              {frame.fetchedAt === null
                ? t("sync.never")
                : fetchedAgo === null
                  ? t.rich("sync.syncedAt", { time: <LocalTime iso={frame.fetchedAt} withSeconds /> })
                  : t("sync.synced", { ago: fetchedAgo })}
            </button>
          </Tooltip.Trigger>
          <Tooltip.Portal>
            <Tooltip.Content
              side="bottom"
              align="end"
              sideOffset={6}
              data-testid="sync-sources"
              className="z-50 max-w-sm rounded-md bg-slate-900 px-3 py-2 text-xs text-white shadow-lg dark:bg-slate-100 dark:text-slate-900"
            >
              <p className="mb-1 font-semibold">{t("sync.sourcesTitle")}</p>
              <ul className="space-y-0.5">
                {frame.sources.map((source) => (
                  <SourceLine key={`${source.service}:${source.region}:${source.projectId}`} source={source} ago={ago} />
                ))}
              </ul>
              <Tooltip.Arrow className="fill-slate-900 dark:fill-slate-100" />
            </Tooltip.Content>
          </Tooltip.Portal>
        </Tooltip.Root>
        <button
          type="button"
          className={buttonClass}
          onClick={() => syncNow.mutate()}
          disabled={syncing}
          aria-label={syncing ? t("sync.syncingLabel") : t("sync.syncNowLabel")}
        >
          <RefreshCw aria-hidden="true" className={`size-4 ${syncing ? "animate-spin" : ""}`} />
          {syncing ? t("sync.syncing") : t("sync.syncNow")}
        </button>
      </div>
      {syncNow.isError ? (
        <ErrorState
          failure={failureOf(syncNow.error)}
          title={t("sync.failed")}
          retrying={syncNow.isPending}
          onRetry={() => syncNow.mutate()}
          onClearFilters={null}
        />
      ) : null}
    </div>
  );
}

/**
 * During a first sync (a source of the view has not finished its first complete listing), how far it has come
 * and that the answers are partial meanwhile.
 */
export function FirstSyncProgress({ frame }: { frame: InventoryFrame }) {
  const t = useT("common");
  const locale = useLocale();
  const { sync, sources } = frame;
  if (sync.state !== "syncing" || sources.every((source) => source.complete || !source.ok)) return null;
  const progress = sync.progress;
  const percent = progress && progress.callsPlanned > 0 ? (100 * progress.callsDone) / progress.callsPlanned : 0;
  const label = progress
    ? t("sync.firstSync", {
        done: formatCount(progress.callsDone, locale),
        planned: formatCount(progress.callsPlanned, locale),
      })
    : t("sync.firstSyncStarting");
  return (
    <section
      data-testid="first-sync"
      aria-live="polite"
      className="rounded-lg border border-blue-200 bg-blue-50 p-3 text-sm text-blue-950 dark:border-blue-500/30 dark:bg-blue-500/10 dark:text-blue-100"
    >
      <p className="font-semibold">{label}</p>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(percent)}
        className="mt-2 h-2 overflow-hidden rounded-full bg-blue-100 dark:bg-blue-950"
      >
        <div className="h-full rounded-full bg-blue-600 transition-[width]" style={{ width: `${percent}%` }} />
      </div>
      <p className="mt-2 text-blue-900/80 dark:text-blue-100/80">{t("sync.partial")}</p>
    </section>
  );
}

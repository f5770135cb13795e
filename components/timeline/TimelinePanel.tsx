"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { ChevronDown, ChevronRight, RotateCw } from "lucide-react";
import dynamic from "next/dynamic";
import { useId, useMemo, useState } from "react";
import { pluralForm } from "@/lib/i18n/translator";
import type { BackupKind } from "@/lib/inventory/model";
import type { BackupFilter } from "@/lib/inventory/query";
import { TIMELINE_GROUPS, type Timeline, type TimelineGroup } from "@/lib/timeline/model";
import { ApiError, failureOf, fetchInstances } from "../api";
import { failureText } from "../ErrorState";
import { formatDateTime } from "../format";
import { INSTANCES_KEY, queryKey, TIMELINE_ROOT } from "../queryKeys";
import { useFormatters, useLabels, useLocale, useT, useTimeZone } from "../i18n";
import { buttonClass, focusRing } from "../styles";
import { useHydrated } from "../useHydrated";
import { fetchTimeline, timelineSearch } from "./api";
import { groupColor } from "./colors";
import { dayBounds } from "./days";
import { usePanelOpen } from "./usePanelOpen";

const CHART_HEIGHT = 200;
const SIZES_HEIGHT = 160;

/** Stands in for a chart while its data or its code loads: the same size, so nothing below moves. */
function ChartPlaceholder({ height, label }: { height: number; label?: string }) {
  return (
    <div
      role={label ? "status" : undefined}
      style={{ height }}
      className="flex items-end gap-1 px-12 pb-6 motion-safe:animate-pulse"
      data-testid="timeline-placeholder"
    >
      {label ? <span className="sr-only">{label}</span> : null}
      {[40, 65, 55, 80, 60, 70, 45, 75, 50, 68, 58, 72].map((percent, index) => (
        <div
          // placeholder bars have nothing else to tell them apart
          key={index}
          className="flex-1 rounded-t bg-slate-200 dark:bg-slate-800"
          style={{ height: `${percent}%` }}
        />
      ))}
    </div>
  );
}

// The chart library loads on its own, after the table: the dashboard's first load does without it.
const TimelineChart = dynamic(() => import("./TimelineChart"), {
  ssr: false,
  loading: () => <ChartPlaceholder height={CHART_HEIGHT} />,
});
const SizesChart = dynamic(() => import("./SizesChart"), {
  ssr: false,
  loading: () => <ChartPlaceholder height={SIZES_HEIGHT} />,
});

/**
 * Backups per day over the dashboard's filter, stacked by status or by service, in a panel above the table
 * that remembers whether it is open. Clicking a day (or its row in the table view) filters the table to it.
 * With one instance selected, its backups' sizes over time follow.
 */
export function TimelinePanel({
  filter,
  fetchedAt,
  onSelectDay,
}: {
  filter: BackupFilter;
  /** When the table's data was synced: once a sync has brought newer data, the chart is asked again too. */
  fetchedAt: string | null;
  onSelectDay: (range: { from: string; to: string }) => void;
}) {
  const t = useT("timeline");
  const tDashboard = useT("dashboard");
  const [open, setOpen] = usePanelOpen();
  const [groupBy, setGroupBy] = useState<TimelineGroup>("status");
  const hydrated = useHydrated();
  const bodyId = useId();
  const headingId = useId();
  // The days are the browser's calendar days (asked for once hydrated, when its zone is known).
  const search = timelineSearch(filter, groupBy, useTimeZone());
  const timeline = useQuery({
    queryKey: queryKey(TIMELINE_ROOT, search, fetchedAt),
    queryFn: ({ signal }) => fetchTimeline(search, signal),
    // The zone is known once hydrated; the server's cache answers the repeated filters.
    enabled: open && hydrated,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
    retry: (count, error) => error instanceof ApiError && error.failure.status === null && count < 2,
  });

  return (
    <section
      aria-labelledby={headingId}
      className="rounded-lg border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900"
      data-testid="timeline-panel"
    >
      <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 px-3 py-2">
        <h2 id={headingId} className="text-sm font-semibold">
          <button
            type="button"
            aria-expanded={open}
            aria-controls={bodyId}
            aria-label={open ? t("hide") : t("show")}
            onClick={() => setOpen(!open)}
            className={`-mx-1 inline-flex items-center gap-1.5 rounded px-1 py-1 hover:text-blue-700 dark:hover:text-blue-300 ${focusRing}`}
          >
            {open ? (
              <ChevronDown aria-hidden="true" className="size-4" />
            ) : (
              <ChevronRight aria-hidden="true" className="size-4" />
            )}
            {t("title")}
          </button>
        </h2>
        {open ? <GroupSwitch value={groupBy} onChange={setGroupBy} /> : null}
      </div>
      {open ? (
        <div id={bodyId} className="border-t border-slate-100 px-3 pt-2 pb-3 dark:border-slate-800">
          {timeline.isError ? (
            <div
              role="alert"
              style={{ height: CHART_HEIGHT }}
              className="flex flex-col items-center justify-center gap-3"
            >
              <p className="text-sm text-red-700 dark:text-red-300">
                {t("failed", { message: failureText(failureOf(timeline.error), tDashboard) })}
              </p>
              <button type="button" className={buttonClass} onClick={() => timeline.refetch()}>
                <RotateCw aria-hidden="true" className="size-4" />
                {t("retry")}
              </button>
            </div>
          ) : timeline.data ? (
            <TimelineBody
              timeline={timeline.data}
              busy={timeline.isFetching}
              instanceId={filter.instance?.length === 1 ? filter.instance[0] : null}
              onSelectDay={(date) => onSelectDay(dayBounds(date, timeline.data.tz))}
            />
          ) : (
            <ChartPlaceholder height={CHART_HEIGHT} label={t("loading")} />
          )}
        </div>
      ) : null}
    </section>
  );
}

function GroupSwitch({ value, onChange }: { value: TimelineGroup; onChange: (group: TimelineGroup) => void }) {
  const t = useT("timeline");
  return (
    <fieldset className="flex items-center gap-2 text-xs">
      <legend className="sr-only">{t("groupBy.label")}</legend>
      <span aria-hidden="true" className="text-slate-500 dark:text-slate-400">
        {t("groupBy.label")}
      </span>
      <span className="inline-flex rounded-md border border-slate-300 p-0.5 dark:border-slate-700">
        {TIMELINE_GROUPS.map((group) => (
          <button
            key={group}
            type="button"
            aria-pressed={group === value}
            onClick={() => onChange(group)}
            className={`rounded px-2 py-1 font-medium ${focusRing} ${
              group === value
                ? "bg-slate-900 text-white dark:bg-slate-100 dark:text-slate-900"
                : "text-slate-600 hover:text-slate-900 dark:text-slate-300 dark:hover:text-white"
            }`}
          >
            {t(`groupBy.${group}`)}
          </button>
        ))}
      </span>
    </fieldset>
  );
}

function TimelineBody({
  timeline,
  busy,
  instanceId,
  onSelectDay,
}: {
  timeline: Timeline;
  busy: boolean;
  instanceId: string | null;
  onSelectDay: (date: string) => void;
}) {
  const t = useT("timeline");
  const locale = useLocale();
  const { count } = useFormatters();
  const [showTable, setShowTable] = useState(false);
  const tableId = useId();
  const labels = useLabels();
  const groupLabel = (group: string) => labels.facetValue(timeline.groupBy, group);
  const days = useMemo(() => {
    // Calendar dates, not instants: formatted at UTC midnight in UTC, so no zone moves them to another day.
    const short = new Intl.DateTimeFormat(locale, { month: "short", day: "numeric", timeZone: "UTC" });
    const long = new Intl.DateTimeFormat(locale, { dateStyle: "full", timeZone: "UTC" });
    const midnight = (date: string) => new Date(`${date}T00:00:00Z`);
    return {
      short: (date: string) => short.format(midnight(date)),
      long: (date: string) => long.format(midnight(date)),
    };
  }, [locale]);

  if (timeline.days.length === 0)
    return (
      <p style={{ height: CHART_HEIGHT }} className="flex items-center justify-center text-sm text-slate-500">
        {t("empty")}
      </p>
    );

  const first = timeline.days[0].date;
  const last = timeline.days[timeline.days.length - 1].date;
  const busiest = timeline.days.reduce((best, day) => (day.total > best.total ? day : best), timeline.days[0]);
  const chartLabel = t("chartLabel", {
    first: days.long(first),
    last: days.long(last),
    total: count(timeline.total),
    busiestDay: days.long(busiest.date),
    busiest: count(busiest.total),
  });

  return (
    <div className={`transition-opacity ${busy ? "opacity-60" : ""}`} aria-busy={busy}>
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 text-xs text-slate-600 dark:text-slate-400">
        <p data-testid="timeline-summary">
          {t(`summary.${pluralForm(locale, timeline.total)}`, {
            total: count(timeline.total),
            first: days.short(first),
            last: days.short(last),
          })}
          {" · "}
          {t("timeZone", { tz: timeline.tz })}
        </p>
        <ul className="flex flex-wrap gap-x-3 gap-y-1" aria-hidden="true">
          {timeline.groups.map((group) => (
            <li key={group} className="flex items-center gap-1">
              <span className="size-2.5 rounded-sm" style={{ background: groupColor(timeline.groupBy, group) }} />
              {groupLabel(group)}
            </li>
          ))}
        </ul>
      </div>
      <figure className="mt-1 text-slate-500 dark:text-slate-400" data-testid="timeline-chart">
        <figcaption className="sr-only">{chartLabel}</figcaption>
        <div style={{ height: CHART_HEIGHT }}>
          <TimelineChart
            days={timeline.days}
            groups={timeline.groups}
            groupBy={timeline.groupBy}
            label={chartLabel}
            height={CHART_HEIGHT}
            groupLabel={groupLabel}
            dayLabel={days.short}
            longDayLabel={days.long}
            count={count}
            totalLabel={t("total")}
            onSelectDay={onSelectDay}
          />
        </div>
      </figure>
      <div className="mt-1 flex flex-wrap items-center justify-between gap-2 text-xs text-slate-500 dark:text-slate-400">
        <p>{t("hint")}</p>
        <button
          type="button"
          aria-expanded={showTable}
          aria-controls={tableId}
          onClick={() => setShowTable(!showTable)}
          className={`rounded px-1 font-medium text-blue-700 hover:underline dark:text-blue-300 ${focusRing}`}
        >
          {showTable ? t("table.hide") : t("table.show")}
        </button>
      </div>
      {showTable ? (
        <div id={tableId} className="mt-2 max-h-72 overflow-auto rounded border border-slate-200 dark:border-slate-800">
          <table className="w-full text-left text-xs" data-testid="timeline-table">
            <caption className="sr-only">{t("table.caption", { tz: timeline.tz })}</caption>
            <thead className="sticky top-0 bg-slate-50 text-slate-600 dark:bg-slate-900 dark:text-slate-400">
              <tr>
                <th scope="col" className="px-2 py-1.5 font-semibold">
                  {t("table.day")}
                </th>
                {timeline.groups.map((group) => (
                  <th key={group} scope="col" className="px-2 py-1.5 text-right font-semibold">
                    {groupLabel(group)}
                  </th>
                ))}
                <th scope="col" className="px-2 py-1.5 text-right font-semibold">
                  {t("table.total")}
                </th>
                <th scope="col" className="px-2 py-1.5">
                  <span className="sr-only">{t("table.list")}</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {timeline.days.map((day) => (
                <tr key={day.date} data-date={day.date}>
                  <th scope="row" className="px-2 py-1 font-medium whitespace-nowrap">
                    {days.long(day.date)}
                  </th>
                  {timeline.groups.map((group) => (
                    <td key={group} className="px-2 py-1 text-right tabular-nums">
                      {count(day.counts[group] ?? 0)}
                    </td>
                  ))}
                  <td className="px-2 py-1 text-right font-medium tabular-nums">{count(day.total)}</td>
                  <td className="px-2 py-1 text-right">
                    <button
                      type="button"
                      onClick={() => onSelectDay(day.date)}
                      aria-label={t("table.listDay", { day: days.long(day.date) })}
                      className={`rounded px-1 font-medium text-blue-700 hover:underline dark:text-blue-300 ${focusRing}`}
                    >
                      {t("table.list")}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {instanceId && timeline.sizes ? <Sizes instanceId={instanceId} sizes={timeline.sizes} /> : null}
    </div>
  );
}

/** The selected instance's backup sizes over time (the answer's `sizes`). */
function Sizes({ instanceId, sizes }: { instanceId: string; sizes: NonNullable<Timeline["sizes"]> }) {
  const t = useT("timeline");
  const locale = useLocale();
  const { bytes } = useFormatters();
  // The instance picker has loaded the list when an instance is selected: this reads the same cache.
  const instances = useQuery({
    queryKey: INSTANCES_KEY,
    queryFn: ({ signal }) => fetchInstances(signal),
    staleTime: 5 * 60_000,
  });
  const name = instances.data?.items.find((instance) => instance.id === instanceId)?.name ?? instanceId;
  const labels = useLabels();
  // In the browser's zone, like the ticks (local midnights and hours).
  const tickFormats = useMemo(() => {
    const day = { month: "short", day: "numeric" } as const;
    const time = { hour: "2-digit", minute: "2-digit", hourCycle: "h23" } as const;
    return {
      day: new Intl.DateTimeFormat(locale, day),
      time: new Intl.DateTimeFormat(locale, time),
      dayTime: new Intl.DateTimeFormat(locale, { ...day, ...time }),
    };
  }, [locale]);
  if (sizes.length === 0) return <p className="mt-3 text-xs text-slate-500 dark:text-slate-400">{t("sizes.empty")}</p>;
  const label = t(`sizes.label.${pluralForm(locale, sizes.length)}`, {
    name,
    count: sizes.length,
    first: formatDateTime(sizes[0].startedAt, locale),
    last: formatDateTime(sizes[sizes.length - 1].startedAt, locale),
  });
  return (
    <figure className="mt-3 border-t border-slate-100 pt-2 text-slate-500 dark:border-slate-800 dark:text-slate-400">
      <figcaption className="text-xs font-semibold text-slate-700 dark:text-slate-300">
        {t("sizes.title", { name })}
        <span className="sr-only"> {label}</span>
      </figcaption>
      <div style={{ height: SIZES_HEIGHT }} data-testid="sizes-chart">
        <SizesChart
          sizes={sizes}
          label={label}
          height={SIZES_HEIGHT}
          kindLabel={(kind: BackupKind) => labels.kind(kind)}
          bytes={bytes}
          dateTime={(iso) => formatDateTime(iso, locale)}
          timeLabel={(ms, unit) => tickFormats[unit].format(ms)}
        />
      </div>
    </figure>
  );
}

"use client";

import { Bar, BarChart, CartesianGrid, Tooltip, type TooltipContentProps, XAxis, YAxis } from "recharts";
import type { TimelineDay, TimelineGroup } from "@/lib/timeline/model";
import { groupColor } from "./colors";

/**
 * The stacked bars of backups per day. Loaded on its own (next/dynamic) after the table, so the chart library
 * stays out of the dashboard's first load; the panel around it holds the words, the legend and the table view.
 */
export default function TimelineChart({
  days,
  groups,
  groupBy,
  label,
  height,
  groupLabel,
  dayLabel,
  longDayLabel,
  count,
  totalLabel,
  onSelectDay,
}: {
  days: TimelineDay[];
  groups: string[];
  groupBy: TimelineGroup;
  /** The chart's accessible name: what it shows, in words. */
  label: string;
  height: number;
  groupLabel: (group: string) => string;
  dayLabel: (date: string) => string;
  longDayLabel: (date: string) => string;
  count: (value: number) => string;
  totalLabel: string;
  onSelectDay: (date: string) => void;
}) {
  const data = days.map((day) => ({ date: day.date, total: day.total, ...day.counts }));
  return (
    <BarChart
      data={data}
      width="100%"
      height={height}
      responsive
      margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
      barCategoryGap="15%"
      cursor="pointer"
      accessibilityLayer
      title={label}
      onClick={(state) => {
        const date = state.activeLabel;
        if (typeof date === "string" && days.some((day) => day.date === date)) onSelectDay(date);
      }}
    >
      <CartesianGrid vertical={false} stroke="currentColor" strokeOpacity={0.12} />
      <XAxis
        dataKey="date"
        tickFormatter={dayLabel}
        tick={{ fontSize: 11, fill: "currentColor" }}
        tickLine={false}
        axisLine={{ stroke: "currentColor", strokeOpacity: 0.25 }}
        minTickGap={12}
      />
      <YAxis
        allowDecimals={false}
        tickFormatter={(value: number) => count(value)}
        tick={{ fontSize: 11, fill: "currentColor" }}
        tickLine={false}
        axisLine={false}
        width={48}
      />
      <Tooltip
        cursor={{ fill: "currentColor", fillOpacity: 0.06 }}
        isAnimationActive={false}
        content={(props: TooltipContentProps) => (
          <DayTooltip
            {...props}
            groups={groups}
            groupBy={groupBy}
            groupLabel={groupLabel}
            longDayLabel={longDayLabel}
            count={count}
            totalLabel={totalLabel}
          />
        )}
      />
      {groups.map((group, index) => (
        <Bar
          key={group}
          dataKey={group}
          name={groupLabel(group)}
          stackId="day"
          fill={groupColor(groupBy, group)}
          isAnimationActive={false}
          radius={index === groups.length - 1 ? [2, 2, 0, 0] : undefined}
        />
      ))}
    </BarChart>
  );
}

function DayTooltip({
  active,
  label,
  payload,
  groups,
  groupBy,
  groupLabel,
  longDayLabel,
  count,
  totalLabel,
}: TooltipContentProps & {
  groups: string[];
  groupBy: TimelineGroup;
  groupLabel: (group: string) => string;
  longDayLabel: (date: string) => string;
  count: (value: number) => string;
  totalLabel: string;
}) {
  if (!active || typeof label !== "string" || !payload?.length) return null;
  const counts = new Map(payload.map((entry) => [String(entry.dataKey), Number(entry.value ?? 0)]));
  const total = [...counts.values()].reduce((sum, value) => sum + value, 0);
  return (
    <div className="rounded-md border border-slate-200 bg-white px-3 py-2 text-xs shadow-lg dark:border-slate-700 dark:bg-slate-900">
      <p className="mb-1 font-semibold text-slate-900 dark:text-white">{longDayLabel(label)}</p>
      <ul className="space-y-0.5">
        {groups
          .filter((group) => (counts.get(group) ?? 0) > 0)
          .map((group) => (
            <li key={group} className="flex items-center gap-2">
              <span
                aria-hidden="true"
                className="size-2.5 rounded-sm"
                style={{ background: groupColor(groupBy, group) }}
              />
              <span className="flex-1 text-slate-600 dark:text-slate-300">{groupLabel(group)}</span>
              <span className="tabular-nums">{count(counts.get(group) ?? 0)}</span>
            </li>
          ))}
      </ul>
      <p className="mt-1 flex justify-between gap-4 border-t border-slate-200 pt-1 font-medium dark:border-slate-700">
        {totalLabel} <span className="tabular-nums">{count(total)}</span>
      </p>
    </div>
  );
}

"use client";

import { CartesianGrid, Line, LineChart, Tooltip, type TooltipContentProps, XAxis, YAxis } from "recharts";
import type { BackupKind } from "@/lib/inventory/model";
import type { SizePoint } from "@/lib/timeline/model";
import { sizeTicks, type TimeTicks, timeTicks } from "./ticks";

const KIND_COLORS: Record<BackupKind, string> = { full: "#2563eb", differential: "#7c3aed", incremental: "#0d9488" };

interface Point {
  time: number;
  sizeBytes: number;
  id: string;
}

/**
 * One instance's completed backups by size over time, a line per kind (full backups dwarf the incremental
 * ones, so each kind is its own line). Loaded with the timeline chart, after the table.
 */
export default function SizesChart({
  sizes,
  label,
  height,
  kindLabel,
  bytes,
  dateTime,
  timeLabel,
}: {
  sizes: SizePoint[];
  label: string;
  height: number;
  kindLabel: (kind: BackupKind) => string;
  bytes: (value: number) => string;
  /** An instant in the browser's zone and the page's language. */
  dateTime: (iso: string) => string;
  /** A tick of the time axis, showing what `unit` says tells the ticks apart. */
  timeLabel: (ms: number, unit: TimeTicks["unit"]) => string;
}) {
  const byKind = new Map<BackupKind, Point[]>();
  for (const point of sizes) {
    const points = byKind.get(point.kind) ?? [];
    points.push({ time: Date.parse(point.startedAt), sizeBytes: point.sizeBytes, id: point.id });
    byKind.set(point.kind, points);
  }
  const times = sizes.map((point) => Date.parse(point.startedAt));
  const time = timeTicks(Math.min(...times), Math.max(...times));
  const size = sizeTicks(Math.max(...sizes.map((point) => point.sizeBytes)));
  return (
    <LineChart
      width="100%"
      height={height}
      responsive
      margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
      accessibilityLayer
      title={label}
    >
      <CartesianGrid vertical={false} stroke="currentColor" strokeOpacity={0.12} />
      <XAxis
        dataKey="time"
        type="number"
        scale="time"
        domain={["dataMin", "dataMax"]}
        ticks={time.ticks}
        tickFormatter={(ms: number) => timeLabel(ms, time.unit)}
        tick={{ fontSize: 11, fill: "currentColor" }}
        tickLine={false}
        axisLine={{ stroke: "currentColor", strokeOpacity: 0.25 }}
        minTickGap={24}
      />
      <YAxis
        dataKey="sizeBytes"
        domain={[0, size.at(-1) ?? 0]}
        ticks={size}
        tickFormatter={(value: number) => bytes(value)}
        tick={{ fontSize: 11, fill: "currentColor" }}
        tickLine={false}
        axisLine={false}
        width={64}
      />
      <Tooltip
        isAnimationActive={false}
        content={(props: TooltipContentProps) => <SizeTooltip {...props} bytes={bytes} dateTime={dateTime} />}
      />
      {[...byKind].map(([kind, points]) => (
        <Line
          key={kind}
          data={points}
          dataKey="sizeBytes"
          name={kindLabel(kind)}
          stroke={KIND_COLORS[kind]}
          strokeWidth={1.5}
          dot={points.length <= 60 ? { r: 2.5 } : false}
          isAnimationActive={false}
        />
      ))}
    </LineChart>
  );
}

function SizeTooltip({
  active,
  payload,
  bytes,
  dateTime,
}: TooltipContentProps & { bytes: (value: number) => string; dateTime: (iso: string) => string }) {
  if (!active || !payload?.length) return null;
  return (
    <div className="rounded-md border border-slate-200 bg-white px-3 py-2 text-xs shadow-lg dark:border-slate-700 dark:bg-slate-900">
      <ul className="space-y-0.5">
        {payload.map((entry) => {
          const point = entry.payload as Point;
          return (
            <li key={`${entry.name}:${point.id}`} className="flex items-center gap-2">
              <span aria-hidden="true" className="size-2.5 rounded-full" style={{ background: entry.color }} />
              <span className="text-slate-600 dark:text-slate-300">{entry.name}</span>
              <span className="tabular-nums">{dateTime(new Date(point.time).toISOString())}</span>
              <span className="font-medium tabular-nums">{bytes(point.sizeBytes)}</span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

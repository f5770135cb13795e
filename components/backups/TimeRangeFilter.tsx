"use client";

import * as Popover from "@radix-ui/react-popover";
import { Calendar, ChevronDown } from "lucide-react";
import { type FormEvent, useId, useState } from "react";
import type { Locale } from "@/lib/i18n/locales";
import type { Translate } from "@/lib/i18n/translator";
import { filterTriggerClass } from "../filterParts";
import { formatDateTime, fromDateTimeLocalInput, toDateTimeLocalInput } from "../format";
import { useLocale, useT, useTimeZone } from "../i18n";
import { buttonClass, inputClass, menuClass, primaryButtonClass } from "../styles";

const HOUR = 3_600_000;
const PRESETS = [
  { label: "timeRange.last24Hours", ms: 24 * HOUR },
  { label: "timeRange.last7Days", ms: 7 * 24 * HOUR },
  { label: "timeRange.last30Days", ms: 30 * 24 * HOUR },
] as const;

interface TimeRange {
  from: string | undefined;
  to: string | undefined;
}

/** A preset's start, to the minute: the URL then names a fixed instant, so a shared link shows the same rows. */
function startOfPreset(ms: number): string {
  const from = new Date(Date.now() - ms);
  from.setSeconds(0, 0);
  return from.toISOString();
}

/** In the zone of useTimeZone: the server's render and the hydrated one read alike. */
function rangeLabel(range: TimeRange, timeZone: string, locale: Locale, t: Translate<"dashboard">): string {
  const show = (iso: string) => formatDateTime(iso, locale, { timeZone });
  if (range.from && range.to) return t("timeRange.between", { from: show(range.from), to: show(range.to) });
  if (range.from) return t("timeRange.since", { time: show(range.from) });
  if (range.to) return t("timeRange.before", { time: show(range.to) });
  return t("timeRange.allTime");
}

/** The `from`/`to` filter: presets relative to now, or an absolute range in the browser's time zone. */
export function TimeRangeFilter({ value, onChange }: { value: TimeRange; onChange: (range: TimeRange) => void }) {
  const timeZone = useTimeZone();
  const t = useT("dashboard");
  const locale = useLocale();
  const label = rangeLabel(value, timeZone, locale, t);
  const [open, setOpen] = useState(false);
  const [fromText, setFromText] = useState("");
  const [toText, setToText] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const fromId = useId();
  const toId = useId();
  const problemId = useId();
  const active = Boolean(value.from || value.to);

  function openChange(next: boolean) {
    if (next) {
      setFromText(toDateTimeLocalInput(value.from));
      setToText(toDateTimeLocalInput(value.to));
      setProblem(null);
    }
    setOpen(next);
  }

  function choose(range: TimeRange) {
    onChange(range);
    setOpen(false);
  }

  function applyCustom(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const from = fromText ? fromDateTimeLocalInput(fromText) : undefined;
    const to = toText ? fromDateTimeLocalInput(toText) : undefined;
    if (from === null || to === null) return setProblem(t("timeRange.incomplete"));
    if (from && to && from > to) return setProblem(t("timeRange.fromAfterTo"));
    choose({ from, to });
  }

  return (
    <Popover.Root open={open} onOpenChange={openChange}>
      <Popover.Trigger className={filterTriggerClass(active)} aria-label={t("timeRange.label", { range: label })}>
        <Calendar aria-hidden="true" className="size-4 text-slate-500 dark:text-slate-400" />
        <span className="max-w-72 truncate">{label}</span>
        <ChevronDown aria-hidden="true" className="size-4 text-slate-400" />
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content
          align="start"
          sideOffset={6}
          collisionPadding={8}
          className={`${menuClass} max-h-(--radix-popover-content-available-height) w-80 max-w-[calc(100vw-1rem)] overflow-y-auto p-3`}
        >
          <p className="mb-2 text-xs font-semibold text-slate-500 dark:text-slate-400">{t("timeRange.presets")}</p>
          <div className="grid grid-cols-2 gap-2">
            {PRESETS.map((preset) => (
              <button
                key={preset.label}
                type="button"
                className={buttonClass}
                onClick={() => choose({ from: startOfPreset(preset.ms), to: undefined })}
              >
                {t(preset.label)}
              </button>
            ))}
            <button type="button" className={buttonClass} onClick={() => choose({ from: undefined, to: undefined })}>
              {t("timeRange.allTime")}
            </button>
          </div>
          <form onSubmit={applyCustom} className="mt-4 border-t border-slate-200 pt-3 dark:border-slate-700" noValidate>
            <p className="mb-2 text-xs font-semibold text-slate-500 dark:text-slate-400">{t("timeRange.custom")}</p>
            <div className="grid gap-2">
              <label htmlFor={fromId} className="grid gap-1 text-sm">
                {t("timeRange.from")}
                <input
                  id={fromId}
                  type="datetime-local"
                  value={fromText}
                  onChange={(event) => setFromText(event.target.value)}
                  aria-describedby={problem ? problemId : undefined}
                  className={inputClass}
                />
              </label>
              <label htmlFor={toId} className="grid gap-1 text-sm">
                {t("timeRange.to")}
                <input
                  id={toId}
                  type="datetime-local"
                  value={toText}
                  onChange={(event) => setToText(event.target.value)}
                  aria-describedby={problem ? problemId : undefined}
                  className={inputClass}
                />
              </label>
            </div>
            {problem ? (
              <p id={problemId} role="alert" className="mt-2 text-sm text-red-700 dark:text-red-300">
                {problem}
              </p>
            ) : null}
            <div className="mt-3 flex justify-end">
              <button type="submit" className={primaryButtonClass}>
                {t("timeRange.apply")}
              </button>
            </div>
          </form>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}

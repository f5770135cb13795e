"use client";

import { useId, useState } from "react";
import { MAX_RPO_HOURS } from "@/lib/coverage/query";
import { useT } from "../i18n";
import { focusRing, inputClass } from "../styles";

/** The usual objectives, in hours: a click away; any other whole number of hours can be typed. */
const PRESETS = [4, 12, 24, 48, 168] as const;

function parseHours(text: string): number | null {
  if (!/^\d{1,4}$/.test(text.trim())) return null;
  const hours = Number(text.trim());
  return hours >= 1 && hours <= MAX_RPO_HOURS ? hours : null;
}

/** The recovery point objective in whole hours: typed (applied on Enter or leaving the box) or picked. */
export function RpoControl({ hours, onChange }: { hours: number; onChange: (hours: number) => void }) {
  const t = useT("coverage");
  const [text, setText] = useState(String(hours));
  const [shown, setShown] = useState(hours);
  const inputId = useId();
  const helpId = useId();
  const problemId = useId();
  // The URL changed from elsewhere (a preset, back, a shared link): the box follows it.
  if (shown !== hours) {
    setShown(hours);
    setText(String(hours));
  }
  const typed = parseHours(text);
  const invalid = typed === null;

  function apply() {
    if (typed !== null && typed !== hours) onChange(typed);
  }

  return (
    <fieldset className="flex flex-wrap items-center gap-2">
      <legend className="sr-only">{t("rpo.title")}</legend>
      <label
        htmlFor={inputId}
        className="text-sm font-medium text-slate-700 dark:text-slate-300"
        title={t("rpo.title")}
      >
        {t("rpo.label")}
      </label>
      <div className="relative">
        <input
          id={inputId}
          type="number"
          inputMode="numeric"
          min={1}
          max={MAX_RPO_HOURS}
          step={1}
          value={text}
          onChange={(event) => setText(event.target.value)}
          onBlur={apply}
          onKeyDown={(event) => {
            if (event.key === "Enter") apply();
          }}
          aria-invalid={invalid || undefined}
          aria-describedby={invalid ? `${helpId} ${problemId}` : helpId}
          className={`${inputClass} w-24 pr-12 tabular-nums ${invalid ? "border-red-500 dark:border-red-400" : ""}`}
        />
        <span className="pointer-events-none absolute top-1/2 right-3 -translate-y-1/2 text-sm text-slate-500 dark:text-slate-400">
          {t("rpo.unit")}
        </span>
      </div>
      <fieldset className="inline-flex rounded-md shadow-xs">
        <legend className="sr-only">{t("rpo.presets")}</legend>
        {PRESETS.map((preset) => {
          const pressed = preset === hours;
          return (
            <button
              key={preset}
              type="button"
              aria-pressed={pressed}
              onClick={() => onChange(preset)}
              className={`-ml-px h-9 border px-2.5 text-sm font-medium first:ml-0 first:rounded-l-md last:rounded-r-md ${focusRing} ${
                pressed
                  ? "relative z-10 border-blue-600 bg-blue-600 text-white dark:border-blue-400 dark:bg-blue-500 dark:text-slate-950"
                  : "border-slate-300 bg-white text-slate-700 hover:bg-slate-50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-200 dark:hover:bg-slate-800"
              }`}
            >
              {preset % 24 === 0 && preset >= 72
                ? t("rpo.days", { count: preset / 24 })
                : t("rpo.hours", { count: preset })}
            </button>
          );
        })}
      </fieldset>
      <p id={helpId} className="sr-only">
        {t("rpo.help")}
      </p>
      {invalid ? (
        <p id={problemId} role="alert" className="w-full text-xs text-red-700 dark:text-red-300">
          {t("rpo.invalid", { max: MAX_RPO_HOURS })}
        </p>
      ) : null}
    </fieldset>
  );
}

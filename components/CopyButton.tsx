"use client";

import { Check, Copy, X } from "lucide-react";
import { type MouseEvent, useEffect, useState } from "react";
import { useT } from "./i18n";

type CopyState = "idle" | "copied" | "failed";

/** Copies a value to the clipboard; does not let the click reach the row around it. */
export function CopyButton({ value, label, className = "" }: { value: string; label: string; className?: string }) {
  const [state, setState] = useState<CopyState>("idle");
  const t = useT("dashboard");
  const said = state === "copied" ? t("copy.copied") : state === "failed" ? t("copy.failed") : "";

  useEffect(() => {
    if (state === "idle") return;
    const timer = setTimeout(() => setState("idle"), 1500);
    return () => clearTimeout(timer);
  }, [state]);

  async function copy(event: MouseEvent<HTMLButtonElement>) {
    event.stopPropagation();
    try {
      await navigator.clipboard.writeText(value);
      setState("copied");
    } catch {
      // No clipboard (an insecure origin, or permission refused): say so rather than pretend.
      setState("failed");
    }
  }

  const Icon = state === "copied" ? Check : state === "failed" ? X : Copy;
  return (
    <button
      type="button"
      onClick={copy}
      onKeyDown={(event) => event.stopPropagation()}
      aria-label={label}
      title={said || label}
      className={`relative inline-flex size-6 shrink-0 items-center justify-center rounded text-slate-500 hover:bg-slate-200 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-blue-600 dark:text-slate-400 dark:hover:bg-slate-700 dark:hover:text-white ${className}`}
    >
      <Icon
        aria-hidden="true"
        className={`size-3.5 ${state === "copied" ? "text-emerald-600 dark:text-emerald-400" : ""}`}
      />
      <span className="sr-only" aria-live="polite">
        {said}
      </span>
    </button>
  );
}

"use client";

import { Search, X } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { useT } from "./i18n";
import { inputClass } from "./styles";

const DEBOUNCE_MS = 300;

/**
 * The free-text search (`q`). Typing is debounced before it becomes a new URL (and request); Enter applies
 * at once. When the URL changes from elsewhere (back, "Clear filters"), the box follows it.
 */
export function SearchBox({
  value,
  onSearch,
  placeholder,
  label,
}: {
  value: string;
  onSearch: (q: string | undefined) => void;
  /** What the box searches, in short and in full (its accessible name); the backups by default. */
  placeholder?: string;
  label?: string;
}) {
  const [text, setText] = useState(value);
  const applied = useRef(value);
  const t = useT("dashboard");

  useEffect(() => {
    if (value === applied.current) return;
    applied.current = value;
    setText(value);
  }, [value]);

  function apply(next: string) {
    const trimmed = next.trim();
    if (trimmed === applied.current) return;
    applied.current = trimmed;
    onSearch(trimmed || undefined);
  }

  useEffect(() => {
    if (text.trim() === applied.current) return;
    const timer = setTimeout(() => apply(text), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  });

  return (
    <div className="relative w-full sm:w-auto sm:min-w-48 sm:max-w-sm sm:flex-1">
      <Search
        aria-hidden="true"
        className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-slate-400"
      />
      <input
        type="search"
        value={text}
        maxLength={200}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Enter") apply(text);
        }}
        placeholder={placeholder ?? t("search.placeholder")}
        aria-label={label ?? t("search.label")}
        className={`${inputClass} w-full pr-8 pl-8 [&::-webkit-search-cancel-button]:hidden`}
      />
      {text ? (
        <button
          type="button"
          aria-label={t("search.clear")}
          onClick={() => {
            setText("");
            apply("");
          }}
          className="absolute top-1/2 right-1.5 inline-flex size-6 -translate-y-1/2 items-center justify-center rounded text-slate-400 hover:text-slate-700 focus-visible:outline-2 focus-visible:outline-blue-600 dark:hover:text-slate-200"
        >
          <X aria-hidden="true" className="size-4" />
        </button>
      ) : null}
    </div>
  );
}

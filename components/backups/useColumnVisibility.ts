"use client";

import type { ColumnVisibilityState, Updater } from "@tanstack/react-table";
import { functionalUpdate } from "@tanstack/react-table";
import { useCallback, useEffect, useState } from "react";
import { z } from "zod/mini";
import { DEFAULT_COLUMN_VISIBILITY } from "./backupColumns";

const STORAGE_KEY = "backup-inventory.columns";
const storedSchema = z.record(z.string(), z.boolean());

/**
 * Which columns show: a personal preference, so it is kept in this browser (not in the URL, which
 * describes the data). Read after hydration: the server renders the defaults.
 */
export function useColumnVisibility() {
  const [visibility, setVisibility] = useState<ColumnVisibilityState>(DEFAULT_COLUMN_VISIBILITY);

  useEffect(() => {
    try {
      const stored = storedSchema.safeParse(JSON.parse(window.localStorage.getItem(STORAGE_KEY) ?? "null"));
      // Browser storage exists only after hydration, so the saved choice can only be applied in an effect.
      // eslint-disable-next-line react-hooks/set-state-in-effect
      if (stored.success) setVisibility(stored.data);
    } catch {
      // Unreadable storage (disabled, or not JSON): keep the defaults.
    }
  }, []);

  const update = useCallback((updater: Updater<ColumnVisibilityState>) => {
    setVisibility((current) => {
      const next = functionalUpdate(updater, current);
      try {
        window.localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
      } catch {
        // Storage full or disabled: the choice still holds for this page.
      }
      return next;
    });
  }, []);

  const reset = useCallback(() => update(DEFAULT_COLUMN_VISIBILITY), [update]);
  return { visibility, update, reset };
}

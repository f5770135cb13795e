"use client";

import { useSyncExternalStore } from "react";

const subscribeNever = () => () => {};

/**
 * False while the server renders and while the browser hydrates, true afterwards. Lets a component render
 * what depends on the browser (its time zone) without a hydration mismatch.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribeNever,
    () => true,
    () => false,
  );
}

"use client";

import { useSyncExternalStore } from "react";

/** How often relative times ("2 minutes ago") move on. */
const TICK_MS = 15_000;

let now = 0;
let timer: ReturnType<typeof setInterval> | undefined;
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  timer ??= setInterval(() => {
    now = Date.now();
    for (const notify of listeners) notify();
  }, TICK_MS);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

function snapshot(): number {
  if (now === 0) now = Date.now();
  return now;
}

/**
 * The browser's time (epoch ms), moving on every TICK_MS; null while the server renders and the browser hydrates,
 * so that a relative time never differs between the two.
 */
export function useNow(): number | null {
  return useSyncExternalStore(subscribe, snapshot, () => null);
}

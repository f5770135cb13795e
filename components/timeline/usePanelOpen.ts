"use client";

import { useCallback, useSyncExternalStore } from "react";

const KEY = "timeline-panel";
/** Other panels on the same page hear a change at once (the storage event reaches other tabs only). */
const CHANGE_EVENT = "timeline-panel-change";

function subscribe(onChange: () => void): () => void {
  window.addEventListener("storage", onChange);
  window.addEventListener(CHANGE_EVENT, onChange);
  return () => {
    window.removeEventListener("storage", onChange);
    window.removeEventListener(CHANGE_EVENT, onChange);
  };
}

/** The choice when storage is refused (private mode, a policy): it lasts until the page is left. */
let unsaved: string | null = null;

function stored(): string | null {
  try {
    return window.localStorage.getItem(KEY);
  } catch {
    return unsaved;
  }
}

/**
 * Whether the timeline panel is open, remembered in localStorage. The server (and hydration) render it open,
 * the default; a panel the user closed closes once the page is hydrated.
 */
export function usePanelOpen(): [open: boolean, setOpen: (open: boolean) => void] {
  const value = useSyncExternalStore(subscribe, stored, () => null);
  const setOpen = useCallback((open: boolean) => {
    unsaved = open ? "open" : "closed";
    try {
      window.localStorage.setItem(KEY, unsaved);
    } catch {
      // Refused: stored() answers from `unsaved`.
    }
    window.dispatchEvent(new Event(CHANGE_EVENT));
  }, []);
  return [value !== "closed", setOpen];
}

"use client";

import { createContext, Fragment, type ReactNode, useCallback, useContext, useEffect, useMemo } from "react";
import { LOCALE_COOKIE, type Locale, TIME_ZONE_COOKIE } from "@/lib/i18n/locales";
import type { Messages, Namespace } from "@/lib/i18n/messages";
import { type MessagePath, messageParts } from "@/lib/i18n/translate";
import { message, translator } from "@/lib/i18n/translator";
import { formatBytes, formatCount, formatDuration } from "./format";
import { type Labels, labelsFor } from "./labels";
import { useHydrated } from "./useHydrated";

/**
 * The request's locale (negotiated on the server) and that language's messages, sent by the server as data, and
 * the time zone the server wrote times in (the browser's from its cookie, else UTC).
 */
type I18n = { locale: Locale; messages: Messages; timeZone: string };

const I18nContext = createContext<I18n | null>(null);

/**
 * Provides the request's locale and its messages to every client component. The root layout passes them
 * as props, so the browser receives one language, never the dictionaries of all of them.
 */
export function I18nProvider({ locale, messages, timeZone, children }: I18n & { children: ReactNode }) {
  const i18n = useMemo(() => ({ locale, messages, timeZone }), [locale, messages, timeZone]);
  useEffect(() => {
    const browser = browserTimeZone();
    if (browser === timeZone) return;
    // Tells the server the zone to render times in from the next page on (the same preference as the language).
    const secure = window.location.protocol === "https:" ? "; secure" : "";
    // a plain preference the server reads on the next request; the async Cookie Store API is not in every browser the dashboard supports
    document.cookie = `${TIME_ZONE_COOKIE}=${encodeURIComponent(browser)}; path=/; max-age=31536000; samesite=lax${secure}`;
  }, [timeZone]);
  return <I18nContext.Provider value={i18n}>{children}</I18nContext.Provider>;
}

/** The browser's IANA time zone. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/**
 * The zone times are shown in: the one the server rendered with until hydration (so that hydration changes no
 * text), the browser's afterwards. They differ only on a first visit, and then only the hour moves, not the format.
 */
export function useTimeZone(): string {
  const { timeZone } = useI18n();
  return useHydrated() ? browserTimeZone() : timeZone;
}

function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error("A translated component is rendered outside the I18nProvider");
  return i18n;
}

export function useLocale(): Locale {
  return useI18n().locale;
}

/** The messages of the current locale, for pure helpers that take them (labels, detail values). */
export function useMessages(): Messages {
  return useI18n().messages;
}

/** A message whose placeholders take elements as well as text (a `<time>`, a bold name). */
function richMessage(template: string, values: Readonly<Record<string, ReactNode>>): ReactNode {
  return messageParts(template).map((part, index) =>
    "text" in part ? (
      // the parts of one message never move
      <Fragment key={index}>{part.text}</Fragment>
    ) : (
      // the parts of one message never move
      <Fragment key={index}>{part.placeholder in values ? values[part.placeholder] : `{${part.placeholder}}`}</Fragment>
    ),
  );
}

/**
 * `t("key.path", { name: value })` for one namespace, in the current locale;
 * `t.rich("key.path", { name: <element/> })` when a placeholder takes an element.
 */
export function useT<N extends Namespace>(namespace: N) {
  const { messages } = useI18n();
  return useMemo(
    () =>
      Object.assign(translator(messages, namespace), {
        rich: (key: MessagePath<Messages[N]>, values: Readonly<Record<string, ReactNode>>): ReactNode =>
          richMessage(message(messages, namespace, key), values),
      }),
    [messages, namespace],
  );
}

/** The display names of the API's codes, in the current locale. */
export function useLabels(): Labels {
  const { messages } = useI18n();
  return useMemo(() => labelsFor(messages.labels), [messages]);
}

/** Remembers the choice for a year and reloads, so server-rendered text follows too. */
export function useSetLocale(): (locale: Locale) => void {
  return useCallback((locale: Locale) => {
    const secure = window.location.protocol === "https:" ? "; secure" : "";
    // a plain preference the server reads on the next request; the async Cookie Store API is not in every browser the dashboard supports
    document.cookie = `${LOCALE_COOKIE}=${encodeURIComponent(locale)}; path=/; max-age=31536000; samesite=lax${secure}`;
    window.location.reload();
  }, []);
}

/**
 * Count, size and duration formatters of the current locale; stable for the page's life (column definitions
 * depend on them). Times go through LocalTime or useTimeZone, which follow hydration.
 */
export function useFormatters() {
  const { locale, messages } = useI18n();
  return useMemo(
    () => ({
      locale,
      count: (value: number) => formatCount(value, locale),
      bytes: (bytes: number | null) => formatBytes(bytes, locale),
      duration: (seconds: number | null) => formatDuration(seconds, locale, messages.labels.duration),
    }),
    [locale, messages],
  );
}

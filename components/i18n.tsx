"use client";

import { createContext, Fragment, type ReactNode, useCallback, useContext, useMemo } from "react";
import { LOCALE_COOKIE, type Locale } from "@/lib/i18n/locales";
import type { Messages, Namespace } from "@/lib/i18n/messages";
import { type MessagePath, messageParts } from "@/lib/i18n/translate";
import { message, translator } from "@/lib/i18n/translator";
import { formatBytes, formatCount, formatDateTime, formatDuration } from "./format";

const LocaleContext = createContext<Locale>("en");

/** Provides the request's locale (negotiated on the server) to every client component. */
export function I18nProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  return <LocaleContext.Provider value={locale}>{children}</LocaleContext.Provider>;
}

export function useLocale(): Locale {
  return useContext(LocaleContext);
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
 * `t("key.path", { name: value })` for one namespace, in the current locale (English as the fallback);
 * `t.rich("key.path", { name: <element/> })` when a placeholder takes an element.
 */
export function useT<N extends Namespace>(namespace: N) {
  const locale = useLocale();
  return useMemo(
    () =>
      Object.assign(translator(locale, namespace), {
        rich: (key: MessagePath<Messages[N]>, values: Readonly<Record<string, ReactNode>>): ReactNode =>
          richMessage(message(locale, namespace, key), values),
      }),
    [locale, namespace],
  );
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

/** Number, size, duration and date formatters of the current locale. */
export function useFormatters() {
  const locale = useLocale();
  return useMemo(
    () => ({
      locale,
      number: new Intl.NumberFormat(locale),
      dateTime: new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "medium" }),
      count: (value: number) => formatCount(value, locale),
      bytes: (bytes: number | null) => formatBytes(bytes, locale),
      duration: (seconds: number | null) => formatDuration(seconds, locale),
      /** In the browser's time zone: render it after hydration (LocalTime does). */
      localDateTime: (iso: string, withSeconds = false) => formatDateTime(iso, locale, { withSeconds }),
    }),
    [locale],
  );
}

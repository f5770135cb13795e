"use client";

import { createContext, type ReactNode, useCallback, useContext, useMemo } from "react";
import { LOCALE_COOKIE, type Locale } from "@/lib/i18n/locales";
import { MESSAGES, type Messages, type Namespace } from "@/lib/i18n/messages";
import { interpolate, lookup, type MessagePath, type MessageTree, type Values } from "@/lib/i18n/translate";

const LocaleContext = createContext<Locale>("en");

/** Provides the request's locale (negotiated on the server) to every client component. */
export function I18nProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  return <LocaleContext.Provider value={locale}>{children}</LocaleContext.Provider>;
}

export function useLocale(): Locale {
  return useContext(LocaleContext);
}

/** `t("key.path", { name: value })` for one namespace, in the current locale (English as the fallback). */
export function useT<N extends Namespace>(namespace: N) {
  const locale = useLocale();
  return useCallback(
    (key: MessagePath<Messages[N]>, values?: Values): string => {
      const tree = MESSAGES[locale][namespace] as MessageTree;
      const message = lookup(tree, key) ?? lookup(MESSAGES.en[namespace] as MessageTree, key) ?? key;
      return interpolate(message, values);
    },
    [locale, namespace],
  );
}

/** Remembers the choice for a year and reloads, so server-rendered text follows too. */
export function useSetLocale(): (locale: Locale) => void {
  return useCallback((locale: Locale) => {
    document.cookie = `${LOCALE_COOKIE}=${encodeURIComponent(locale)}; path=/; max-age=31536000; samesite=lax`;
    window.location.reload();
  }, []);
}

/** Number and date formatters of the current locale. */
export function useFormatters() {
  const locale = useLocale();
  return useMemo(
    () => ({
      locale,
      number: new Intl.NumberFormat(locale),
      dateTime: new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "medium" }),
    }),
    [locale],
  );
}

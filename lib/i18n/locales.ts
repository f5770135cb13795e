import { match } from "@formatjs/intl-localematcher";

/** The UI languages. Browser-safe. */
export const LOCALES = ["en", "zh-CN"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";
/** Set by the language switch; wins over the browser's Accept-Language. */
export const LOCALE_COOKIE = "locale";
/**
 * The browser's IANA time zone, which the browser stores once it knows it (after hydration): the server renders
 * times in it, so that they read the same before and after hydration. Absent (a first visit): UTC.
 */
export const TIME_ZONE_COOKIE = "tz";

export function isLocale(value: string | undefined): value is Locale {
  return (LOCALES as readonly string[]).includes(value ?? "");
}

/** Languages of an Accept-Language header, most preferred first (q-values honoured, `*` ignored). */
function acceptedLanguages(header: string): string[] {
  return header
    .split(",")
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((param) => /^\s*q=([\d.]+)\s*$/.exec(param)?.[1]).find(Boolean);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter(({ tag, q }) => tag && tag !== "*" && q > 0 && /^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/.test(tag))
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map(({ tag }) => tag);
}

/** The cookie's choice, else the best match of the browser's languages (any Chinese → zh-CN), else English. */
export function negotiateLocale(cookie: string | undefined, acceptLanguage: string | null | undefined): Locale {
  if (isLocale(cookie)) return cookie;
  const requested = acceptedLanguages(acceptLanguage ?? "").map((tag) => (/^zh\b/i.test(tag) ? "zh-CN" : tag));
  if (requested.length === 0) return DEFAULT_LOCALE;
  try {
    const best = match(requested, [...LOCALES], DEFAULT_LOCALE);
    return isLocale(best) ? best : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

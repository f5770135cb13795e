import "server-only";
import { cookies, headers } from "next/headers";
import { LOCALE_COOKIE, type Locale, negotiateLocale } from "./locales";

/** The locale of the current request: the language switch's cookie, else the browser's Accept-Language. */
export async function requestLocale(): Promise<Locale> {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  return negotiateLocale(cookieStore.get(LOCALE_COOKIE)?.value, headerList.get("accept-language"));
}

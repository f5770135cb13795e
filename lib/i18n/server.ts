import "server-only";
import { cookies, headers } from "next/headers";
import { LOCALE_COOKIE, type Locale, negotiateLocale } from "./locales";
import { MESSAGES, type Namespace } from "./messages";
import { type Translate, translator } from "./translator";

/** The locale of the current request: the language switch's cookie, else the browser's Accept-Language. */
export async function requestLocale(): Promise<Locale> {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  return negotiateLocale(cookieStore.get(LOCALE_COOKIE)?.value, headerList.get("accept-language"));
}

/** The translate function of a namespace in the request's locale, for server components and metadata. */
export async function getT<N extends Namespace>(namespace: N): Promise<Translate<N>> {
  return translator(MESSAGES[await requestLocale()], namespace);
}

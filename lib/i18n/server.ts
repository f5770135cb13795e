import "server-only";
import { cookies, headers } from "next/headers";
import { canonicalTimeZone, isTimeZone } from "../timeline/days";
import { LOCALE_COOKIE, type Locale, negotiateLocale, TIME_ZONE_COOKIE } from "./locales";
import { MESSAGES, type Namespace } from "./messages";
import { type Translate, translator } from "./translator";

/** The locale of the current request: the language switch's cookie, else the browser's Accept-Language. */
export async function requestLocale(): Promise<Locale> {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  return negotiateLocale(cookieStore.get(LOCALE_COOKIE)?.value, headerList.get("accept-language"));
}

/** The time zone the server renders times in: the browser's, from its cookie, else UTC. */
export async function requestTimeZone(): Promise<string> {
  const zone = (await cookies()).get(TIME_ZONE_COOKIE)?.value;
  return zone && isTimeZone(zone) ? canonicalTimeZone(zone) : "UTC";
}

/** The translate function of a namespace in the request's locale, for server components and metadata. */
export async function getT<N extends Namespace>(namespace: N): Promise<Translate<N>> {
  return translator(MESSAGES[await requestLocale()], namespace);
}

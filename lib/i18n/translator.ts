import type { Locale } from "./locales";
import { MESSAGES, type Messages, type Namespace } from "./messages";
import { interpolate, lookup, type MessagePath, type MessageTree, type Values } from "./translate";

/** `t("key.path", { name: value })` for one namespace of one locale. */
export type Translate<N extends Namespace> = (key: MessagePath<Messages[N]>, values?: Values) => string;

/** The message of a key in `locale`, English as the fallback (and the key itself, if even English lacks it). */
export function message<N extends Namespace>(locale: Locale, namespace: N, key: MessagePath<Messages[N]>): string {
  return (
    lookup(MESSAGES[locale][namespace] as MessageTree, key) ?? lookup(MESSAGES.en[namespace] as MessageTree, key) ?? key
  );
}

/** The translate function of one namespace in one locale. Pure: the server and the browser share it. */
export function translator<N extends Namespace>(locale: Locale, namespace: N): Translate<N> {
  return (key, values) => interpolate(message(locale, namespace, key), values);
}

/**
 * CLDR's plural category of a count, reduced to the two the UI languages use: English says "1 source" and
 * "2 sources", Chinese has one form (always "other").
 */
export function pluralForm(locale: Locale, count: number): "one" | "other" {
  return new Intl.PluralRules(locale).select(count) === "one" ? "one" : "other";
}

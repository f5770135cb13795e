import type { Locale } from "./locales";
import type { Messages, Namespace } from "./messages";
import { interpolate, lookup, type MessagePath, type MessageTree, type Values } from "./translate";

/** `t("key.path", { name: value })` for one namespace of one language. */
export type Translate<N extends Namespace> = (key: MessagePath<Messages[N]>, values?: Values) => string;

/**
 * The message of a key (the key itself if the language lacks it; the type system and the same-keys test
 * make every language complete, so that only shows a key computed wrongly).
 */
export function message<N extends Namespace>(messages: Messages, namespace: N, key: MessagePath<Messages[N]>): string {
  return lookup(messages[namespace] as MessageTree, key) ?? key;
}

/**
 * The translate function of one namespace of one language's messages. Pure: the server (from its
 * dictionaries) and the browser (from the messages the server sent) share it.
 */
export function translator<N extends Namespace>(messages: Messages, namespace: N): Translate<N> {
  return (key, values) => interpolate(message(messages, namespace, key), values);
}

/**
 * CLDR's plural category of a count, reduced to the two the UI languages use: English says "1 source" and
 * "2 sources", Chinese has one form (always "other").
 */
export function pluralForm(locale: Locale, count: number): "one" | "other" {
  return new Intl.PluralRules(locale).select(count) === "one" ? "one" : "other";
}

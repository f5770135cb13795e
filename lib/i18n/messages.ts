import { common as enCommon } from "@/messages/en/common";
import { common as zhCommon } from "@/messages/zh-CN/common";
import type { Locale } from "./locales";

/**
 * Every namespace of every language. A namespace is added here once per language; English defines its
 * keys, the others are typed `Translation<typeof english>` so a missing key fails the build.
 */
export const MESSAGES = {
  en: { common: enCommon },
  "zh-CN": { common: zhCommon },
} satisfies Record<Locale, unknown>;

export type Messages = (typeof MESSAGES)["en"];
export type Namespace = keyof Messages;

import { common as enCommon } from "@/messages/en/common";
import { dashboard as enDashboard } from "@/messages/en/dashboard";
import { labels as enLabels } from "@/messages/en/labels";
import { common as zhCommon } from "@/messages/zh-CN/common";
import { dashboard as zhDashboard } from "@/messages/zh-CN/dashboard";
import { labels as zhLabels } from "@/messages/zh-CN/labels";
import type { Locale } from "./locales";

/**
 * Every namespace of every language. A namespace is added here once per language; English defines its
 * keys, the others are typed `Translation<typeof english>` so a missing key fails the build.
 */
export const MESSAGES = {
  en: {
    common: enCommon,
    dashboard: enDashboard,
    labels: enLabels,
  },
  "zh-CN": {
    common: zhCommon,
    dashboard: zhDashboard,
    labels: zhLabels,
  },
} satisfies Record<Locale, unknown>;

export type Messages = (typeof MESSAGES)["en"];
export type Namespace = keyof Messages;

import "server-only";
import { common as enCommon } from "@/messages/en/common";
import { coverage as enCoverage } from "@/messages/en/coverage";
import { dashboard as enDashboard } from "@/messages/en/dashboard";
import { labels as enLabels } from "@/messages/en/labels";
import { restore as enRestore } from "@/messages/en/restore";
import { timeline as enTimeline } from "@/messages/en/timeline";
import { common as zhCommon } from "@/messages/zh-CN/common";
import { coverage as zhCoverage } from "@/messages/zh-CN/coverage";
import { dashboard as zhDashboard } from "@/messages/zh-CN/dashboard";
import { labels as zhLabels } from "@/messages/zh-CN/labels";
import { restore as zhRestore } from "@/messages/zh-CN/restore";
import { timeline as zhTimeline } from "@/messages/zh-CN/timeline";
import type { Locale } from "./locales";
import type { Translation } from "./translate";

const ENGLISH = {
  common: enCommon,
  coverage: enCoverage,
  dashboard: enDashboard,
  labels: enLabels,
  restore: enRestore,
  timeline: enTimeline,
};

/**
 * Every message of one language: English's keys, any language's strings. The browser gets the request's
 * `Messages` as data from the server (the root layout passes them to the I18nProvider); only the type is
 * browser-safe, the dictionaries themselves stay on the server.
 */
export type Messages = { readonly [N in keyof typeof ENGLISH]: Translation<(typeof ENGLISH)[N]> };
export type Namespace = keyof Messages;

/**
 * Every namespace of every language. A namespace is added here once per language; English defines its
 * keys, the others are typed `Translation<typeof english>` so a missing key fails the build.
 */
export const MESSAGES: Readonly<Record<Locale, Messages>> = {
  en: ENGLISH,
  "zh-CN": {
    common: zhCommon,
    coverage: zhCoverage,
    dashboard: zhDashboard,
    labels: zhLabels,
    restore: zhRestore,
    timeline: zhTimeline,
  },
};


import { describe, expect, it } from "vitest";
import type { Locale } from "@/lib/i18n/locales";
import { MESSAGES } from "@/lib/i18n/messages";
import type { JsonValue } from "@/lib/inventory/model";
import { detailDisplay } from "./detailValues";

const shown = (key: string, value: JsonValue, locale: Locale = "en") =>
  detailDisplay(key, value, locale, MESSAGES[locale].labels);
const text = (value: string) => ({ kind: "text", text: value });

describe("detail values", () => {
  it("names the engine of a datastore instead of showing the object", () => {
    expect(shown("datastore", { type: "MySQL", version: "5.6" })).toEqual(text("MySQL 5.6"));
    expect(shown("datastore", { type: "SQLServer", version: "2014_WEB" })).toEqual(text("SQL Server 2014_WEB"));
    expect(shown("datastore", { type: "GaussDB(for MySQL)", version: "8.0" })).toEqual(text("GaussDB(for MySQL) 8.0"));
    expect(shown("datastore", { type: "PostgreSQL" })).toEqual(text("PostgreSQL"));
  });

  it("shows progress in percent, the locale's way", () => {
    expect(shown("progress", 100)).toEqual(text("100%"));
    expect(shown("progress", 45.5)).toEqual(text("45.5%"));
    expect(shown("progress", "12.50", "zh-CN")).toEqual(text("12.5%"));
    expect(shown("progress", "unknown")).toEqual(text("unknown"));
  });

  it("reads instants as times", () => {
    expect(shown("executionAt", "2019-05-11T08:31:16.166Z")).toEqual({ kind: "time", iso: "2019-05-11T08:31:16.166Z" });
    expect(shown("updated", "2026-01-04T09:34:24.000Z")).toEqual({ kind: "time", iso: "2026-01-04T09:34:24.000Z" });
    expect(shown("timeZone", "UTC+08:00")).toEqual(text("UTC+08:00"));
  });

  it("translates coded values", () => {
    expect(shown("type", "auto")).toEqual(text("Automatic"));
    expect(shown("type", "fragment", "zh-CN")).toEqual(text("差异备份"));
    expect(shown("backupType", "Db", "zh-CN")).toEqual(text("物理备份"));
    expect(shown("backupType", "OffSiteLog")).toEqual(text("Cross-region log (binlog)"));
    expect(shown("backupType", "manual", "zh-CN")).toEqual(text("手动"));
    expect(shown("backupMethod", "Snapshot", "zh-CN")).toEqual(text("快照备份"));
    expect(shown("backupLevel", "2", "zh-CN")).toEqual(text("二级备份"));
    expect(shown("backupLevel", "2")).toEqual(text("Level 2"));
    // A code no message names shows as sent.
    expect(shown("backupType", "Incremental")).toEqual(text("Incremental"));
    expect(shown("backupFormat", "aof")).toEqual(text("aof"));
  });

  it("says yes or no for flags, also DCS's TRUE and FALSE strings", () => {
    expect(shown("offsite", true, "zh-CN")).toEqual(text("是"));
    expect(shown("restorable", "TRUE")).toEqual(text("Yes"));
    expect(shown("restorable", "FALSE", "zh-CN")).toEqual(text("否"));
  });

  it("writes the time taken as a duration and lists as text", () => {
    expect(shown("takeUpTime", 2)).toEqual(text("2 min"));
    expect(shown("takeUpTime", 75, "zh-CN")).toEqual(text("1 小时 15 分钟"));
    expect(shown("databases", ["user01", "user02"])).toEqual(text("user01, user02"));
    expect(shown("count", 12345)).toEqual(text("12,345"));
  });

  it("shows nothing for empty values and the JSON of other objects", () => {
    for (const value of [null, "", {}, []]) expect(shown("errorCode", value)).toEqual({ kind: "none" });
    expect(shown("period", { begin: "00:00" })).toEqual({ kind: "json", value: { begin: "00:00" } });
    expect(shown("nested", [{ a: 1 }])).toEqual({ kind: "json", value: [{ a: 1 }] });
  });

});

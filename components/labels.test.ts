import { describe, expect, it } from "vitest";
import { MESSAGES } from "@/lib/i18n/messages";
import { BACKUP_KINDS, BACKUP_STATUSES, BACKUP_TRIGGERS, FACET_FIELDS } from "@/lib/inventory/model";
import { labelsFor } from "./labels";

describe("labels", () => {
  const en = labelsFor(MESSAGES.en.labels);
  const zh = labelsFor(MESSAGES["zh-CN"].labels);

  it("names every status, kind and trigger in both languages", () => {
    expect(BACKUP_STATUSES.map(zh.status)).toEqual([
      "已完成",
      "失败",
      "备份中",
      "等待中",
      "删除中",
      "已过期",
      "已删除",
      "未知",
    ]);
    expect(BACKUP_KINDS.map(zh.kind)).toEqual(["全量备份", "增量备份", "差异备份"]);
    expect(BACKUP_TRIGGERS.map(zh.trigger)).toEqual(["自动", "手动"]);
    expect(BACKUP_STATUSES.map(en.status)).toContain("In progress");
    for (const field of FACET_FIELDS) expect(zh.filter(field)).not.toBe(en.filter(field));
  });

  it("keeps product names and unknown codes as they are in every language", () => {
    expect(zh.facetValue("service", "taurusdb")).toBe("TaurusDB");
    expect(zh.facetValue("engine", "sqlserver")).toBe("SQL Server");
    expect(zh.facetValue("engine", "oceanbase")).toBe("oceanbase");
    expect(zh.facetValue("region", "cn-north-4")).toBe("cn-north-4");
    expect(zh.facetValue("status", "failed")).toBe("失败");
    expect(zh.facetValue("status", "paused")).toBe("paused");
  });

  it("names the service-specific fields it knows, and spells out the others' keys", () => {
    expect(zh.detailField("backupLevel")).toBe("备份级别");
    expect(en.detailField("backupLevel")).toBe("Backup level");
    expect(zh.detailField("restoreWindowEnd")).toBe("Restore window end");
    expect(en.detailField("backup_scope")).toBe("Backup scope");
    expect(en.detailField("toString")).toBe("To string");
  });
});

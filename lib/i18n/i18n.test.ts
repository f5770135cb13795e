import { describe, expect, it } from "vitest";
import { negotiateLocale } from "./locales";
import { MESSAGES } from "./messages";
import { interpolate, lookup, type MessageTree, messageParts } from "./translate";
import { pluralForm, translator } from "./translator";

describe("negotiateLocale", () => {
  it("prefers the cookie, then the browser's languages by q-value, then English", () => {
    expect(negotiateLocale("zh-CN", "en-US,en;q=0.9")).toBe("zh-CN");
    expect(negotiateLocale("fr", "zh-CN,zh;q=0.9,en;q=0.8")).toBe("zh-CN");
    expect(negotiateLocale(undefined, "zh-TW;q=0.9,en;q=0.95")).toBe("en");
    expect(negotiateLocale(undefined, "zh;q=0.9,de")).toBe("zh-CN");
    expect(negotiateLocale(undefined, "fr-FR,de;q=0.5")).toBe("en");
    expect(negotiateLocale(undefined, "")).toBe("en");
    expect(negotiateLocale(undefined, null)).toBe("en");
    expect(negotiateLocale(undefined, "%%%,;q=x,*")).toBe("en");
  });
});

describe("messages", () => {
  it("looks up paths and fills placeholders", () => {
    expect(lookup(MESSAGES.en.common as MessageTree, "nav.coverage")).toBe("Coverage");
    expect(lookup(MESSAGES.en.common as MessageTree, "nav.nothing")).toBeUndefined();
    expect(interpolate("Rows {from}–{to} of {total}", { from: 1, to: 50, total: "1,234" })).toBe("Rows 1–50 of 1,234");
    expect(interpolate("{missing} stays", {})).toBe("{missing} stays");
  });

  it("gives every language the same keys, with no empty string", () => {
    const paths = (tree: MessageTree, prefix = ""): string[] =>
      Object.entries(tree).flatMap(([key, value]) =>
        typeof value === "string" ? [`${prefix}${key}`] : paths(value, `${prefix}${key}.`),
      );
    for (const namespace of Object.keys(MESSAGES.en) as (keyof typeof MESSAGES.en)[]) {
      const english = paths(MESSAGES.en[namespace] as MessageTree).sort();
      const chinese = paths(MESSAGES["zh-CN"][namespace] as MessageTree).sort();
      expect(chinese, namespace).toEqual(english);
      for (const path of chinese) expect(lookup(MESSAGES["zh-CN"][namespace] as MessageTree, path)).not.toBe("");
    }
  });
});

describe("translator", () => {
  it("translates a key of a namespace of one language's messages and fills its placeholders", () => {
    expect(translator(MESSAGES.en, "dashboard")("pagination.rows", { from: 1, to: 50, total: "1,234" })).toBe(
      "Rows 1–50 of 1,234",
    );
    expect(translator(MESSAGES["zh-CN"], "dashboard")("pagination.rows", { from: 1, to: 50, total: "1,234" })).toBe(
      "第 1–50 条，共 1,234 条",
    );
    expect(translator(MESSAGES["zh-CN"], "common")("nav.backups")).toBe("备份");
  });

  it("cuts a message at its placeholders, for elements to fill", () => {
    expect(messageParts("As of {time}")).toEqual([{ text: "As of " }, { placeholder: "time" }]);
    expect(messageParts("{source}：{code} {message}")).toEqual([
      { placeholder: "source" },
      { text: "：" },
      { placeholder: "code" },
      { text: " " },
      { placeholder: "message" },
    ]);
    expect(messageParts("no placeholder")).toEqual([{ text: "no placeholder" }]);
    expect(messageParts("")).toEqual([]);
  });

  it("tells English's singular from its plural; Chinese has one form", () => {
    expect(pluralForm("en", 1)).toBe("one");
    expect(pluralForm("en", 0)).toBe("other");
    expect(pluralForm("en", 2)).toBe("other");
    expect(pluralForm("zh-CN", 1)).toBe("other");
  });
});

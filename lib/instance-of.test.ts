import { describe, expect, it } from "vitest";
import { isInstance } from "./instance-of";

class QuotaError extends Error {
  constructor() {
    super("quota");
    this.name = "QuotaError";
  }
}

describe("isInstance", () => {
  it("recognises the class itself and a same-named error from another copy of it", () => {
    expect(isInstance(new QuotaError(), QuotaError, "QuotaError")).toBe(true);
    const otherCopy = new Error("quota");
    otherCopy.name = "QuotaError";
    expect(isInstance(otherCopy, QuotaError, "QuotaError")).toBe(true);
  });

  it("rejects other errors and non-errors", () => {
    expect(isInstance(new Error("x"), QuotaError, "QuotaError")).toBe(false);
    expect(isInstance({ name: "QuotaError" }, QuotaError, "QuotaError")).toBe(false);
    expect(isInstance(undefined, QuotaError, "QuotaError")).toBe(false);
  });
});

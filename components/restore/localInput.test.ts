import { describe, expect, it } from "vitest";
import { fromDateTimeLocalInput } from "../format";
import { toPreciseLocalInput } from "./localInput";

describe("toPreciseLocalInput", () => {
  it("round-trips instants to the millisecond through the input's value", () => {
    for (const iso of ["2026-11-20T12:00:00.000Z", "2026-11-20T09:29:35.295Z", "2026-03-29T01:30:07.000Z"])
      expect(fromDateTimeLocalInput(toPreciseLocalInput(iso))).toBe(iso);
  });

  it("shows seconds and milliseconds only when they are not zero", () => {
    expect(toPreciseLocalInput("2026-11-20T12:00:00.000Z")).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    expect(toPreciseLocalInput("2026-11-20T12:00:07.000Z")).toMatch(/T\d{2}:\d{2}:07$/);
    expect(toPreciseLocalInput("2026-11-20T12:00:07.040Z")).toMatch(/T\d{2}:\d{2}:07\.040$/);
  });

  it("gives an empty value for what is not an instant", () => {
    expect(toPreciseLocalInput("yesterday")).toBe("");
  });
});

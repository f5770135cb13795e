import { describe, expect, it } from "vitest";
import { CsvRecordCounter } from "./export";

describe("CsvRecordCounter", () => {
  it("counts records, not the line ends inside quoted cells, across chunk boundaries", () => {
    const csv = 'id,description\n1,"two\nlines"\n2,"a ""quoted"" word, and\r\nmore"\n3,plain\n';
    const bytes = new TextEncoder().encode(csv);
    const counter = new CsvRecordCounter();
    // Cut at every awkward place: inside quotes, between the two quotes of an escape, before a line end.
    for (let start = 0; start < bytes.length; start += 3) counter.push(bytes.subarray(start, start + 3));
    expect(counter.records).toBe(4);
    expect(counter.bytes).toBe(bytes.length);
  });
});

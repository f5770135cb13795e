import { describe, expect, it } from "vitest";
import { csvCell } from "../csv";
import { backupsCsvStream, csvHeader } from "./csv";
import type { StoredBackup } from "./model";

function backup(overrides: Partial<StoredBackup> = {}): StoredBackup {
  return {
    id: "43e4feaab48f11e89039fa163ebaa7e4br01",
    service: "rds",
    engine: "mysql",
    engineVersion: "5.7",
    region: "cn-north-4",
    projectId: "0483b6b16e954cb88930a360d2c4e663",
    instanceId: "43e4feaab48f11e89039fa163ebaa7e4in01",
    instanceName: "orders",
    name: "backup-1",
    kind: "full",
    trigger: "auto",
    status: "completed",
    rawStatus: "COMPLETED",
    startedAt: "2026-11-22T08:00:00.000Z",
    endedAt: "2026-11-22T08:02:30.000Z",
    durationSeconds: 150,
    sizeBytes: 2_097_152,
    description: "nightly",
    details: { level: "1" },
    firstSeenAt: "2026-11-22T08:05:00.000Z",
    lastSeenAt: "2026-11-29T08:05:00.000Z",
    goneAt: null,
    ...overrides,
  };
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<{ text: string; chunks: number }> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let text = "";
  let chunks = 0;
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    text += decoder.decode(read.value, { stream: true });
    chunks++;
  }
  return { text: text + decoder.decode(), chunks };
}

async function* batches<T>(...lists: T[][]): AsyncGenerator<T[]> {
  for (const list of lists) yield list;
}

const CURRENT = { history: false };
const HISTORY = { history: true };
const HEADER = csvHeader(CURRENT).replace(/\r\n$/, "");
const COLUMNS = HEADER.split(",");

/** The export of one backup: its record line, without the header. */
async function csvRecord(item: StoredBackup, options = CURRENT): Promise<string> {
  const { text } = await readAll(backupsCsvStream(batches([item]), options));
  return text.slice(csvHeader(options).length);
}

/** Cells of one record line (no quoted commas in the fixtures this is used for). */
const cells = (record: string) => record.replace(/\r\n$/, "").split(",");
const cellOf = async (overrides: Partial<StoredBackup>, column: string) =>
  cells(await csvRecord(backup(overrides)))[COLUMNS.indexOf(column)];

describe("the backup export's records", () => {
  it("has exactly the documented header", async () => {
    expect(HEADER).toBe(
      "service,region,project_id,instance_id,instance_name,engine,engine_version,backup_id,backup_name,kind,trigger,status,started_at,ended_at,duration_seconds,size_bytes,description",
    );
    expect(csvHeader(HISTORY)).toBe(`${HEADER},first_seen_at,last_seen_at,gone_at\r\n`);
  });

  it("writes one CRLF-terminated record in header order", async () => {
    expect(await csvRecord(backup())).toBe(
      "rds,cn-north-4,0483b6b16e954cb88930a360d2c4e663,43e4feaab48f11e89039fa163ebaa7e4in01,orders,mysql,5.7," +
        "43e4feaab48f11e89039fa163ebaa7e4br01,backup-1,full,auto,completed,2026-11-22T08:00:00.000Z," +
        "2026-11-22T08:02:30.000Z,150,2097152,nightly\r\n",
    );
  });

  it("leaves null cells empty", async () => {
    const record = await csvRecord(
      backup({
        instanceName: null,
        engineVersion: null,
        name: null,
        trigger: null,
        endedAt: null,
        durationSeconds: null,
        sizeBytes: null,
        description: null,
      }),
    );
    expect(cells(record)).toEqual([
      "rds",
      "cn-north-4",
      "0483b6b16e954cb88930a360d2c4e663",
      "43e4feaab48f11e89039fa163ebaa7e4in01",
      "",
      "mysql",
      "",
      "43e4feaab48f11e89039fa163ebaa7e4br01",
      "",
      "full",
      "",
      "completed",
      "2026-11-22T08:00:00.000Z",
      "",
      "",
      "",
      "",
    ]);
  });

  it("quotes commas, quotes, CR and LF, doubling quotes", async () => {
    expect((await csvRecord(backup({ description: "a,b" }))).endsWith(',"a,b"\r\n')).toBe(true);
    expect((await csvRecord(backup({ description: 'say "hi"' }))).endsWith(',"say ""hi"""\r\n')).toBe(true);
    expect((await csvRecord(backup({ description: "two\nlines" }))).endsWith(',"two\nlines"\r\n')).toBe(true);
    expect((await csvRecord(backup({ description: "two\r\nlines" }))).endsWith(',"two\r\nlines"\r\n')).toBe(true);
    expect((await csvRecord(backup({ description: "cr\ronly" }))).endsWith(',"cr\ronly"\r\n')).toBe(true);
    expect((await csvRecord(backup({ name: '"' }))).includes(',"""",full,')).toBe(true);
    expect((await csvRecord(backup({ description: "plain text" }))).endsWith(",plain text\r\n")).toBe(true);
  });

  it("keeps unicode as is, unquoted", async () => {
    expect(await cellOf({ instanceName: "数据库 é 🚀" }, "instance_name")).toBe("数据库 é 🚀");
  });

  it("prefixes a text cell starting with each formula character", async () => {
    expect(await cellOf({ name: "=SUM(A1:A2)" }, "backup_name")).toBe("'=SUM(A1:A2)");
    expect(await cellOf({ name: "+1" }, "backup_name")).toBe("'+1");
    expect(await cellOf({ name: "-1" }, "backup_name")).toBe("'-1");
    expect(await cellOf({ name: "@cmd" }, "backup_name")).toBe("'@cmd");
    expect(await cellOf({ name: "\tx" }, "backup_name")).toBe("'\tx");
    expect((await csvRecord(backup({ description: "\rx" }))).endsWith(`,"'\rx"\r\n`)).toBe(true);
    expect((await csvRecord(backup({ description: "=1,2" }))).endsWith(`,"'=1,2"\r\n`)).toBe(true);
    expect(await cellOf({ instanceName: "=cmd|' /C calc'!A0" }, "instance_name")).toBe("'=cmd|' /C calc'!A0");
    expect(await cellOf({ instanceId: "@x" }, "instance_id")).toBe("'@x");
  });

  it("guards a formula start after leading whitespace (OWASP: spreadsheets skip it)", async () => {
    for (const name of [" =x", "  +1", " -1", "\u00a0@cmd", "\u3000=x", " \t=x", "\n=x"])
      expect(csvCell(name), JSON.stringify(name)).toMatch(/^"?'/);
    expect(await cellOf({ name: " =x" }, "backup_name")).toBe("' =x");
    expect(await cellOf({ name: " x=1" }, "backup_name")).toBe(" x=1");
  });

  it("quotes a cell holding a semicolon, and guards a formula start after one", async () => {
    expect(csvCell("a;b")).toBe('"a;b"');
    expect(csvCell("a;=cmd|' /C calc'!A0")).toBe(`"a;'=cmd|' /C calc'!A0"`);
    expect(csvCell("=1;+2; -3;x=4")).toBe(`"'=1;'+2;' -3;x=4"`);
    expect(csvCell(";@x")).toBe(`";'@x"`);
    // Read as a spreadsheet of a `;` locale does: no part of the record starts with a formula character.
    const record = await csvRecord(backup({ name: "a;=cmd|' /C calc'!A0", description: "b; @SUM(1)" }));
    for (const cell of record.split(";")) expect(cell, cell).not.toMatch(/^\s*[=+\-@]/);
  });

  it("leaves plain text, inner formula characters and numbers alone", async () => {
    expect(await cellOf({ name: "daily" }, "backup_name")).toBe("daily");
    expect(await cellOf({ name: "a=b-c+d@e" }, "backup_name")).toBe("a=b-c+d@e");
    expect(await cellOf({ name: "＝x" }, "backup_name")).toBe("＝x");
    expect(await cellOf({ name: "'quoted" }, "backup_name")).toBe("'quoted");
    expect(await cellOf({ sizeBytes: -5 }, "size_bytes")).toBe("-5");
    expect(await cellOf({ durationSeconds: -1.5 }, "duration_seconds")).toBe("-1.5");
    expect(await cellOf({ sizeBytes: 0 }, "size_bytes")).toBe("0");
  });
  it("adds when each backup was first seen, last seen and went, for gone views", async () => {
    const record = await csvRecord(backup({ goneAt: "2026-11-30T08:05:00.000Z" }), HISTORY);
    expect(record.endsWith(",nightly,2026-11-22T08:05:00.000Z,2026-11-29T08:05:00.000Z,2026-11-30T08:05:00.000Z\r\n")).toBe(
      true,
    );
    expect((await csvRecord(backup(), HISTORY)).endsWith(",2026-11-29T08:05:00.000Z,\r\n")).toBe(true);
  });
});

describe("backupsCsvStream", () => {
  const many = (count: number, from = 0) =>
    Array.from({ length: count }, (_, offset) => {
      const index = from + offset;
      return backup({ id: `id-${index}`, name: index % 3 === 0 ? `=n,${index}` : `n${index}`, description: 'é\n"x"' });
    });

  it("writes the header, then one chunk per batch of the store, every row once and in order", async () => {
    const { text, chunks } = await readAll(backupsCsvStream(batches(many(3), many(2, 3)), CURRENT));
    const one = await Promise.all(many(5).map((item) => csvRecord(item)));
    expect(text).toBe(csvHeader(CURRENT) + one.join(""));
    expect(chunks).toBe(3);
  });

  it("answers the header alone for an empty export", async () => {
    expect(await readAll(backupsCsvStream(batches(), CURRENT))).toEqual({ text: csvHeader(CURRENT), chunks: 1 });
  });

  it("pulls batches only as the reader asks for them", async () => {
    let produced = 0;
    async function* counted() {
      for (let index = 0; index < 1000; index++) {
        produced++;
        yield many(10, index * 10);
      }
    }
    const reader = backupsCsvStream(counted(), CURRENT).getReader();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(produced).toBe(0); // the header is queued ahead, no batch
    await reader.read();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(produced).toBe(1);
    await reader.cancel();
  });

  it("ends the store's query when the download is cancelled", async () => {
    let closed = false;
    async function* rows() {
      try {
        for (let index = 0; ; index++) yield many(10, index * 10);
      } finally {
        closed = true;
      }
    }
    const reader = backupsCsvStream(rows(), CURRENT).getReader();
    await reader.read();
    await reader.read();
    await reader.cancel();
    expect(closed).toBe(true);
  });

  it("errors the stream when the store fails", async () => {
    async function* failing() {
      yield [backup()];
      throw new Error("inventory gone");
    }
    await expect(readAll(backupsCsvStream(failing(), CURRENT))).rejects.toThrow("inventory gone");
  });
});

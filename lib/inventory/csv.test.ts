import { describe, expect, it } from "vitest";
import {
  backupsCsvStream,
  backupsToCsv,
  CSV_COLUMNS,
  CSV_HEADER,
  CSV_ROWS_PER_CHUNK,
  csvCell,
  csvFilename,
  csvRecord,
  csvResponse,
  headerText,
} from "./csv";
import type { Backup } from "./model";

function backup(overrides: Partial<Backup> = {}): Backup {
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
    ...overrides,
  };
}

/** Cells of one record line (no quoted commas in the fixtures this is used for). */
const cells = (record: string) => record.replace(/\r\n$/, "").split(",");
const cellOf = (overrides: Partial<Backup>, column: string) =>
  cells(csvRecord(backup(overrides)))[CSV_COLUMNS.indexOf(column)];

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

describe("csvRecord", () => {
  it("has exactly the documented header", () => {
    expect(CSV_HEADER).toBe(
      "service,region,project_id,instance_id,instance_name,engine,engine_version,backup_id,backup_name,kind,trigger,status,started_at,ended_at,duration_seconds,size_bytes,description",
    );
    expect(backupsToCsv([])).toBe(`${CSV_HEADER}\r\n`);
  });

  it("writes one CRLF-terminated record in header order", () => {
    expect(csvRecord(backup())).toBe(
      "rds,cn-north-4,0483b6b16e954cb88930a360d2c4e663,43e4feaab48f11e89039fa163ebaa7e4in01,orders,mysql,5.7," +
        "43e4feaab48f11e89039fa163ebaa7e4br01,backup-1,full,auto,completed,2026-11-22T08:00:00.000Z," +
        "2026-11-22T08:02:30.000Z,150,2097152,nightly\r\n",
    );
  });

  it("leaves null cells empty", () => {
    const record = csvRecord(
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

  it("quotes commas, quotes, CR and LF, doubling quotes", () => {
    expect(csvRecord(backup({ description: "a,b" })).endsWith(',"a,b"\r\n')).toBe(true);
    expect(csvRecord(backup({ description: 'say "hi"' })).endsWith(',"say ""hi"""\r\n')).toBe(true);
    expect(csvRecord(backup({ description: "two\nlines" })).endsWith(',"two\nlines"\r\n')).toBe(true);
    expect(csvRecord(backup({ description: "two\r\nlines" })).endsWith(',"two\r\nlines"\r\n')).toBe(true);
    expect(csvRecord(backup({ description: "cr\ronly" })).endsWith(',"cr\ronly"\r\n')).toBe(true);
    expect(csvRecord(backup({ name: '"' })).includes(',"""",full,')).toBe(true);
    expect(csvRecord(backup({ description: "plain text" })).endsWith(",plain text\r\n")).toBe(true);
  });

  it("keeps unicode as is, unquoted", () => {
    expect(cellOf({ instanceName: "数据库 é 🚀" }, "instance_name")).toBe("数据库 é 🚀");
  });

  it("prefixes a text cell starting with each formula character", () => {
    expect(cellOf({ name: "=SUM(A1:A2)" }, "backup_name")).toBe("'=SUM(A1:A2)");
    expect(cellOf({ name: "+1" }, "backup_name")).toBe("'+1");
    expect(cellOf({ name: "-1" }, "backup_name")).toBe("'-1");
    expect(cellOf({ name: "@cmd" }, "backup_name")).toBe("'@cmd");
    expect(cellOf({ name: "\tx" }, "backup_name")).toBe("'\tx");
    expect(csvRecord(backup({ description: "\rx" })).endsWith(`,"'\rx"\r\n`)).toBe(true);
    expect(csvRecord(backup({ description: "=1,2" })).endsWith(`,"'=1,2"\r\n`)).toBe(true);
    expect(cellOf({ instanceName: "=cmd|' /C calc'!A0" }, "instance_name")).toBe("'=cmd|' /C calc'!A0");
    expect(cellOf({ instanceId: "@x" }, "instance_id")).toBe("'@x");
  });

  it("guards a formula start after leading whitespace (OWASP: spreadsheets skip it)", () => {
    for (const name of [" =x", "  +1", " -1", "\u00a0@cmd", "\u3000=x", " \t=x", "\n=x"])
      expect(csvCell(name), JSON.stringify(name)).toMatch(/^"?'/);
    expect(cellOf({ name: " =x" }, "backup_name")).toBe("' =x");
    expect(cellOf({ name: " x=1" }, "backup_name")).toBe(" x=1");
  });

  it("quotes a cell holding a semicolon, and guards a formula start after one", () => {
    expect(csvCell("a;b")).toBe('"a;b"');
    expect(csvCell("a;=cmd|' /C calc'!A0")).toBe(`"a;'=cmd|' /C calc'!A0"`);
    expect(csvCell("=1;+2; -3;x=4")).toBe(`"'=1;'+2;' -3;x=4"`);
    expect(csvCell(";@x")).toBe(`";'@x"`);
    // Read as a spreadsheet of a `;` locale does: no part of the record starts with a formula character.
    const record = csvRecord(backup({ name: "a;=cmd|' /C calc'!A0", description: "b; @SUM(1)" }));
    for (const cell of record.split(";")) expect(cell, cell).not.toMatch(/^\s*[=+\-@]/);
  });

  it("leaves plain text, inner formula characters and numbers alone", () => {
    expect(cellOf({ name: "daily" }, "backup_name")).toBe("daily");
    expect(cellOf({ name: "a=b-c+d@e" }, "backup_name")).toBe("a=b-c+d@e");
    expect(cellOf({ name: "＝x" }, "backup_name")).toBe("＝x");
    expect(cellOf({ name: "'quoted" }, "backup_name")).toBe("'quoted");
    expect(cellOf({ sizeBytes: -5 }, "size_bytes")).toBe("-5");
    expect(cellOf({ durationSeconds: -1.5 }, "duration_seconds")).toBe("-1.5");
    expect(cellOf({ sizeBytes: 0 }, "size_bytes")).toBe("0");
  });
});

describe("backupsCsvStream", () => {
  const many = (count: number) =>
    Array.from({ length: count }, (_, index) =>
      backup({ id: `id-${index}`, name: index % 3 === 0 ? `=n,${index}` : `n${index}`, description: 'é\n"x"' }),
    );

  it("decodes to the same text as the one-shot export, in chunks of rows", async () => {
    const rows = many(2_500);
    const { text, chunks } = await readAll(backupsCsvStream(rows));
    expect(text).toBe(backupsToCsv(rows));
    expect(chunks).toBe(Math.ceil(2_500 / CSV_ROWS_PER_CHUNK));
  });

  it("handles an exact multiple of the chunk size and an empty export", async () => {
    const rows = many(20);
    expect((await readAll(backupsCsvStream(rows, 10))).text).toBe(backupsToCsv(rows));
    expect(await readAll(backupsCsvStream([]))).toEqual({ text: `${CSV_HEADER}\r\n`, chunks: 1 });
  });

  it("pulls rows only as the reader asks for them", async () => {
    let produced = 0;
    function* counted() {
      for (let index = 0; index < 100_000; index++) {
        produced++;
        yield backup({ id: `id-${index}` });
      }
    }
    const reader = backupsCsvStream(counted(), 100).getReader();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(produced).toBe(100); // one chunk queued ahead, no more
    await reader.read();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(produced).toBe(200);
    await reader.cancel();
  });

  it("closes the source when the download is cancelled", async () => {
    let closed = false;
    function* rows() {
      try {
        for (let index = 0; ; index++) yield backup({ id: `id-${index}` });
      } finally {
        closed = true;
      }
    }
    const reader = backupsCsvStream(rows(), 10).getReader();
    await reader.read();
    await reader.cancel();
    expect(closed).toBe(true);
  });

  it("errors the stream when the source fails", async () => {
    function* failing() {
      yield backup();
      throw new Error("inventory gone");
    }
    await expect(readAll(backupsCsvStream(failing(), 10))).rejects.toThrow("inventory gone");
  });
});

describe("X-Incomplete-Sources", () => {
  const source = (code: string) => ({
    service: "dcs" as const,
    region: "cn-north-4",
    projectId: "p1",
    ok: false,
    error: { code, message: "failed", httpStatus: 400, requestId: null },
    skipped: 0,
    skippedReason: null,
    instances: 0,
    backups: 0,
    calls: 1,
    durationMs: 1,
  });

  it("names each failed source, with any error code encoded so that the download always answers", async () => {
    const codes = ["APIGW.0301", "A\r\nSet-Cookie: x=1", "错误", "100%,done", "\ud800", "\u0000\u007f"];
    const response = csvResponse({ filename: "x.csv", body: "a\r\n", sources: codes.map(source) });
    expect(response.headers.get("x-incomplete-sources")).toBe(
      [
        "dcs/cn-north-4/p1: APIGW.0301",
        "dcs/cn-north-4/p1: A%0D%0ASet-Cookie: x=1",
        "dcs/cn-north-4/p1: %E9%94%99%E8%AF%AF",
        "dcs/cn-north-4/p1: 100%25%2Cdone",
        "dcs/cn-north-4/p1: %EF%BF%BD",
        "dcs/cn-north-4/p1: %00%7F",
      ].join(", "),
    );
    expect(await response.text()).toBe("a\r\n");
  });

  it("decodes back to the text it encodes", () => {
    for (const text of ["plain: text/x", "A\r\nB", "中文 é 😀", "%2C,"])
      expect(decodeURIComponent(headerText(text))).toBe(text);
  });
});

describe("csvFilename", () => {
  it("names the file after the UTC time, without milliseconds", () => {
    expect(csvFilename(new Date("2026-11-22T08:00:00.000Z"))).toBe("backups-20261122T080000Z.csv");
    expect(csvFilename(new Date("2026-11-22T09:05:07.999+01:00"))).toBe("backups-20261122T080507Z.csv");
  });
});

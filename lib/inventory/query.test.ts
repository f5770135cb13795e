import { describe, expect, it } from "vitest";
import {
  type BackupQuery,
  backupQuerySchema,
  parseBackupQuery,
  parseInstanceQuery,
  SORT_FIELDS,
  toSearchParams,
} from "./query";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "../params";

const parse = (search: string) => parseBackupQuery(new URLSearchParams(search));

function issuesOf(search: string) {
  const result = parse(search);
  if (result.ok) throw new Error(`expected ${search} to be rejected`);
  return result.issues;
}

function parsed(search: string) {
  const result = parse(search);
  if (!result.ok) throw new Error(`expected ${search} to parse: ${JSON.stringify(result.issues)}`);
  return result.value;
}

describe("parseBackupQuery", () => {
  it("fills the defaults for an empty query", () => {
    expect(parsed("")).toEqual({
      sort: "startedAt",
      order: "desc",
      page: 1,
      pageSize: DEFAULT_PAGE_SIZE,
      presence: "current",
      refresh: false,
    });
  });

  it("reads every parameter", () => {
    expect(
      parsed(
        "service=rds,dcs&engine=mysql,redis&region=cn-north-4,ap-southeast-1&instance=i-1,i-2&status=failed" +
          "&kind=full,incremental&trigger=manual&from=2026-11-01T00:00:00Z&to=2026-11-22T08:00:00.000Z&q=Orders DB" +
          "&sort=sizeBytes&order=asc&page=3&pageSize=1000&presence=gone&refresh=1",
      ),
    ).toEqual({
      service: ["rds", "dcs"],
      engine: ["mysql", "redis"],
      region: ["cn-north-4", "ap-southeast-1"],
      instance: ["i-1", "i-2"],
      status: ["failed"],
      kind: ["full", "incremental"],
      trigger: ["manual"],
      from: "2026-11-01T00:00:00.000Z",
      to: "2026-11-22T08:00:00.000Z",
      q: "Orders DB",
      sort: "sizeBytes",
      order: "asc",
      page: 3,
      pageSize: 1000,
      presence: "gone",
      refresh: true,
    });
  });

  it("reads presence: current by default, gone or all, nothing else", () => {
    expect(parsed("presence=all").presence).toBe("all");
    expect(issuesOf("presence=deleted")).toEqual([
      { path: "presence", message: '"deleted" is not one of current, gone, all' },
    ]);
  });

  it("trims list items and drops empty and repeated ones", () => {
    expect(parsed("instance=a,,b, c,a").instance).toEqual(["a", "b", "c"]);
    expect(parsed("service=,").service).toEqual([]);
  });

  it("treats an empty parameter as absent", () => {
    expect(parsed("service=&q=&page=")).toEqual(parsed(""));
  });

  it("accepts every sort field and both orders", () => {
    for (const sort of SORT_FIELDS) expect(parsed(`sort=${sort}&order=asc`).sort).toBe(sort);
    expect(parsed("order=desc").order).toBe("desc");
  });

  it.each([
    ["service=mysql", "service", '"mysql" is not one of taurusdb, rds, dcs'],
    ["service=rds,nosql", "service", '"nosql" is not one of taurusdb, rds, dcs'],
    ["engine=MySQL", "engine", '"MySQL" is not one of'],
    ["status=ok", "status", '"ok" is not one of'],
    ["kind=log", "kind", '"log" is not one of'],
    ["trigger=scheduled", "trigger", '"scheduled" is not one of'],
    ["region=CN_North", "region", '"CN_North" is not a region name'],
    ["sort=id", "sort", '"id" is not one of startedAt, endedAt'],
    ["order=up", "order", '"up" is not one of asc, desc'],
    ["refresh=true", "refresh", '"true" is not one of 0, 1'],
    ["pageSize=1001", "pageSize", "expected a whole number from 1 to 1000"],
    ["page=0", "page", "expected a whole number from 1 to"],
    ["pageSize=ten", "pageSize", "expected a whole number"],
    [`q=${"x".repeat(201)}`, "q", "must be at most 200 characters long"],
    [`instance=${"x".repeat(201)}`, "instance", "must be at most 200 characters long"],
  ])("rejects a bad value: %s", (search, path, message) => {
    const issues = issuesOf(search);
    expect(issues).toHaveLength(1);
    expect(issues[0].path).toBe(path);
    expect(issues[0].message).toContain(message);
  });

  it("cuts a long bad item short in the message", () => {
    const [issue] = issuesOf(`kind=${"y".repeat(5000)}`);
    expect(issue.message).toBe(`"${"y".repeat(40)}…" is not one of full, incremental, differential`);
  });

  it("rejects a list that is too long", () => {
    const instances = Array.from({ length: 201 }, (_, index) => `i-${index}`).join(",");
    expect(issuesOf(`instance=${instances}`)).toEqual([{ path: "instance", message: "must list at most 200 items" }]);
  });

  it("words every issue itself, as the browser (which loads no zod locale) and the server both show it", () => {
    const bad = ["x", "-1", "0", "1.5", "99999999999", "%", "a,b", "x".repeat(300), "2026-99-99T00:00:00Z"];
    const messages = Object.keys(backupQuerySchema.shape).flatMap((key) =>
      bad.flatMap((value) => {
        const result = parse(new URLSearchParams({ [key]: value }).toString());
        return result.ok ? [] : result.issues.map((issue) => `${key}: ${issue.message}`);
      }),
    );
    expect(messages.length).toBeGreaterThan(60);
    expect(messages.filter((message) => /: (Invalid|Too (big|small))/.test(message))).toEqual([]);
  });

  it.each([
    "yesterday",
    "2026-11-22",
    "2026-11-22T08:00:00",
    "2026-13-01T00:00:00Z",
    "2026-11-22T25:00:00Z",
    "2026-11-22 08:00:00Z",
    "1795334400000",
  ])("rejects %s as an instant", (value) => {
    const issues = issuesOf(new URLSearchParams({ from: value }).toString());
    expect(issues).toEqual([{ path: "from", message: "expected an ISO 8601 instant with Z or an offset" }]);
    expect(issuesOf(new URLSearchParams({ to: value }).toString())[0].path).toBe("to");
  });

  it("normalises instants with an offset to UTC, also when the + arrives unencoded", () => {
    expect(parsed(new URLSearchParams({ from: "2026-11-22T09:00:00+01:00" }).toString()).from).toBe(
      "2026-11-22T08:00:00.000Z",
    );
    expect(parsed("from=2026-11-22T09:00:00+01:00").from).toBe("2026-11-22T08:00:00.000Z");
    expect(parsed("to=2026-11-22T03:00:00-05:00").to).toBe("2026-11-22T08:00:00.000Z");
  });

  it("rejects from later than to, allows them equal", () => {
    expect(issuesOf("from=2026-11-23T00:00:00Z&to=2026-11-22T00:00:00Z")).toEqual([
      { path: "to", message: "must not be earlier than from" },
    ]);
    // Compared as instants: 01:00+02:00 is 23:00Z the day before.
    expect(issuesOf("from=2026-11-22T00:00:00Z&to=2026-11-22T01:00:00%2B02:00")[0].path).toBe("to");
    expect(parsed("from=2026-11-22T00:00:00Z&to=2026-11-22T00:00:00Z").to).toBe("2026-11-22T00:00:00.000Z");
  });

  it.each([
    ["pageSize=0", "pageSize"],
    [`pageSize=${MAX_PAGE_SIZE + 1}`, "pageSize"],
    ["pageSize=ten", "pageSize"],
    ["page=0", "page"],
    ["page=-1", "page"],
    ["page=1.5", "page"],
    ["page=1e3", "page"],
    ["page=9999999999", "page"],
  ])("rejects %s", (search, path) => {
    expect(issuesOf(search).map((issue) => issue.path)).toEqual([path]);
  });

  it("accepts the page size bounds", () => {
    expect(parsed("pageSize=1").pageSize).toBe(1);
    expect(parsed(`pageSize=${MAX_PAGE_SIZE}`).pageSize).toBe(MAX_PAGE_SIZE);
  });

  it("rejects a parameter given twice, in either input form", () => {
    expect(issuesOf("page=1&page=2")).toEqual([{ path: "page", message: "given more than once" }]);
    const fromRecord = parseBackupQuery({ service: ["rds", "dcs"], page: "1" });
    expect(fromRecord.ok ? [] : fromRecord.issues.map((issue) => issue.path)).toEqual(["service"]);
  });

  it("rejects unknown parameters for the API, and ignores them for the page", () => {
    expect(issuesOf("pagesize=10")).toEqual([{ path: "pagesize", message: "unknown parameter" }]);
    const forPage = parseBackupQuery(new URLSearchParams("utm=1&utm=2"), { unknown: "ignore" });
    expect(forPage).toEqual(parseBackupQuery(new URLSearchParams("")));
  });

  it("rejects names that objects inherit like any other unknown name, in either input form", () => {
    const inherited = [
      "__proto__",
      "constructor",
      "toString",
      "valueOf",
      "hasOwnProperty",
      "isPrototypeOf",
      "propertyIsEnumerable",
      "toLocaleString",
      "__defineGetter__",
      "__lookupSetter__",
    ];
    for (const name of inherited) {
      const unknown = [{ path: name, message: "unknown parameter" }];
      expect(issuesOf(`${name}=1`), name).toEqual(unknown);
      expect(issuesOf(`${name}=1&${name}=2&page=2`), name).toEqual(unknown);
      const fromRecord = parseBackupQuery(Object.fromEntries([[name, "1"]]));
      expect(fromRecord.ok ? [] : fromRecord.issues, name).toEqual(unknown);
      expect(parseBackupQuery(new URLSearchParams(`${name}=1`), { unknown: "ignore" }), name).toEqual(
        parseBackupQuery(new URLSearchParams("")),
      );
    }
    expect(Object.getPrototypeOf(parsed("page=2"))).toBe(Object.prototype);
  });

  it("parses the instance list's query", () => {
    expect(parseInstanceQuery(new URLSearchParams("refresh=1"))).toEqual({ ok: true, value: { refresh: true } });
    expect(parseInstanceQuery(new URLSearchParams(""))).toEqual({ ok: true, value: { refresh: false } });
    expect(parseInstanceQuery(new URLSearchParams("refresh=yes")).ok).toBe(false);
    expect(parseInstanceQuery(new URLSearchParams("page=2")).ok).toBe(false);
  });

  it("rejects a 10 kB search text", () => {
    const issues = issuesOf(new URLSearchParams({ q: "x".repeat(10_240) }).toString());
    expect(issues.map((issue) => issue.path)).toEqual(["q"]);
    expect(parsed(new URLSearchParams({ q: "x".repeat(200) }).toString()).q).toHaveLength(200);
  });

  it("reports every bad parameter at once", () => {
    expect(issuesOf("service=x&pageSize=0&from=never").map((issue) => issue.path)).toEqual([
      "service",
      "from",
      "pageSize",
    ]);
  });

  it("reads a plain record, as Next passes searchParams", () => {
    const result = parseBackupQuery({ service: "rds", page: "2", q: undefined });
    expect(result).toEqual({
      ok: true,
      value: {
        service: ["rds"],
        sort: "startedAt",
        order: "desc",
        page: 2,
        pageSize: DEFAULT_PAGE_SIZE,
        presence: "current",
        refresh: false,
      },
    });
  });
});

describe("toSearchParams", () => {
  it("leaves out defaults and empty lists", () => {
    expect(toSearchParams(parsed("")).toString()).toBe("");
    expect(
      toSearchParams({ service: [], sort: "startedAt", order: "desc", page: 1, presence: "current", refresh: false }).toString(),
    ).toBe("");
  });

  it("round-trips every parameter through parseBackupQuery", () => {
    const query: BackupQuery = {
      service: ["taurusdb", "rds"],
      engine: ["gaussdb-mysql"],
      region: ["cn-north-4"],
      instance: ["1f4e2b1a", "2a5f"],
      status: ["completed", "in_progress"],
      kind: ["differential"],
      trigger: ["auto"],
      from: "2026-11-01T00:00:00.000Z",
      to: "2026-11-22T08:00:00.000Z",
      q: "a+b & c=d, 100% é",
      sort: "instanceName",
      order: "asc",
      page: 7,
      pageSize: 25,
      presence: "all",
      refresh: true,
    };
    const search = toSearchParams(query).toString();
    expect(parsed(search)).toEqual(query);
    expect(new URLSearchParams(search).get("refresh")).toBe("1");
  });

  it("round-trips the defaults to the same query", () => {
    const query = parsed("sort=startedAt&order=desc&page=1&pageSize=50");
    expect(parsed(toSearchParams(query).toString())).toEqual(query);
  });
});

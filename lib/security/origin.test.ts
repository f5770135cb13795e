import { describe, expect, it } from "vitest";
import { isSameOrigin } from "./origin";

const post = (headers: Record<string, string>, url = "http://127.0.0.1:3000/api/sync") =>
  new Request(url, { method: "POST", headers });

describe("same-origin check", () => {
  it("accepts the dashboard's own pages", () => {
    expect(isSameOrigin(post({ origin: "http://127.0.0.1:3000" }))).toBe(true);
    expect(isSameOrigin(post({ origin: "http://127.0.0.1:3000", "sec-fetch-site": "same-origin" }))).toBe(true);
    expect(isSameOrigin(post({ origin: "HTTP://LOCALHOST:3000" }, "http://localhost:3000/api/sync"))).toBe(true);
  });

  it("accepts requests that no web page sent", () => {
    expect(isSameOrigin(post({}))).toBe(true);
    expect(isSameOrigin(post({ "sec-fetch-site": "none" }))).toBe(true);
  });

  it("refuses other sites, sibling sites and opaque origins", () => {
    expect(isSameOrigin(post({ origin: "https://evil.example" }))).toBe(false);
    expect(isSameOrigin(post({ origin: "http://127.0.0.1:3001" }))).toBe(false);
    expect(isSameOrigin(post({ origin: "null" }))).toBe(false);
    expect(isSameOrigin(post({ origin: "file://" }))).toBe(false);
    expect(isSameOrigin(post({ "sec-fetch-site": "cross-site" }))).toBe(false);
    expect(isSameOrigin(post({ origin: "http://127.0.0.1:3000", "sec-fetch-site": "same-site" }))).toBe(false);
  });

  it("takes the host the browser used from the proxy in front", () => {
    const behindProxy = { host: "127.0.0.1:3000", "x-forwarded-host": "backups.example.com" };
    expect(isSameOrigin(post({ ...behindProxy, origin: "https://backups.example.com" }))).toBe(true);
    expect(isSameOrigin(post({ ...behindProxy, origin: "https://evil.example" }))).toBe(false);
    expect(isSameOrigin(post({ host: "backups.example.com", origin: "https://backups.example.com" }))).toBe(true);
  });
});

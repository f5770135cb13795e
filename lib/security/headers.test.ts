import type { NextConfig } from "next";
import { unstable_doesMiddlewareMatch, unstable_getResponseFromNextConfig } from "next/experimental/testing/server";
import { describe, expect, it } from "vitest";
import { config } from "@/proxy";
import { pageSecurityPolicy } from "./headers";

describe("where the proxy runs", () => {
  it("for every page and route but the health check and static assets", () => {
    const runs = (url: string) => unstable_doesMiddlewareMatch({ config, url });
    for (const url of ["/", "/?service=rds", "/api/backups", "/api/backups/export", "/api/instances", "/api/healthz"])
      expect(runs(url), url).toBe(true);
    for (const url of ["/api/health", "/api/health?ready=1", "/_next/static/chunks/app.js", "/favicon.ico"])
      expect(runs(url), url).toBe(false);
  });
});

describe("next.config.js headers", () => {
  it("set the security headers on every path, the health check included", async () => {
    // next.config.js is plain JavaScript (Next.js loads it without TypeScript), imported by URL for its value.
    const { default: nextConfig }: { default: NextConfig } = await import(
      new URL("../../next.config.js", import.meta.url).href
    );
    for (const url of ["http://localhost/", "http://localhost/api/health", "http://localhost/_next/static/x.js"]) {
      const response = await unstable_getResponseFromNextConfig({ url, nextConfig });
      expect(response.headers.get("x-content-type-options"), url).toBe("nosniff");
      expect(response.headers.get("x-frame-options"), url).toBe("DENY");
      expect(response.headers.get("referrer-policy"), url).toBe("no-referrer");
      expect(response.headers.get("content-security-policy"), url).toContain("frame-ancestors 'none'");
    }
  });
});

describe("the pages' Content-Security-Policy", () => {
  it("allows scripts by nonce only, and eval only in development", () => {
    const production = pageSecurityPolicy("abc123", false);
    expect(production).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(production).not.toContain("unsafe-eval");
    expect(production).toContain("object-src 'none'");
    expect(pageSecurityPolicy("abc123", true)).toContain("'unsafe-eval'");
  });
});

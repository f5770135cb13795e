/**
 * Headers of every response. Pages and routes get a stricter, per-request Content-Security-Policy with a nonce
 * from proxy.ts, which replaces the one below; this one covers what the proxy does not run for (the health
 * check, static assets): nothing may be loaded, framed or submitted from them.
 */
const SECURITY_HEADERS = [
  {
    key: "Content-Security-Policy",
    value: "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "no-referrer" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // DuckDB is a native module (lib/store): loaded by Node.js at run time, never bundled.
  serverExternalPackages: ["@duckdb/node-api", "@duckdb/node-bindings"],
  // A separate build folder lets a benchmark or a second checkout build without touching the main one.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  async headers() {
    return [{ source: "/:path*", headers: SECURITY_HEADERS }];
  },
};

export default nextConfig;

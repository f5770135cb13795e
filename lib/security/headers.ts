import "server-only";
import { randomBytes } from "node:crypto";

/**
 * The Content-Security-Policy of the pages, with a fresh nonce per request: Next.js reads the nonce from the
 * request's policy and puts it on its own scripts, so no inline script runs without it. Styles allow
 * 'unsafe-inline' because React renders `style` attributes, which nonces cannot cover. Development adds
 * 'unsafe-eval', which React's dev tooling needs; production never has it.
 */
export function pageSecurityPolicy(nonce: string, development: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export function newNonce(): string {
  return randomBytes(18).toString("base64");
}

import type { Rng } from "../simulator/random";

/**
 * Test support: random and malformed query strings, deterministic for a seed, built from what breaks parsers:
 * wrong types, huge and negative numbers, Unicode (combining, right-to-left, emoji, lone surrogates), injection
 * strings, 10 kB values, repeated and unknown parameters, broken percent-encoding.
 */

export const INJECTIONS = [
  "' OR '1'='1' --",
  '"; DROP TABLE backups; --',
  "<script>alert(1)</script>",
  // a log-injection probe, meant literally
  "${jndi:ldap://127.0.0.1/x}",
  "{{7*7}}",
  "../../../../etc/passwd",
  "=cmd|' /C calc'!A0",
  "@SUM(1+1)",
  "__proto__",
  "constructor",
  "http://evil.example/",
  "%00",
  "\u0000",
  "\r\nSet-Cookie: x=1",
  "$(id)",
  "`id`",
];

const UNICODE = [
  "\u202Egnp.exe",
  "e\u0301\u0301\u0301",
  "😀🔥💥",
  "ＦＵＬＬ",
  "\u200B\u200C\u200D",
  "Ω≈ç√∫",
  "中文字符",
  "\uFEFF",
  "𝕏",
];

const NUMBERS = [
  "0",
  "-1",
  "1.5",
  "1e309",
  "99999999999999999999999",
  "9007199254740993",
  "NaN",
  "Infinity",
  "-0",
  "0x10",
  " 1",
  "1 ",
  "+1",
  "１",
];

const INSTANTS = [
  "2026-11-20T00:00:00Z",
  "2026-11-20T00:00:00+08:00",
  "2026-11-20 00:00:00",
  "2026-13-40T25:61:61Z",
  "0000-01-01T00:00:00Z",
  "9999-12-31T23:59:59Z",
  "yesterday",
  "1700000000",
];

/** Raw pieces that URLSearchParams would never produce: broken escapes, stray separators. */
const RAW = ["%", "%zz", "%E0%A4%A", "%ED%A0%80", "%C0%AF", "&&&", "==", "=", "&=&", "%26", "%3D", "+", "%2B", ";"];

function longText(rng: Rng): string {
  const unit = rng.pick(["a", "é", "😀", ",", "%", "x,"]);
  return unit.repeat(Math.ceil(10_240 / unit.length));
}

/** A value for a parameter: sometimes a valid one of `valid`, mostly something hostile. */
export function hostileValue(rng: Rng, valid: readonly string[]): string {
  switch (rng.int(0, 9)) {
    case 0:
    case 1:
      return valid.length > 0 ? rng.pick(valid) : "";
    case 2:
      return rng.pick(NUMBERS);
    case 3:
      return rng.pick(INJECTIONS);
    case 4:
      return rng.pick(UNICODE);
    case 5:
      return rng.pick(INSTANTS);
    case 6:
      return rng.chance(0.3) ? longText(rng) : "x".repeat(rng.int(190, 260));
    case 7:
      return Array.from({ length: rng.int(2, 300) }, () => rng.pick([...valid, "", " ", "bogus"])).join(",");
    case 8:
      return "";
    default:
      return String.fromCharCode(...Array.from({ length: rng.int(1, 12) }, () => rng.int(0, 0xffff)));
  }
}

/** Form-encodes any string; a lone surrogate becomes U+FFFD as a browser would send it (encodeURIComponent throws). */
function encode(text: string): string {
  return new URLSearchParams([["", text]]).toString().slice(1);
}

/**
 * A query string (without `?`) for a route whose parameters are `params` (name → valid values): known and
 * unknown names, repeated parameters, and raw fragments mixed in unencoded.
 */
export function hostileQuery(rng: Rng, params: Readonly<Record<string, readonly string[]>>): string {
  const names = Object.keys(params);
  const parts: string[] = [];
  for (let i = rng.int(0, 6); i > 0; i--) {
    const roll = rng.next();
    if (roll < 0.08) {
      parts.push(rng.pick(RAW));
      continue;
    }
    const name =
      roll < 0.75 && names.length > 0
        ? rng.pick(names)
        : rng.pick([...INJECTIONS, ...UNICODE, "endpoint", "host", "PAGE", "page[]", "", longText(rng)]);
    const value = hostileValue(rng, Object.hasOwn(params, name) ? params[name] : []);
    parts.push(rng.chance(0.1) ? `${name}=${value}` : `${encode(name)}=${encode(value)}`);
    // The same parameter again.
    if (rng.chance(0.1)) parts.push(`${encode(name)}=${encode(hostileValue(rng, []))}`);
  }
  return parts.join("&");
}

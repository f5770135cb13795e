/**
 * `instanceof` that also holds across Next.js's server bundles. The instrumentation hook, the route handlers and
 * the pages each load their own copy of `lib/`, while the runtime and the caches are shared on globalThis; so an
 * error made by one copy reaches another, whose class is a different object. Our error classes set a distinct
 * `name`, which every copy shares.
 */
export function isInstance<T extends Error>(value: unknown, errorClass: abstract new (...args: never[]) => T, name: string): value is T {
  return value instanceof errorClass || (value instanceof Error && value.name === name);
}

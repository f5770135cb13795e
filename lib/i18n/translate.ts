/**
 * Message lookup: dictionaries are plain objects per namespace (messages/<locale>/<namespace>.ts); English
 * defines the keys and every other language must have the same keys (checked by the type system).
 * `{name}` placeholders are filled from `values`. Browser-safe.
 */

export type MessageTree = { readonly [key: string]: string | MessageTree };

/** "a.b.c" paths to the strings of a tree. */
export type MessagePath<T> = {
  [K in keyof T & string]: T[K] extends string ? K : T[K] extends MessageTree ? `${K}.${MessagePath<T[K]>}` : never;
}[keyof T & string];

/** The same shape with every string free: what a translation must fill. */
export type Translation<T> = { readonly [K in keyof T]: T[K] extends string ? string : Translation<T[K]> };

export type Values = Readonly<Record<string, string | number>>;

export function lookup(tree: MessageTree, path: string): string | undefined {
  let node: string | MessageTree | undefined = tree;
  for (const part of path.split(".")) {
    if (node === undefined || typeof node === "string") return undefined;
    node = node[part];
  }
  return typeof node === "string" ? node : undefined;
}

const PLACEHOLDER = /\{(\w+)\}/g;

export function interpolate(message: string, values?: Values): string {
  if (!values) return message;
  return message.replace(PLACEHOLDER, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** A message cut at its placeholders, for filling some of them with elements: text and names alternate. */
export type MessagePart = { text: string } | { placeholder: string };

export function messageParts(message: string): MessagePart[] {
  const parts: MessagePart[] = [];
  let from = 0;
  for (const match of message.matchAll(PLACEHOLDER)) {
    if (match.index > from) parts.push({ text: message.slice(from, match.index) });
    parts.push({ placeholder: match[1] });
    from = match.index + match[0].length;
  }
  if (from < message.length) parts.push({ text: message.slice(from) });
  return parts;
}

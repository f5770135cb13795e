import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * The browser gets one language's messages, as data from the server: no module of the client bundle may
 * import the dictionaries. The client bundle is what the "use client" modules import, transitively; a type
 * import (`import type`) is erased and ships nothing.
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** Both a language's dictionaries and the module that gathers them. */
function isDictionary(path: string): boolean {
  return path === "lib/i18n/messages.ts" || path.startsWith("messages/");
}

/** The specifiers a module imports for their values: static imports, re-exports and dynamic imports. */
function valueImports(fileName: string, source: string): string[] {
  const kind = fileName.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, false, kind);
  const specifiers: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && !node.importClause?.isTypeOnly && ts.isStringLiteral(node.moduleSpecifier))
      specifiers.push(node.moduleSpecifier.text);
    else if (
      ts.isExportDeclaration(node) &&
      !node.isTypeOnly &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    )
      specifiers.push(node.moduleSpecifier.text);
    else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments.length > 0 &&
      ts.isStringLiteral(node.arguments[0])
    )
      specifiers.push(node.arguments[0].text);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return specifiers;
}

const EXTENSIONS = ["", ".ts", ".tsx", "/index.ts", "/index.tsx"];

/** The project file (relative to the root) a specifier names; null for a package. */
function resolveImport(from: string, specifier: string): string | null {
  let base: string;
  if (specifier.startsWith("@/")) base = join(ROOT, specifier.slice(2));
  else if (specifier.startsWith(".")) base = resolve(ROOT, dirname(from), specifier);
  else return null;
  const found = EXTENSIONS.map((extension) => base + extension).find(
    (candidate) => existsSync(candidate) && statSync(candidate).isFile(),
  );
  if (!found) throw new Error(`${from} imports ${specifier}, which is no file of the project`);
  return relative(ROOT, found);
}

function sourceFiles(directory: string): string[] {
  return readdirSync(join(ROOT, directory), { recursive: true, encoding: "utf8" })
    .filter((path) => /\.tsx?$/.test(path) && !/\.test\.tsx?$/.test(path))
    .map((path) => join(directory, path));
}

const USE_CLIENT = /^(?:\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*["']use client["']/;

/** Every module of the client bundle, each with the module that first brought it in. */
function clientModules(): Map<string, string> {
  const roots = [...sourceFiles("app"), ...sourceFiles("components")].filter((path) =>
    USE_CLIENT.test(readFileSync(join(ROOT, path), "utf8")),
  );
  const importedBy = new Map<string, string>(roots.map((root) => [root, "a \"use client\" directive"]));
  const pending = [...roots];
  for (let path = pending.pop(); path !== undefined; path = pending.pop()) {
    if (!/\.tsx?$/.test(path)) continue;
    for (const specifier of valueImports(path, readFileSync(join(ROOT, path), "utf8"))) {
      const target = resolveImport(path, specifier);
      if (target === null || importedBy.has(target)) continue;
      importedBy.set(target, path);
      pending.push(target);
    }
  }
  return importedBy;
}

describe("the browser's messages", () => {
  it("tells value imports from type imports", () => {
    const source = [
      'import type { Messages } from "@/lib/i18n/messages";',
      'import { MESSAGES } from "@/lib/i18n/messages";',
      'export { labels } from "@/messages/en/labels";',
      'export type { Translation } from "./translate";',
      'const later = () => import("./server");',
    ].join("\n");
    expect(valueImports("sample.ts", source)).toEqual(["@/lib/i18n/messages", "@/messages/en/labels", "./server"]);
  });

  it("come from the server: no module of the client bundle imports the dictionaries", () => {
    const modules = clientModules();
    // The walk reaches the provider and the pure translate code it shares with the server.
    for (const path of ["components/i18n.tsx", "components/labels.ts", "lib/i18n/translator.ts"])
      expect(modules.has(path), path).toBe(true);
    const dictionaries = [...modules].filter(([path]) => isDictionary(path)).map(([path, by]) => `${by} → ${path}`);
    expect(dictionaries).toEqual([]);
  });

  it("stay on the server: the module of the dictionaries is server-only, so a client import fails the build", () => {
    expect(readFileSync(join(ROOT, "lib/i18n/messages.ts"), "utf8")).toMatch(/^import "server-only";/);
  });
});

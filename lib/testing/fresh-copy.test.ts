import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { makeFreshCopy } from "./fresh-copy";

/** A throw-away checkout: tracked files, an untracked one, an ignored one, a deleted one and a node_modules. */
function checkout(): string {
  const root = path.join(mkdtempSync(path.join(tmpdir(), "checkout-")), "project");
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  };
  write("package.json", "{}");
  write("lib/a.test.ts", "tracked");
  write("gone.txt", "deleted after the commit");
  write(".gitignore", "node_modules/\n.env\n");
  const git = (...args: string[]) => execFileSync("git", args, { cwd: root, stdio: "ignore" });
  git("init", "-q");
  git("add", ".");
  git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "fixture");
  rmSync(path.join(root, "gone.txt"));
  write("lib/a.test.ts", "changed, not committed");
  write("untracked.txt", "never added");
  write(".env", "SECRET=1");
  write("node_modules/pkg/index.js", "");
  write("../sibling/data.txt", "beside the checkout");
  return root;
}

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(path.dirname(dir), { recursive: true, force: true });
});

describe("a fresh copy of a checkout", () => {
  it("holds the tracked files as they are, node_modules linked, and nothing beside it", () => {
    const root = checkout();
    made.push(root);
    const copy = makeFreshCopy(root);
    try {
      expect(readdirSync(path.dirname(copy.dir))).toEqual(["project"]);
      expect(readdirSync(copy.dir).sort()).toEqual([".gitignore", "lib", "node_modules", "package.json"]);
      expect(readFileSync(path.join(copy.dir, "lib/a.test.ts"), "utf8")).toBe("changed, not committed");
      expect(readlinkSync(path.join(copy.dir, "node_modules"))).toBe(path.join(root, "node_modules"));
      expect(existsSync(path.join(copy.dir, "../sibling"))).toBe(false);
    } finally {
      copy.remove();
    }
    expect(existsSync(path.dirname(copy.dir))).toBe(false);
  });

  it("refuses a checkout without node_modules", () => {
    const root = checkout();
    made.push(root);
    rmSync(path.join(root, "node_modules"), { recursive: true });
    expect(() => makeFreshCopy(root)).toThrow(/node_modules is missing: run npm ci first/);
  });
});

import { execFileSync } from "node:child_process";
import { chmodSync, copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * A copy of a checkout as a new user's clone has it: the tracked files only, alone in a fresh temporary
 * directory (no sibling folder, no untracked or ignored file), so that a test reaching outside the repository or
 * needing a file nobody committed fails there. `node_modules` is the checkout's own, linked rather than
 * installed again.
 */

export interface FreshCopy {
  /** The copy's root. */
  dir: string;
  /** Removes the copy and the temporary directory around it. */
  remove(): void;
}

/** The tracked files of the checkout at `root` that exist in its working tree (a deletion not yet committed is gone). */
export function trackedFiles(root: string): string[] {
  const listed = execFileSync("git", ["ls-files", "-z"], { cwd: root, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  return listed
    .split("\0")
    .filter(Boolean)
    .filter((file) => {
      const stat = lstatSync(path.join(root, file), { throwIfNoEntry: false });
      return stat !== undefined && (stat.isFile() || stat.isSymbolicLink());
    });
}

export function makeFreshCopy(root: string): FreshCopy {
  const modules = path.join(root, "node_modules");
  if (!existsSync(modules)) throw new Error(`${modules} is missing: run npm ci first`);
  const parent = mkdtempSync(path.join(tmpdir(), "fresh-copy-"));
  const dir = path.join(parent, path.basename(root));
  const remove = () => rmSync(parent, { recursive: true, force: true });
  try {
    for (const file of trackedFiles(root)) {
      const target = path.join(dir, file);
      mkdirSync(path.dirname(target), { recursive: true });
      copyFileSync(path.join(root, file), target);
      chmodSync(target, lstatSync(path.join(root, file)).mode & 0o777);
    }
    symlinkSync(modules, path.join(dir, "node_modules"), "dir");
  } catch (error) {
    remove();
    throw error;
  }
  return { dir, remove };
}

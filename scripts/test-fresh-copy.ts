import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { makeFreshCopy } from "../lib/testing/fresh-copy";

/**
 * `npm run test:fresh-copy [-- vitest arguments]`: the unit tests run from a copy of the tracked files with
 * nothing beside it, as in a new user's clone. Exits with vitest's code; the copy is removed in every case.
 * Outside a git checkout (a downloaded archive) nothing tells tracked files apart: the tests run in place.
 */

const root = fileURLToPath(new URL("..", import.meta.url));
const copy = existsSync(path.join(root, ".git")) ? makeFreshCopy(root) : null;
console.log(
  copy
    ? `Unit tests in a fresh copy of the tracked files: ${copy.dir}`
    : "Not a git checkout: the unit tests run in place",
);
const vitest = spawn(process.execPath, ["node_modules/vitest/vitest.mjs", "run", ...process.argv.slice(2)], {
  cwd: copy?.dir ?? root,
  stdio: "inherit",
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => vitest.kill(signal));
vitest.on("exit", (code, signal) => {
  copy?.remove();
  process.exit(code ?? (signal ? 1 : 0));
});

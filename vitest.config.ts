import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      // Route handlers and lib/ import "server-only"; outside Next's server bundle it would throw.
      "server-only": fileURLToPath(new URL("./node_modules/server-only/empty.js", import.meta.url)),
      "@": fileURLToPath(new URL("./", import.meta.url)),
    },
  },
  test: {
    include: [
      "lib/**/*.test.ts",
      "app/**/*.test.ts",
      "components/**/*.test.ts",
      "bench/**/*.test.ts",
      "scripts/**/*.test.ts",
    ],
    environment: "node",
    // Route and sync tests run complete listings of a simulated cloud through the real store; on a busy 2-core
    // machine one can take over a minute. A hung test still fails, later.
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});

// Unit and integration tests (Playwright owns tests/e2e). Integration tests run against real
// PostgreSQL: one migrated template per run (tests/fixtures/global-setup.ts), cloned into a
// fresh database for every test file (tests/fixtures/per-file-db.ts).
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  resolve: {
    alias: [{ find: /^@\//, replacement: root }],
  },
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
    globalSetup: ["tests/fixtures/global-setup.ts"],
    setupFiles: ["tests/fixtures/per-file-db.ts"],
    pool: "forks",
    fileParallelism: true,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

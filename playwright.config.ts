// Browser tests against a real production build (`next build` + `npm start`) on port 3100 (two hosts), with
// its own freshly reset and demo-seeded database. Uses Debian's Chromium, not a downloaded one.
import { defineConfig } from "@playwright/test";
import { E2E_BASE_URL, E2E_DATA_DIR, E2E_DB_NAME, E2E_PORT, E2E_PUBLIC_URL } from "./tests/fixtures/e2e-server";

const ci = Boolean(process.env.CI);
// E2E_SKIP_BUILD=1 reuses the last `next build` (local iteration only; CI always builds).
const build = process.env.E2E_SKIP_BUILD === "1" && !ci ? "" : "npm run build && ";

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  forbidOnly: ci,
  retries: ci ? 1 : 0,
  workers: 2,
  reporter: "list",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: E2E_BASE_URL,
    browserName: "chromium",
    headless: true,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    command: `${build}npm start`,
    url: `${E2E_BASE_URL}/api/health`,
    timeout: 10 * 60_000,
    reuseExistingServer: !ci,
    stdout: "pipe",
    // SIGTERM lets server/cli.ts stop Next.js and then the embedded PostgreSQL cleanly.
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
    env: {
      PORT: String(E2E_PORT),
      // Two origins on one server (README, "Two origins"): `next start` listens on every interface,
      // so staff use localhost and patients and visitors 127.0.0.1, with no cookie shared between them.
      APP_URL: E2E_BASE_URL,
      PUBLIC_URL: E2E_PUBLIC_URL,
      NEXTAUTH_URL: E2E_BASE_URL,
      JUNCTION_DATA_DIR: E2E_DATA_DIR,
      JUNCTION_DB_NAME: E2E_DB_NAME,
      JUNCTION_RESET_DB: "1",
      JUNCTION_SEED_DEMO: "1",
      // The worker runs beside Next.js (reminders reach the outbox), and tests may move its clock.
      JUNCTION_INLINE_WORKER: "1",
      JUNCTION_TEST_CLOCK: "1",
    },
  },
});

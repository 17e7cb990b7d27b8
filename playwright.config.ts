// Browser tests against a real production build (`next build` + `npm start`) on port 3100 (two hosts), with
// its own freshly reset and demo-seeded database. Uses Debian's Chromium, not a downloaded one.
import { defineConfig } from "@playwright/test";
import {
  E2E_BASE_URL,
  E2E_DATA_DIR,
  E2E_DB_NAME,
  E2E_PORT,
  E2E_PUBLIC_URL,
  E2E_STRIPE_PORT,
  E2E_STRIPE_URL,
} from "./tests/fixtures/e2e-server";

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
  // A journey's whole budget. CI's two cores may be busy (three helpers and a build measured a load
  // average of 15): journeys of 20–30 s on a quiet machine ran out of 30 s there, though every step passed.
  timeout: 60_000,
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
  webServer: [
    {
      // The Stripe test double: billing is on in the browser tests, and never reaches Stripe.
      command: "npx tsx tests/fixtures/stripe-double-server.ts",
      url: `${E2E_STRIPE_URL}/__double/health`,
      timeout: 60_000,
      reuseExistingServer: !ci,
      stdout: "pipe",
      env: { E2E_STRIPE_PORT: String(E2E_STRIPE_PORT), E2E_WEBHOOK_URL: `${E2E_BASE_URL}/api/webhooks/stripe` },
    },
    {
      command: `${build}npm start`,
      url: `${E2E_BASE_URL}/api/health`,
      timeout: 10 * 60_000,
      reuseExistingServer: !ci,
      stdout: "pipe",
      // SIGTERM lets server/cli.ts stop Next.js and then the embedded PostgreSQL cleanly.
      gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
      env: {
        PORT: String(E2E_PORT),
        // Two origins on one server (README, "Two origins"): staff use localhost, patients and
        // visitors 127.0.0.1, with no cookie shared between them.
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
        // Billing against the Stripe test double above (its fixed keys and prices; http to loopback only).
        STRIPE_SECRET_KEY: "sk_test_double_not_a_real_key",
        STRIPE_WEBHOOK_SECRET: "whsec_test_double_secret",
        STRIPE_CONNECT_WEBHOOK_SECRET: "whsec_test_double_connect_secret",
        STRIPE_PRICE_SOLO: "price_double_solo",
        STRIPE_PRICE_CLINIC: "price_double_clinic",
        STRIPE_API_HOST: "127.0.0.1",
        STRIPE_API_PORT: String(E2E_STRIPE_PORT),
        STRIPE_API_PROTOCOL: "http",
      },
    },
  ],
});

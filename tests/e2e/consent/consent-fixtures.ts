// Browser-test helpers for cookie consent: a clinic of the test's own with third-party tags that
// point at https://tags.example.test (answered locally by page.route, never the internet), what
// the browser holds, and the clinic's consent log as stored.
import { expect, type BrowserContext, type Page } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { registryEntryFor } from "@/server/consent/registry";
import { E2E_DATA_DIR, E2E_PUBLIC_URL } from "@/tests/fixtures/e2e-server";
import { e2eDatabaseUrl } from "@/tests/fixtures/e2e";

export const TAG_ORIGIN = "https://tags.example.test";
export const ANALYTICS_URL = `${TAG_ORIGIN}/analytics.js`;
export const MARKETING_URL = `${TAG_ORIGIN}/pixel.js`;

/** What the fake analytics script does: a cookie of its own, a global, and a beacon. */
const ANALYTICS_JS = `
  document.cookie = "_jt_analytics=1; path=/; max-age=31536000";
  window.__analyticsRuns = (window.__analyticsRuns || 0) + 1;
  fetch("${TAG_ORIGIN}/collect", { method: "POST", body: "hit" }).catch(function () {});
`;

export const DEFAULT_TAGS = {
  analytics: { provider: "Test Analytics", scriptUrl: ANALYTICS_URL, cookies: ["_jt_analytics"] },
  marketing: {
    provider: "Test Ads",
    scriptUrl: MARKETING_URL,
    inlineScript: 'window.__marketingInline = true; document.cookie = "_jt_ads_id=42; path=/";',
    cookies: ["_jt_ads*"],
  },
};

async function withDb<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** bookPath: the booking page on the public origin (README, "Two origins"). */
export type TestClinic = { id: string; slug: string; name: string; bookPath: string };

/** A clinic of this test's own (so its consent settings and log are the test's alone). */
export async function createClinic(
  opts: { name?: string; tags?: object; consentMonths?: number; language?: string; policyVersion?: number } = {},
): Promise<TestClinic> {
  const suffix = randomBytes(4).toString("hex");
  const slug = `consent-${suffix}`;
  const name = opts.name ?? `Consent Clinic ${suffix}`;
  return withDb(async (client) => {
    const { rows } = await client.query<{ id: string }>(
      "INSERT INTO clinics (slug, name) VALUES ($1, $2) RETURNING id",
      [slug, name],
    );
    const id = rows[0]!.id;
    await client.query(
      `INSERT INTO consent_settings (clinic_id, consent_months, language, policy_version, tags) VALUES ($1, $2, $3, $4, $5)`,
      [
        id,
        opts.consentMonths ?? 12,
        opts.language ?? "en",
        opts.policyVersion ?? 1,
        JSON.stringify(opts.tags ?? DEFAULT_TAGS),
      ],
    );
    return { id, slug, name, bookPath: `${E2E_PUBLIC_URL}/book/${slug}` };
  });
}

export async function setPolicyVersion(clinicId: string, version: number): Promise<void> {
  await withDb((client) =>
    client.query("UPDATE consent_settings SET policy_version = $2 WHERE clinic_id = $1", [clinicId, version]),
  );
}

export type StoredDecision = {
  consentId: string;
  granted: string[];
  refused: string[];
  source: string;
  gpc: boolean;
  policyVersion: number;
  ipTruncated: string | null;
  userAgentFamily: string;
};

export async function consentLog(clinicId: string): Promise<StoredDecision[]> {
  return withDb(async (client) => {
    const { rows } = await client.query<StoredDecision>(
      `SELECT consent_id AS "consentId", granted, refused, source, gpc, policy_version AS "policyVersion",
              ip_truncated AS "ipTruncated", user_agent_family AS "userAgentFamily"
         FROM consent_records WHERE clinic_id = $1 ORDER BY decided_at`,
      [clinicId],
    );
    return rows;
  });
}

/** A patient link for the demo clinic, signed with the e2e server's secret (server/cli.ts writes it). */
export function secretOfE2eServer(): string {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  return readFileSync(path.resolve(path.dirname(E2E_DATA_DIR), "auth-secret"), "utf8").trim();
}

/** Answers the tag origin locally and records every request made to it. */
export async function fakeTags(page: Page): Promise<string[]> {
  const requested: string[] = [];
  await page.route(`${TAG_ORIGIN}/**`, async (route) => {
    const url = route.request().url();
    requested.push(url);
    if (url === ANALYTICS_URL)
      return route.fulfill({ status: 200, contentType: "application/javascript", body: ANALYTICS_JS });
    if (url === MARKETING_URL)
      return route.fulfill({
        status: 200,
        contentType: "application/javascript",
        body: "window.__pixelRuns = (window.__pixelRuns || 0) + 1;",
      });
    return route.fulfill({ status: 204, body: "" });
  });
  return requested;
}

/** Requests to anywhere but this site (nothing third-party may load before consent). */
export function thirdPartyRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (!["localhost", "127.0.0.1"].includes(url.hostname) && url.protocol.startsWith("http")) seen.push(request.url());
  });
  return seen;
}

/** Cookies in the browser that are not strictly necessary according to the registry. */
export async function nonEssentialCookies(context: BrowserContext): Promise<string[]> {
  const cookies = await context.cookies();
  return cookies.filter((c) => registryEntryFor("cookie", c.name)?.category !== "necessary").map((c) => c.name);
}

export const banner = (page: Page) =>
  page.getByRole("dialog", { name: /Your choice about cookies|Tu elección sobre las cookies/ });
export const settingsDialog = (page: Page) =>
  page.getByRole("dialog", { name: /Cookie settings|Configuración de cookies/ });

/** The signature in each consent cookie the browser holds (name → sig, null when unsigned). */
async function consentSignatures(page: Page): Promise<Map<string, string | null>> {
  const signatures = new Map<string, string | null>();
  for (const c of await page.context().cookies()) {
    if (!c.name.startsWith("junction_consent")) continue;
    try {
      signatures.set(
        c.name,
        (JSON.parse(decodeURIComponent(c.value)) as { data?: { sig?: string } }).data?.sig ?? null,
      );
    } catch {
      signatures.set(c.name, null);
    }
  }
  return signatures;
}

/**
 * Clicks a banner button and waits until the decision is recorded (POST /api/consent answered) and
 * a new signature is in the consent cookie (the browser writes it just after the answer arrives).
 */
export async function decide(page: Page, click: () => Promise<void>): Promise<void> {
  const before = await consentSignatures(page);
  const recorded = page.waitForResponse((r) => r.url().endsWith("/api/consent") && r.request().method() === "POST");
  await click();
  expect((await recorded).status()).toBe(200);
  await expect
    .poll(async () =>
      [...(await consentSignatures(page))].some(([name, sig]) => sig !== null && sig !== before.get(name)),
    )
    .toBe(true);
}

/**
 * Gives the demo clinic an analytics tag unless it has tags already (the owner's test sets the same
 * one), so its booking page asks: a clinic without tags shows no banner at all.
 */
export async function demoClinicWithTag(slug: string): Promise<void> {
  await withDb((client) =>
    client.query(
      `INSERT INTO consent_settings (clinic_id, tags)
         SELECT id, $2::jsonb FROM clinics WHERE slug = $1
       ON CONFLICT (clinic_id) DO UPDATE SET tags = EXCLUDED.tags WHERE consent_settings.tags = '{}'::jsonb`,
      [slug, JSON.stringify({ analytics: DEFAULT_TAGS.analytics })],
    ),
  );
}

// Consent on real PostgreSQL: recording decisions as proof (per clinic, or the platform's own),
// what GPC, unknown categories and policy versions do, the endpoint's refusals (size, origin,
// rate), the owners' settings and log, and who may read what.
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, test, vi } from "vitest";
import { POST } from "@/app/api/consent/route";
import { appDb } from "@/db/client";
import { consentRecords, platformConsentRecords } from "@/db/schema";
import { createPatientLinkToken } from "@/server/auth/patient-links";
import { readConsentCookie } from "@/server/consent/consent-cookie";
import { consentLogRows } from "@/server/consent/log";
import {
  buildConsentClientConfig,
  consentScopeForPatientToken,
  consentScopeForSlug,
  PLATFORM_SCOPE,
} from "@/server/consent/page-config";
import { recordConsent, type RequestFacts } from "@/server/consent/record";
import type { ConsentDecisionInput } from "@/server/consent/schemas";
import { SOCKET_HEADER } from "@/server/client-ip";
import { authSecret, env } from "@/server/env";
import { DomainError } from "@/server/errors";
import { withClinic } from "@/server/tenancy";
import { anonymousCaller, callerFor, refusal } from "../fixtures/callers";
import { seedClinic, type SeededClinic } from "../fixtures/clinic";
import { adminDb, adminPool } from "../fixtures/db";

let a: SeededClinic;
let b: SeededClinic;
/** As `npm start` runs it: the front (server/front.ts) reports each request's TCP peer with this token. */
const FRONT_TOKEN = "consent-test-front-token";

beforeAll(async () => {
  env.JUNCTION_FRONT_TOKEN = FRONT_TOKEN;
  a = await seedClinic();
  b = await seedClinic();
});

let clientSeq = 0;
/** Facts about a browser; each call is a different client unless an IP is given (rate limiting). */
const facts = (overrides: Partial<RequestFacts> = {}): RequestFacts => ({
  ipTruncated: "203.0.113.0",
  userAgentFamily: "Firefox",
  gpcHeader: false,
  clientIp: `198.18.${Math.floor(++clientSeq / 250)}.${clientSeq % 250}`,
  ...overrides,
});

const decision = (overrides: Partial<ConsentDecisionInput> = {}): ConsentDecisionInput => ({
  clinic: a.slug,
  consentId: randomUUID(),
  accepted: ["necessary", "analytics"],
  policyVersion: 1,
  language: "en",
  source: "banner",
  gpc: false,
  ...overrides,
});

const record = (input: ConsentDecisionInput, f: RequestFacts = facts(), now?: Date) =>
  recordConsent(appDb(), input, f, { secret: authSecret(), now });

/** The browser's consent cookie after a recorded decision, as the banner library writes it. */
function cookieAfter(input: ConsentDecisionInput, result: Awaited<ReturnType<typeof record>>) {
  return encodeURIComponent(
    JSON.stringify({
      categories: result.granted,
      revision: result.policyVersion,
      consentId: input.consentId,
      data: result.proof,
    }),
  );
}

const rowsOf = (clinicId: string) =>
  adminDb().select().from(consentRecords).where(eq(consentRecords.clinicId, clinicId));

describe("a decision on a clinic's page", () => {
  test("is stored as proof in that clinic's log, with no more personal data than needed", async () => {
    const input = decision({ accepted: ["necessary", "analytics"] });
    const now = new Date("2026-05-01T12:00:00Z");
    const result = await record(input, facts(), now);
    expect(result).toMatchObject({
      granted: ["necessary", "analytics"],
      refused: ["preferences", "marketing"],
      policyVersion: 1,
    });
    const [row] = (await rowsOf(a.id)).filter((r) => r.consentId === input.consentId);
    expect(row).toMatchObject({
      clinicId: a.id,
      consentId: input.consentId,
      granted: ["necessary", "analytics"],
      refused: ["preferences", "marketing"],
      policyVersion: 1,
      source: "banner",
      gpc: false,
      ipTruncated: "203.0.113.0",
      userAgentFamily: "Firefox",
      decidedAt: now,
      expiresAt: new Date("2027-05-01T12:00:00Z"),
    });
    expect(row!.bannerVersion).toMatch(/^en-[0-9a-f]{12}$/);
  });

  test("comes back with a signature the pages then accept as that clinic's consent", async () => {
    const input = decision({ accepted: ["necessary", "marketing"] });
    const result = await record(input);
    const cookie = cookieAfter(input, result);
    const reading = (scope: string) =>
      readConsentCookie(cookie, { scope, policyVersion: 1, months: 12, secret: authSecret() });
    expect(reading(a.id)).toEqual({
      verdict: "valid",
      granted: ["necessary", "marketing"],
      consentId: input.consentId,
    });
    expect(reading(b.id).verdict).toBe("invalid");
  });

  test("ignores unknown categories", async () => {
    const result = await record(decision({ accepted: ["preferences", "telemetry", "fingerprinting"] }));
    expect(result.granted).toEqual(["necessary", "preferences"]);
    expect(result.refused).toEqual(["analytics", "marketing"]);
  });

  test("with Global Privacy Control refuses analytics and marketing, and says the signal decided it", async () => {
    const clicked = await record(
      decision({ accepted: ["necessary", "preferences", "analytics", "marketing"] }),
      facts({ gpcHeader: true }),
    );
    expect(clicked).toMatchObject({ granted: ["necessary", "preferences"], refused: ["analytics", "marketing"] });
    const input = decision({ accepted: ["necessary"], gpc: true });
    await record(input);
    const rows = await rowsOf(a.id);
    expect(rows.find((r) => r.consentId === clicked.consentId)).toMatchObject({ source: "gpc", gpc: true });
    expect(rows.find((r) => r.consentId === input.consentId)).toMatchObject({ source: "banner", gpc: true });
    expect(rows.filter((r) => r.source === "gpc" && r.granted.includes("analytics"))).toEqual([]);
  });

  test("keeps the same consent id across a browser's later changes", async () => {
    const consentId = randomUUID();
    await record(decision({ consentId, accepted: ["necessary", "analytics"] }));
    await record(decision({ consentId, accepted: ["necessary"], source: "settings" }));
    const trail = (await rowsOf(a.id)).filter((r) => r.consentId === consentId).map((r) => [r.source, r.granted]);
    expect(trail).toEqual([
      ["banner", ["necessary", "analytics"]],
      ["settings", ["necessary"]],
    ]);
  });

  test("for a clinic that does not exist, or a policy version it never published, is refused", async () => {
    await expect(record(decision({ clinic: "no-such-clinic" }))).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(record(decision({ policyVersion: 2 }))).rejects.toBeInstanceOf(DomainError);
  });

  test("cannot be changed or deleted afterwards, not even inside the clinic's own transaction", async () => {
    await record(decision({ clinic: b.slug }));
    const attempt = (statement: string) =>
      withClinic(appDb(), b.id, (tx) => tx.execute(sql.raw(statement))).then(
        () => "allowed",
        (error: { cause?: { code?: string }; code?: string }) => error.cause?.code ?? error.code,
      );
    expect(
      await attempt(`UPDATE consent_records SET granted = '{necessary,marketing}' WHERE clinic_id = '${b.id}'`),
    ).toBe("42501");
    expect(await attempt(`DELETE FROM consent_records WHERE clinic_id = '${b.id}'`)).toBe("42501");
  });
});

describe("a decision on Junction's own pages", () => {
  test("goes to the platform log, which the app can write but nobody can read through it", async () => {
    const input = decision({ clinic: null, accepted: ["necessary", "preferences"] });
    const result = await record(input);
    expect(result.granted).toEqual(["necessary", "preferences"]);
    const stored = await adminDb()
      .select()
      .from(platformConsentRecords)
      .where(eq(platformConsentRecords.consentId, input.consentId));
    expect(stored).toHaveLength(1);
    const read = await appDb()
      .execute(sql`SELECT count(*) FROM platform_consent_records`)
      .then(
        () => "allowed",
        (error: { cause?: { code?: string } }) => error.cause?.code,
      );
    expect(read).toBe("42501");
    expect(await rowsOf(a.id).then((rows) => rows.some((r) => r.consentId === input.consentId))).toBe(false);
  });
});

describe("rate limiting", () => {
  test("refuses an IP after LIMIT_CONSENT_PER_IP decisions in 10 minutes, others still pass, and it lifts", async () => {
    const busy = facts({ clientIp: "198.51.100.7" });
    for (let i = 0; i < env.LIMIT_CONSENT_PER_IP; i++) await record(decision(), busy);
    const refused = await record(decision(), busy).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused).toMatchObject({
      kind: "TOO_MANY_REQUESTS",
      userMessage: "Too many requests — please try again in 10 minutes.",
    });
    await expect(record(decision(), facts())).resolves.toBeDefined();
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 11 * 60_000 });
    try {
      await expect(record(decision(), busy)).resolves.toBeDefined();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("POST /api/consent", () => {
  const post = (body: string, headers: Record<string, string> = {}) =>
    POST(
      new Request("http://localhost:3000/api/consent", {
        method: "POST",
        headers: {
          "content-type": "application/json",
          host: "localhost:3000",
          "sec-fetch-site": "same-origin",
          [SOCKET_HEADER]: `${FRONT_TOKEN} 192.0.2.${++clientSeq % 250}`,
          ...headers,
        },
        body,
      }),
    );

  test("records a decision and answers the proof, never the full IP", async () => {
    const input = decision({ clinic: b.slug, accepted: ["necessary", "preferences"] });
    const response = await post(JSON.stringify(input), {
      [SOCKET_HEADER]: `${FRONT_TOKEN} 198.51.100.23`,
      "user-agent": "Mozilla/5.0 Chrome/131.0 Safari/537.36",
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { granted: string[]; proof: { v: number; at: number; sig: string } };
    expect(body.granted).toEqual(["necessary", "preferences"]);
    expect(body.proof).toMatchObject({ v: 1 });
    const [row] = (await rowsOf(b.id)).filter((r) => r.consentId === input.consentId);
    expect(row).toMatchObject({ ipTruncated: "198.51.100.0", userAgentFamily: "Chrome" });
  });

  test("treats the Sec-GPC header as a refusal of analytics and marketing", async () => {
    const response = await post(JSON.stringify(decision({ accepted: ["necessary", "analytics", "marketing"] })), {
      "sec-gpc": "1",
    });
    expect(((await response.json()) as { granted: string[] }).granted).toEqual(["necessary"]);
  });

  test.each([
    ["an oversized body", () => post(JSON.stringify({ ...decision(), padding: "x".repeat(3000) })), 413],
    [
      "a body over the limit with no length declared",
      () => post(`{"pad":"${"y".repeat(5000)}"}`, { "content-length": "" }),
      413,
    ],
    ["another site's page", () => post(JSON.stringify(decision()), { "sec-fetch-site": "cross-site" }), 403],
    [
      "a foreign Origin",
      () => post(JSON.stringify(decision()), { "sec-fetch-site": "", origin: "https://evil.example" }),
      403,
    ],
    ["a form post", () => post("clinic=x", { "content-type": "application/x-www-form-urlencoded" }), 415],
    ["malformed JSON", () => post("{not json"), 400],
    ["a missing consent id", () => post(JSON.stringify({ ...decision(), consentId: "abc" })), 400],
    ["an unknown clinic", () => post(JSON.stringify(decision({ clinic: "nowhere-at-all" }))), 404],
  ])("refuses %s", async (_, send, status) => {
    const response = await send();
    expect(response.status).toBe(status);
    expect(await response.json()).toHaveProperty("error");
  });
});

describe("owners' settings", () => {
  test("start at 12 months, version 1, English, no tags", async () => {
    expect(await callerFor(a.owner, a.slug).consent.settings()).toEqual({
      consentMonths: 12,
      policyVersion: 1,
      policyUpdatedAt: null,
      language: "en",
      tags: {},
    });
  });

  test("change the duration, language and tags, with an audit entry", async () => {
    const owner = callerFor(b.owner, b.slug);
    const saved = await owner.consent.updateSettings({
      consentMonths: 6,
      language: "es",
      tags: {
        analytics: { provider: "Plausible", scriptUrl: "https://plausible.io/js/script.js", cookies: ["_pl*"] },
        marketing: null,
      },
    });
    expect(saved).toMatchObject({
      consentMonths: 6,
      language: "es",
      tags: { analytics: { provider: "Plausible", cookies: ["_pl*"] } },
    });
    expect(saved.tags.marketing).toBeUndefined();
    const { rows } = await adminPool().query(
      "SELECT action FROM audit_log WHERE clinic_id = $1 AND action LIKE 'consent.%'",
      [b.id],
    );
    expect(rows.map((r: { action: string }) => r.action)).toContain("consent.update_settings");
  });

  test("refuse an http tag or a duration outside 6–13 months, with the field named", async () => {
    const owner = callerFor(a.owner, a.slug);
    const http = await refusal(
      owner.consent.updateSettings({
        tags: { analytics: { provider: "X", scriptUrl: "http://x.example/a.js", cookies: [] } },
      }),
    );
    expect(http.code).toBe("BAD_REQUEST");
    expect((await refusal(owner.consent.updateSettings({ consentMonths: 14 }))).code).toBe("BAD_REQUEST");
  });

  test("are owners' only", async () => {
    expect((await refusal(callerFor(a.clinician, a.slug).consent.settings())).code).toBe("FORBIDDEN");
    expect((await refusal(callerFor(a.frontDesk, a.slug).consent.log({}))).code).toBe("FORBIDDEN");
    expect((await refusal(anonymousCaller(a.slug).consent.settings())).code).toBe("UNAUTHORIZED");
  });

  test("publishing a new policy version makes earlier decisions stale", async () => {
    const clinic = await seedClinic();
    const input = decision({ clinic: clinic.slug });
    const cookie = cookieAfter(input, await record(input));
    const published = await callerFor(clinic.owner, clinic.slug).consent.publishPolicyVersion();
    expect(published.policyVersion).toBe(2);
    const scope = await consentScopeForSlug(appDb(), clinic.slug);
    const config = buildConsentClientConfig(scope, {
      cookieValue: cookie,
      gpcHeader: false,
      nonce: null,
      secret: authSecret(),
    });
    expect(config).toMatchObject({
      policyVersion: 2,
      cookie: { verdict: "stale", granted: ["necessary", "analytics"] },
    });
    // A decision for version 2 is accepted now; for version 3 not yet.
    await expect(record(decision({ clinic: clinic.slug, policyVersion: 2 }))).resolves.toMatchObject({
      policyVersion: 2,
    });
    await expect(record(decision({ clinic: clinic.slug, policyVersion: 3 }))).rejects.toBeInstanceOf(DomainError);
  });
});

describe("the consent log", () => {
  test("lists the clinic's decisions newest first, by date range and page, and none of another clinic's", async () => {
    const clinic = await seedClinic();
    const other = await seedClinic();
    const days = ["2026-02-01T10:00:00Z", "2026-02-02T10:00:00Z", "2026-02-03T10:00:00Z"].map((d) => new Date(d));
    for (const day of days) await record(decision({ clinic: clinic.slug }), facts(), day);
    await record(decision({ clinic: other.slug }), facts(), days[1]);
    const owner = callerFor(clinic.owner, clinic.slug);
    const all = await owner.consent.log({});
    expect(all.items.map((r) => r.decidedAt)).toEqual([...days].reverse());
    const ranged = await owner.consent.log({ from: days[1], to: days[2] });
    expect(ranged.items.map((r) => r.decidedAt)).toEqual([days[1]]);
    const first = await owner.consent.log({ limit: 2 });
    const second = await owner.consent.log({ limit: 2, cursor: first.nextCursor! });
    expect([...first.items, ...second.items].map((r) => r.decidedAt)).toEqual([...days].reverse());
    expect(second.nextCursor).toBeNull();
    // B's owner sees B's decision only; A's owner, in B's clinic, sees nothing of A's.
    expect((await callerFor(other.owner, other.slug).consent.log({})).items).toHaveLength(1);
    expect((await refusal(callerFor(other.owner, clinic.slug).consent.log({}))).code).toBe("NOT_FOUND");
    const rows = await withClinic(appDb(), other.id, (tx) => consentLogRows(tx, clinic.id, {}));
    expect(rows).toEqual([]);
  });
});

describe("which banner a public page shows", () => {
  test("a patient link's page belongs to the clinic that signed it; an altered link's to Junction", async () => {
    const token = createPatientLinkToken({
      clinicId: a.id,
      patientId: a.patients[0]!.id,
      purpose: "plan",
      ttlSeconds: 600,
    });
    const scope = await consentScopeForPatientToken(appDb(), token);
    expect(scope).toMatchObject({ kind: "clinic", clinic: { id: a.id, slug: a.slug, name: a.name } });
    const unsubscribe = createPatientLinkToken({
      clinicId: b.id,
      patientId: b.patients[0]!.id,
      purpose: "unsubscribe",
      ttlSeconds: 600,
    });
    expect(await consentScopeForPatientToken(appDb(), unsubscribe)).toMatchObject({
      kind: "clinic",
      clinic: { id: b.id },
    });
    expect(await consentScopeForPatientToken(appDb(), `${token.slice(0, -2)}xx`)).toEqual(PLATFORM_SCOPE);
    expect(await consentScopeForSlug(appDb(), "no-such-clinic")).toEqual(PLATFORM_SCOPE);
  });

  test("a tampered cookie is no consent; tags run only on the booking page", async () => {
    await callerFor(b.owner, b.slug).consent.updateSettings({
      consentMonths: 6,
      language: "es",
      tags: { analytics: { provider: "Plausible", scriptUrl: "https://plausible.io/js/script.js", cookies: ["_pl*"] } },
    });
    const scope = await consentScopeForSlug(appDb(), b.slug);
    const config = buildConsentClientConfig(scope, {
      cookieValue: "%7B%22categories%22%3A%5B%22marketing%22%5D%7D",
      gpcHeader: true,
      nonce: "n0nce",
      secret: authSecret(),
      path: `/book/${b.slug}`,
    });
    expect(config).toMatchObject({
      clinicSlug: b.slug,
      cookieName: `junction_consent_${b.id.replaceAll("-", "")}`,
      cookie: { verdict: "invalid", granted: [] },
      gpcHeader: true,
      tagPath: `/book/${b.slug}`,
      policyHref: `/cookies/${b.slug}`,
      language: "es",
      months: 6,
      lifetimeDays: 182,
    });
    expect(config.tags).toEqual([
      { category: "analytics", scriptUrl: "https://plausible.io/js/script.js", inlineScript: null, cookies: ["_pl*"] },
    ]);
    // The manage page (and every other page of the clinic) never receives the tags.
    for (const path of [`/book/${b.slug}/manage/token`, "/p/token", undefined]) {
      const elsewhere = buildConsentClientConfig(scope, {
        cookieValue: undefined,
        gpcHeader: false,
        nonce: null,
        secret: authSecret(),
        path,
      });
      expect(elsewhere.tags, String(path)).toEqual([]);
    }
    const platform = buildConsentClientConfig(PLATFORM_SCOPE, {
      cookieValue: undefined,
      gpcHeader: false,
      nonce: null,
      secret: authSecret(),
    });
    expect(platform).toMatchObject({
      clinicSlug: null,
      cookieName: "junction_consent",
      tags: [],
      tagPath: null,
      cookie: { verdict: "none" },
    });
  });
});

// The consent rules that need no database: which categories a decision grants, the signed consent
// cookie (tampering, malformed JSON, unknown categories, expiry, policy versions), what the log keeps
// about a browser, the banner's wording and the owners' tag validation.
import { describe, expect, test } from "vitest";
import { buildTranslation, libraryCategories } from "@/app/_components/consent/translation";
import { bannerTextVersion } from "@/server/consent/banner-version";
import { consentLifetimeDays, decideCategories } from "@/server/consent/categories";
import { readConsentCookie, signConsent } from "@/server/consent/consent-cookie";
import { consentLogCsv, type ConsentLogRow } from "@/server/consent/log";
import { COOKIE_REGISTRY, consentCookieName, matchesDeclaredCookie, registryEntryFor } from "@/server/consent/registry";
import { truncateIp, userAgentFamily } from "@/server/consent/request-facts";
import { consentSettingsSchema, consentTagSchema } from "@/server/consent/schemas";
import { BANNER_TEXTS, bannerTextsFor, CONSENT_LANGUAGES } from "@/server/consent/texts";

const secret = "unit-test-secret-0123456789";
const clinicId = "0b8f3f0e-6a8e-4a43-9d6e-2f7f1c3e9a01";
const consentId = "5d2c7a1b-3e4f-4a5b-8c6d-7e8f9a0b1c2d";
const decidedAt = new Date("2026-03-10T16:00:00Z");

/** The cookie the banner library writes, with the server's proof in `data`, URL-encoded as the library does. */
function cookieFor(opts: {
  categories: string[];
  revision?: number;
  at?: number;
  scope?: string;
  sig?: string;
  consentId?: string;
}) {
  const at = opts.at ?? decidedAt.getTime();
  const revision = opts.revision ?? 1;
  const id = opts.consentId ?? consentId;
  const granted = decideCategories(opts.categories, { gpc: false }).granted;
  const sig =
    opts.sig ??
    signConsent({ scope: opts.scope ?? clinicId, consentId: id, policyVersion: revision, at, granted }, secret);
  const value = {
    categories: opts.categories,
    revision,
    data: { v: 1, at, sig },
    consentId: id,
    consentTimestamp: decidedAt.toISOString(),
    services: {},
  };
  return encodeURIComponent(JSON.stringify(value));
}

const read = (
  raw: string | undefined,
  overrides: Partial<{ policyVersion: number; months: number; now: Date; scope: string }> = {},
) =>
  readConsentCookie(raw, {
    scope: clinicId,
    policyVersion: 1,
    months: 12,
    secret,
    now: new Date("2026-04-01T00:00:00Z"),
    ...overrides,
  });

describe("which categories a decision grants", () => {
  test("strictly necessary is always granted, the rest only when accepted", () => {
    expect(decideCategories([], { gpc: false })).toEqual({
      granted: ["necessary"],
      refused: ["preferences", "analytics", "marketing"],
    });
    expect(decideCategories(["marketing", "preferences"], { gpc: false }).granted).toEqual([
      "necessary",
      "preferences",
      "marketing",
    ]);
  });

  test("unknown categories are ignored", () => {
    expect(decideCategories(["analytics", "telemetry", 42, null, "ANALYTICS"], { gpc: false })).toEqual({
      granted: ["necessary", "analytics"],
      refused: ["preferences", "marketing"],
    });
  });

  test("Global Privacy Control refuses analytics and marketing whatever was accepted", () => {
    expect(decideCategories(["preferences", "analytics", "marketing"], { gpc: true })).toEqual({
      granted: ["necessary", "preferences"],
      refused: ["analytics", "marketing"],
    });
  });

  test("a decision lasts whole months: 6 → 182 days, 12 → 365, 13 → 395", () => {
    expect([6, 12, 13].map(consentLifetimeDays)).toEqual([182, 365, 395]);
  });
});

describe("the consent cookie", () => {
  test("no cookie is no consent", () => {
    expect(read(undefined).verdict).toBe("none");
    expect(read("").verdict).toBe("none");
  });

  test("a decision the server signed is valid, with its categories", () => {
    expect(read(cookieFor({ categories: ["necessary", "analytics"] }))).toEqual({
      verdict: "valid",
      granted: ["necessary", "analytics"],
      consentId,
    });
  });

  test("unknown categories in the cookie are ignored, not an error", () => {
    const raw = cookieFor({ categories: ["necessary", "analytics", "future-category"] });
    expect(read(raw)).toMatchObject({ verdict: "valid", granted: ["necessary", "analytics"] });
  });

  test.each([
    ["not JSON", "%7Bnot-json"],
    ["bad percent-encoding", "%E0%A4%A"],
    ["JSON of the wrong shape", encodeURIComponent(JSON.stringify({ categories: "all" }))],
    [
      "no signature",
      encodeURIComponent(JSON.stringify({ categories: ["necessary"], revision: 1, consentId, data: null })),
    ],
    ["far too large", "x".repeat(5000)],
  ])("%s counts as no consent (invalid), never an error", (_, raw) => {
    expect(read(raw)).toEqual({ verdict: "invalid", granted: [], consentId: null });
  });

  test("a category added in the browser breaks the signature", () => {
    const signed = JSON.parse(decodeURIComponent(cookieFor({ categories: ["necessary"] }))) as { categories: string[] };
    signed.categories.push("marketing");
    expect(read(encodeURIComponent(JSON.stringify(signed))).verdict).toBe("invalid");
  });

  test("another clinic's signed cookie, or a different consent id, does not verify here", () => {
    expect(read(cookieFor({ categories: ["necessary", "analytics"], scope: "platform" })).verdict).toBe("invalid");
    const signed = JSON.parse(decodeURIComponent(cookieFor({ categories: ["necessary"] }))) as { consentId: string };
    signed.consentId = "9d2c7a1b-3e4f-4a5b-8c6d-7e8f9a0b1c2d";
    expect(read(encodeURIComponent(JSON.stringify(signed))).verdict).toBe("invalid");
  });

  test("an older policy version is stale (the banner asks again, saying why); a newer one than exists is invalid", () => {
    expect(read(cookieFor({ categories: ["necessary"], revision: 1 }), { policyVersion: 2 }).verdict).toBe("stale");
    expect(read(cookieFor({ categories: ["necessary"], revision: 1 }), { policyVersion: 1 }).verdict).toBe("valid");
  });

  test("a decision expires after the clinic's period", () => {
    const raw = cookieFor({ categories: ["necessary", "analytics"] });
    expect(read(raw, { months: 6, now: new Date("2026-09-07T00:00:00Z") }).verdict).toBe("valid");
    expect(read(raw, { months: 6, now: new Date("2026-09-09T00:00:00Z") }).verdict).toBe("invalid");
    expect(read(raw, { months: 13, now: new Date("2027-04-01T00:00:00Z") }).verdict).toBe("valid");
  });

  test("the cookie reads whether or not the framework already decoded it", () => {
    const raw = cookieFor({ categories: ["necessary", "preferences"] });
    expect(read(decodeURIComponent(raw)).verdict).toBe("valid");
  });

  test("each clinic has its own cookie name; Junction's pages have theirs", () => {
    expect(consentCookieName(clinicId)).toBe("junction_consent_0b8f3f0e6a8e4a439d6e2f7f1c3e9a01");
    expect(consentCookieName(null)).toBe("junction_consent");
  });
});

describe("what the log keeps about the browser", () => {
  test.each([
    ["203.0.113.77", "203.0.113.0"],
    ["::ffff:198.51.100.9", "198.51.100.0"],
    ["2001:db8:85a3:8d3:1319:8a2e:370:7348", "2001:db8:85a3::"],
    ["2001:db8::1", "2001:db8:0::"],
    ["[2001:0db8:0001::1]", "2001:db8:1::"],
    ["not-an-ip", null],
    [null, null],
  ])("the network of %s is %s", (ip, expected) => {
    expect(truncateIp(ip)).toBe(expected);
  });

  test.each([
    ["Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", "Chrome"],
    [
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36",
      "Chrome",
    ],
    [
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
      "Edge",
    ],
    ["Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:133.0) Gecko/20100101 Firefox/133.0", "Firefox"],
    [
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
      "Safari",
    ],
    ["Googlebot/2.1 (+http://www.google.com/bot.html)", "Bot"],
    ["curl/8.5.0", "Other"],
    [null, "Unknown"],
  ])("the family of %s is %s", (ua, family) => {
    expect(userAgentFamily(ua)).toBe(family);
  });
});

describe("the banner's wording", () => {
  test("is translated into every language we offer, with the same fields", () => {
    const shape = (o: object): string[] =>
      Object.entries(o)
        .flatMap(([k, v]) => (typeof v === "object" ? shape(v).map((s) => `${k}.${s}`) : [k]))
        .sort();
    for (const language of CONSENT_LANGUAGES) expect(shape(BANNER_TEXTS[language])).toEqual(shape(BANNER_TEXTS.en));
  });

  test("has a version per language that changes with the text", () => {
    const versions = CONSENT_LANGUAGES.map(bannerTextVersion);
    expect(new Set(versions).size).toBe(CONSENT_LANGUAGES.length);
    expect(bannerTextVersion("en")).toMatch(/^en-[0-9a-f]{12}$/);
    expect(bannerTextVersion("en")).toBe(bannerTextVersion("en"));
  });

  test("never turns a clinic's name into markup", () => {
    const texts = bannerTextsFor("en", {
      owner: `<img src=x onerror="alert(1)"> & Co`,
      months: 12,
      policyHref: "/cookies/x",
    });
    expect(texts.description).toContain(
      "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; Co uses strictly necessary cookies",
    );
    expect(texts.description).not.toContain("<img");
    expect(texts.moreInfo).toContain('<a href="/cookies/x">Cookie policy</a>');
    expect(texts.settingsIntro).toContain("kept for 12 months");
  });

  test("with GPC offers only necessary and preferences, and says why", () => {
    const texts = bannerTextsFor("en", { owner: "Cascade Physio", months: 12, policyHref: "/cookies/cascade" });
    expect(Object.keys(libraryCategories(true))).toEqual(["necessary", "preferences"]);
    expect(Object.keys(libraryCategories(false))).toEqual(["necessary", "preferences", "analytics", "marketing"]);
    const withGpc = buildTranslation(texts, { gpc: true, policyHref: "/cookies/cascade" });
    expect(withGpc.consentModal.description).toContain("Global Privacy Control");
    expect(withGpc.preferencesModal.sections.map((s) => s.linkedCategory).filter(Boolean)).toEqual([
      "necessary",
      "preferences",
    ]);
    const without = buildTranslation(texts, { gpc: false, policyHref: "/cookies/cascade" });
    expect(without.consentModal.description).not.toContain("Global Privacy Control");
    expect(without.consentModal.acceptAllBtn).toBe("Accept all");
    expect(without.consentModal.acceptNecessaryBtn).toBe("Reject all");
  });
});

describe("the registry", () => {
  test("matches each name Junction sets to exactly one entry", () => {
    const names: ["cookie" | "localStorage", string][] = [
      ["cookie", "junction_consent"],
      ["cookie", consentCookieName(clinicId)],
      ["cookie", "next-auth.session-token"],
      ["cookie", "__Secure-next-auth.session-token"],
      ["cookie", "__Secure-next-auth.session-token.1"],
      ["cookie", "next-auth.csrf-token"],
      ["cookie", "__Host-next-auth.csrf-token"],
      ["cookie", "next-auth.callback-url"],
      ["cookie", "__Secure-next-auth.callback-url"],
      ["cookie", "junction-kiosk"],
      ["localStorage", "nextauth.message"],
    ];
    for (const [kind, name] of names) {
      expect(
        COOKIE_REGISTRY.filter((e) => e.kind === kind && e.pattern.test(name)),
        name,
      ).toHaveLength(1);
    }
    expect(registryEntryFor("cookie", "_ga")).toBeUndefined();
    expect(COOKIE_REGISTRY.every((e) => e.category === "necessary")).toBe(true);
  });

  test("declared tag cookies match exactly, or by prefix with *", () => {
    expect(matchesDeclaredCookie("_ga", "_ga")).toBe(true);
    expect(matchesDeclaredCookie("_ga", "_ga_XYZ")).toBe(false);
    expect(matchesDeclaredCookie("_ga*", "_ga_XYZ")).toBe(true);
  });
});

describe("an owner's tags", () => {
  const valid = { provider: "Plausible", scriptUrl: "https://plausible.io/js/script.js", cookies: ["_pl*"] };

  test("take an https script, an inline snippet, or both", () => {
    expect(consentTagSchema.safeParse(valid).success).toBe(true);
    expect(consentTagSchema.safeParse({ provider: "Inline", inlineScript: "window.x = 1;" }).success).toBe(true);
    expect(consentTagSchema.safeParse({ provider: "Nothing", scriptUrl: "", inlineScript: "  " }).success).toBe(false);
  });

  test.each([
    ["http://plausible.io/js/script.js"],
    ["javascript:alert(1)"],
    ["//plausible.io/js/script.js"],
    ["https://user:pass@plausible.io/x.js"],
    ["https://localhost/x.js"],
    [`https://example.com/${"a".repeat(2100)}.js`],
  ])("refuse the script address %s", (scriptUrl) => {
    expect(consentTagSchema.safeParse({ ...valid, scriptUrl: scriptUrl.slice(0, 2200) }).success).toBe(false);
  });

  test("refuse a snippet that is too long or still wrapped in <script> tags", () => {
    expect(consentTagSchema.safeParse({ provider: "Big", inlineScript: "x".repeat(10_001) }).success).toBe(false);
    expect(consentTagSchema.safeParse({ provider: "Wrapped", inlineScript: "<script>gtag()</script>" }).success).toBe(
      false,
    );
  });

  test("refuse odd cookie names and too many of them", () => {
    expect(consentTagSchema.safeParse({ ...valid, cookies: ["a b"] }).success).toBe(false);
    expect(
      consentTagSchema.safeParse({ ...valid, cookies: Array.from({ length: 21 }, (_, i) => `c${i}`) }).success,
    ).toBe(false);
  });

  test("consent lasts 6 to 13 months", () => {
    expect(consentSettingsSchema.safeParse({ consentMonths: 5 }).success).toBe(false);
    expect(consentSettingsSchema.safeParse({ consentMonths: 14 }).success).toBe(false);
    expect(consentSettingsSchema.safeParse({ consentMonths: 13, language: "fr" }).success).toBe(true);
  });
});

describe("the CSV export", () => {
  test("has one row per decision and neutralises spreadsheet formulas", () => {
    const row: ConsentLogRow = {
      id: "1",
      consentId,
      decidedAt,
      granted: ["necessary", "analytics"],
      refused: ["preferences", "marketing"],
      policyVersion: 2,
      bannerVersion: "en-abc",
      source: "banner",
      gpc: false,
      ipTruncated: "203.0.113.0",
      userAgentFamily: '=HYPERLINK("x")',
      expiresAt: decidedAt,
    };
    const lines = consentLogCsv([row]).trimEnd().split("\r\n");
    expect(lines[0]).toBe(
      "decided_at_utc,consent_id,granted,refused,policy_version,banner_version,source,gpc,ip_network,browser,expires_at_utc",
    );
    expect(lines[1]).toBe(
      `2026-03-10T16:00:00.000Z,${consentId},necessary analytics,preferences marketing,2,en-abc,banner,no,203.0.113.0,"'=HYPERLINK(""x"")",2026-03-10T16:00:00.000Z`,
    );
  });
});

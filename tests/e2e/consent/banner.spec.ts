// A visitor on a clinic's booking page, whose clinic has an analytics tag and a marketing tag
// (served locally for https://tags.example.test): nothing optional before a choice, reject and
// accept recorded as proof, withdrawal through "Cookie settings", GPC, a new policy version, a
// tampered cookie, the clinic's language, the keyboard and a phone.
import { expect, test } from "@playwright/test";
import { demoClinic } from "@/tests/fixtures/e2e";
import { E2E_PUBLIC_URL } from "@/tests/fixtures/e2e-server";
import {
  ANALYTICS_URL,
  banner,
  consentLog,
  createClinic,
  decide,
  demoClinicWithTag,
  fakeTags,
  MARKETING_URL,
  nonEssentialCookies,
  setPolicyVersion,
  settingsDialog,
  thirdPartyRequests,
} from "./consent-fixtures";

const tagRequests = (urls: string[]) => urls.filter((u) => u === ANALYTICS_URL || u === MARKETING_URL);

test("first visit: the banner asks, with accept and reject equally prominent, nothing pre-ticked, no optional cookie and no tag", async ({
  page,
  context,
}) => {
  const clinic = await createClinic();
  const requested = await fakeTags(page);
  const thirdParty = thirdPartyRequests(page);
  await page.goto(clinic.bookPath);

  const bar = banner(page);
  await expect(bar).toBeVisible();
  const accept = bar.getByRole("button", { name: "Accept all" });
  const reject = bar.getByRole("button", { name: "Reject all" });
  await expect(accept).toBeVisible();
  await expect(reject).toBeVisible();
  await expect(bar.getByRole("button", { name: "Choose" })).toBeVisible();
  const look = (button: typeof accept) =>
    button.evaluate((el) => {
      const s = getComputedStyle(el);
      return {
        bg: s.backgroundColor,
        color: s.color,
        size: s.fontSize,
        weight: s.fontWeight,
        border: s.borderColor,
        height: el.getBoundingClientRect().height,
      };
    });
  expect(await look(reject)).toEqual(await look(accept));
  await expect(bar.getByRole("link", { name: "Cookie policy" })).toHaveAttribute("href", `/cookies/${clinic.slug}`);

  await bar.getByRole("button", { name: "Choose" }).click();
  const dialog = settingsDialog(page);
  await expect(dialog).toBeVisible();
  const toggle = (name: RegExp) => dialog.getByRole("checkbox", { name });
  await expect(toggle(/Strictly necessary/)).toBeChecked();
  await expect(toggle(/Strictly necessary/)).toBeDisabled();
  for (const name of [/^Preferences/, /^Analytics/, /^Marketing/]) await expect(toggle(name)).not.toBeChecked();

  expect(tagRequests(requested)).toEqual([]);
  expect(thirdParty).toEqual([]);
  expect(await nonEssentialCookies(context)).toEqual([]);
  expect(await context.cookies()).toEqual([]);
  expect(await page.evaluate(() => Object.keys(localStorage))).toEqual([]);
  expect(await consentLog(clinic.id)).toEqual([]);
});

test("Reject all: still no tag and no optional cookie, a log row refusing everything, and the page works", async ({
  page,
  context,
}) => {
  const clinic = await createClinic();
  const requested = await fakeTags(page);
  await page.goto(clinic.bookPath);
  await decide(page, () => banner(page).getByRole("button", { name: "Reject all" }).click());
  await expect(banner(page)).toBeHidden();

  const log = await consentLog(clinic.id);
  expect(log).toHaveLength(1);
  expect(log[0]).toMatchObject({
    granted: ["necessary"],
    refused: ["preferences", "analytics", "marketing"],
    source: "banner",
    gpc: false,
    policyVersion: 1,
  });
  // Only the network is kept (the e2e server sees ::1, kept as 0:0:0::), and the browser family.
  expect(log[0]!.ipTruncated).toMatch(/(\.0|::)$/);
  expect(log[0]!.userAgentFamily).toBe("Chrome");
  const cookies = await context.cookies();
  expect(cookies.map((c) => c.name)).toEqual([`junction_consent_${clinic.id.replaceAll("-", "")}`]);
  expect(decodeURIComponent(cookies[0]!.value)).toContain(log[0]!.consentId);

  // No cookie wall: the page is fully usable, and stays quiet on the next visit.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(clinic.name);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(clinic.name);
  await expect(banner(page)).toBeHidden();
  await page.waitForLoadState("networkidle");
  expect(tagRequests(requested)).toEqual([]);
  expect(await nonEssentialCookies(context)).toEqual([]);
});

test("Accept all: the clinic's tags load (script, inline snippet, beacon) and a log row grants everything; they load again next visit", async ({
  page,
}) => {
  const clinic = await createClinic();
  const requested = await fakeTags(page);
  await page.goto(clinic.bookPath);
  await decide(page, () => banner(page).getByRole("button", { name: "Accept all" }).click());

  await expect
    .poll(() => page.evaluate(() => (window as unknown as { __analyticsRuns?: number }).__analyticsRuns))
    .toBe(1);
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { __marketingInline?: boolean }).__marketingInline))
    .toBe(true);
  expect(tagRequests(requested)).toEqual(expect.arrayContaining([ANALYTICS_URL, MARKETING_URL]));
  await expect.poll(() => requested.some((u) => u.endsWith("/collect"))).toBe(true);
  expect(await consentLog(clinic.id)).toEqual([
    expect.objectContaining({
      granted: ["necessary", "preferences", "analytics", "marketing"],
      refused: [],
      source: "banner",
    }),
  ]);

  await page.reload();
  await expect(banner(page)).toBeHidden();
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { __analyticsRuns?: number }).__analyticsRuns))
    .toBe(1);
  expect(await consentLog(clinic.id)).toHaveLength(1);
});

test("Cookie settings in the footer: withdrawing analytics removes its tag and cookie, as easily as it was given", async ({
  page,
  context,
}) => {
  const clinic = await createClinic();
  const requested = await fakeTags(page);
  await page.goto(clinic.bookPath);
  await decide(page, () => banner(page).getByRole("button", { name: "Accept all" }).click());
  await expect
    .poll(async () => (await context.cookies()).map((c) => c.name))
    .toEqual(expect.arrayContaining(["_jt_analytics", "_jt_ads_id"]));

  await page.getByRole("contentinfo").getByRole("button", { name: "Cookie settings" }).click();
  const dialog = settingsDialog(page);
  await expect(dialog.getByRole("checkbox", { name: /^Analytics/ })).toBeChecked();
  await dialog.getByRole("checkbox", { name: /^Analytics/ }).uncheck({ force: true });
  const analyticsBefore = tagRequests(requested).filter((u) => u === ANALYTICS_URL).length;
  const reloaded = page.waitForEvent("load");
  await decide(page, () => dialog.getByRole("button", { name: "Save my choices" }).click());
  await reloaded;

  await expect(page.getByRole("heading", { level: 1 })).toHaveText(clinic.name);
  await expect(page.locator(`script[src="${ANALYTICS_URL}"]`)).toHaveCount(0);
  await expect(page.locator(`script[src="${MARKETING_URL}"]`)).toHaveCount(1);
  const names = (await context.cookies()).map((c) => c.name);
  expect(names).not.toContain("_jt_analytics");
  expect(names).toContain("_jt_ads_id");
  await page.waitForLoadState("networkidle");
  expect(tagRequests(requested).filter((u) => u === ANALYTICS_URL)).toHaveLength(analyticsBefore);

  const log = await consentLog(clinic.id);
  expect(log.map((r) => [r.source, r.granted])).toEqual([
    ["banner", ["necessary", "preferences", "analytics", "marketing"]],
    ["settings", ["necessary", "preferences", "marketing"]],
  ]);
  expect(new Set(log.map((r) => r.consentId)).size).toBe(1);

  // Withdrawing everything is one click too.
  await page.getByRole("contentinfo").getByRole("button", { name: "Cookie settings" }).click();
  const reloadedAgain = page.waitForEvent("load");
  await decide(page, () => settingsDialog(page).getByRole("button", { name: "Reject all" }).click());
  await reloadedAgain;
  await expect(page.locator("script[data-consent-tag]")).toHaveCount(0);
  expect(await nonEssentialCookies(context)).toEqual([]);
});

test.describe("with Global Privacy Control", () => {
  test.use({ extraHTTPHeaders: { "Sec-GPC": "1" } });
  test.beforeEach(async ({ context }) => {
    await context.addInitScript(() =>
      Object.defineProperty(Navigator.prototype, "globalPrivacyControl", { get: () => true, configurable: true }),
    );
  });

  test("analytics and marketing are refused, and the banner says so", async ({ page, context }) => {
    const clinic = await createClinic();
    const requested = await fakeTags(page);
    await page.goto(clinic.bookPath);
    await expect(banner(page).getByTestId("gpc-notice")).toHaveText(
      /Global Privacy Control signal, so analytics and marketing cookies stay off/,
    );
    await banner(page).getByRole("button", { name: "Choose" }).click();
    await expect(settingsDialog(page).getByRole("checkbox", { name: /^Analytics/ })).toHaveCount(0);
    await expect(settingsDialog(page).getByRole("checkbox", { name: /^Marketing/ })).toHaveCount(0);
    await decide(page, () => settingsDialog(page).getByRole("button", { name: "Accept all" }).click());

    expect(await consentLog(clinic.id)).toEqual([
      expect.objectContaining({
        granted: ["necessary", "preferences"],
        refused: ["analytics", "marketing"],
        gpc: true,
      }),
    ]);
    await page.reload();
    await page.waitForLoadState("networkidle");
    expect(tagRequests(requested)).toEqual([]);
    expect(await nonEssentialCookies(context)).toEqual([]);
  });
});

test("a browser that starts sending GPC withdraws an earlier yes to analytics and marketing", async ({ browser }) => {
  const clinic = await createClinic();
  const before = await browser.newContext();
  const page = await before.newPage();
  await fakeTags(page);
  await page.goto(clinic.bookPath);
  await decide(page, () => banner(page).getByRole("button", { name: "Accept all" }).click());
  await expect.poll(async () => (await before.cookies()).map((c) => c.name)).toContain("_jt_analytics");
  const state = await before.storageState();
  await before.close();

  const after = await browser.newContext({ storageState: state, extraHTTPHeaders: { "Sec-GPC": "1" } });
  await after.addInitScript(() =>
    Object.defineProperty(Navigator.prototype, "globalPrivacyControl", { get: () => true, configurable: true }),
  );
  const again = await after.newPage();
  const requested = await fakeTags(again);
  const recorded = again.waitForResponse((r) => r.url().endsWith("/api/consent"));
  await again.goto(clinic.bookPath);
  expect((await recorded).status()).toBe(200);
  await expect(banner(again)).toBeHidden();
  await again.waitForLoadState("networkidle");
  expect(tagRequests(requested)).toEqual([]);
  expect(await nonEssentialCookies(after)).toEqual([]);
  expect((await consentLog(clinic.id)).map((r) => [r.source, r.granted])).toEqual([
    ["banner", ["necessary", "preferences", "analytics", "marketing"]],
    ["gpc", ["necessary", "preferences"]],
  ]);
  await after.close();
});

test("a new policy version asks again, and the tags wait for the new answer", async ({ page }) => {
  const clinic = await createClinic();
  const requested = await fakeTags(page);
  await page.goto(clinic.bookPath);
  await decide(page, () => banner(page).getByRole("button", { name: "Accept all" }).click());
  await expect.poll(() => tagRequests(requested).length).toBeGreaterThan(0);

  await setPolicyVersion(clinic.id, 2);
  requested.length = 0;
  await page.reload();
  await expect(banner(page)).toBeVisible();
  await expect(banner(page)).toContainText("Our cookie policy has changed since you last chose");
  await page.waitForLoadState("networkidle");
  expect(tagRequests(requested)).toEqual([]);

  await decide(page, () => banner(page).getByRole("button", { name: "Reject all" }).click());
  const log = await consentLog(clinic.id);
  expect(log.map((r) => [r.policyVersion, r.granted])).toEqual([
    [1, ["necessary", "preferences", "analytics", "marketing"]],
    [2, ["necessary"]],
  ]);
  expect(log[0]!.consentId).toBe(log[1]!.consentId);
});

test("a tampered or malformed consent cookie counts as no consent: the banner asks again, never an error", async ({
  page,
  context,
}) => {
  const clinic = await createClinic();
  const requested = await fakeTags(page);
  const name = `junction_consent_${clinic.id.replaceAll("-", "")}`;
  const forged = {
    categories: ["necessary", "analytics", "marketing", "made-up"],
    revision: 1,
    consentId: "5d2c7a1b-3e4f-4a5b-8c6d-7e8f9a0b1c2d",
    consentTimestamp: new Date().toISOString(),
    lastConsentTimestamp: new Date().toISOString(),
    data: { v: 1, at: Date.now(), sig: "forged-signature-forged-signature" },
    services: {},
  };
  for (const value of [encodeURIComponent(JSON.stringify(forged)), "%7B%22oops", "not-json-at-all"]) {
    await context.clearCookies();
    await context.addCookies([{ name, value, url: E2E_PUBLIC_URL }]);
    const response = await page.goto(clinic.bookPath);
    expect(response?.status()).toBe(200);
    await expect(banner(page)).toBeVisible();
    await page.waitForLoadState("networkidle");
    expect(tagRequests(requested)).toEqual([]);
    expect((await context.cookies()).map((c) => c.name)).not.toContain(name);
  }
  expect(await consentLog(clinic.id)).toEqual([]);
});

test("the banner speaks the clinic's language", async ({ page }) => {
  const clinic = await createClinic({ language: "es" });
  await page.goto(clinic.bookPath);
  const bar = banner(page);
  await expect(bar).toBeVisible();
  await expect(bar).toHaveAttribute("lang", "es");
  await expect(bar.getByRole("button", { name: "Aceptar todas" })).toBeVisible();
  await expect(bar.getByRole("button", { name: "Rechazar todas" })).toBeVisible();
  await expect(page.getByRole("contentinfo").getByRole("button", { name: "Configuración de cookies" })).toBeVisible();
  await decide(page, () => bar.getByRole("button", { name: "Rechazar todas" }).click());
  expect((await consentLog(clinic.id))[0]).toMatchObject({ granted: ["necessary"] });
});

test("the banner works from the keyboard and is announced as a dialog", async ({ page }) => {
  const clinic = await createClinic();
  await page.goto(clinic.bookPath);
  const bar = banner(page);
  await expect(bar).toBeVisible();
  await expect(bar).toHaveAccessibleDescription(/strictly necessary cookies to make this page work/);
  // Tab reaches the banner's buttons; Enter on "Reject all" decides.
  const reject = bar.getByRole("button", { name: "Reject all" });
  for (let i = 0; i < 10 && !(await reject.evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press("Tab");
  await expect(reject).toBeFocused();
  await decide(page, () => page.keyboard.press("Enter"));
  await expect(bar).toBeHidden();
  // The footer's "Cookie settings" opens the choice from the keyboard too; Escape closes it.
  await page.getByRole("contentinfo").getByRole("button", { name: "Cookie settings" }).focus();
  await page.keyboard.press("Enter");
  await expect(settingsDialog(page)).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(settingsDialog(page)).toBeHidden();
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 664 }, isMobile: true, hasTouch: true });

  test("the banner never hides the booking form's controls: the page scrolls them clear of it", async ({ page }) => {
    await demoClinicWithTag(demoClinic.slug);
    await page.goto(`${E2E_PUBLIC_URL}/book/${demoClinic.slug}`);
    const bar = banner(page);
    await expect(bar).toBeVisible();
    await page.getByText("Initial evaluation", { exact: true }).click();
    const clinician = page.getByLabel("Clinician");
    await clinician.selectOption({ label: "Any available clinician" });
    const firstTime = page.locator(".day-times").getByRole("button").first();
    await expect(firstTime).toBeVisible();

    // Every control of the form can be scrolled to where nothing covers it. Checked in one pass in
    // the page (one round trip per control ran past the timeout on a loaded machine).
    const result = await page.locator(".book-page").evaluate((form) => {
      const barTop = () => document.querySelector("#cc-main .cm")!.getBoundingClientRect().top;
      const controls = [...form.querySelectorAll<HTMLElement>("button, select, input")].filter(
        (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden",
      );
      const covered: number[] = [];
      controls.forEach((el, i) => {
        el.scrollIntoView({ block: "center" });
        let rect = el.getBoundingClientRect();
        if (rect.bottom > barTop()) {
          window.scrollBy(0, rect.bottom - barTop() + 4);
          rect = el.getBoundingClientRect();
        }
        const hit = document.elementFromPoint(rect.left + rect.width / 2, rect.top + rect.height / 2);
        const clear =
          rect.bottom <= barTop() &&
          (hit === el || el.contains(hit) || (hit instanceof HTMLLabelElement && hit.control === el));
        if (!clear) covered.push(i);
      });
      return { checked: controls.length, covered };
    });
    expect(result.checked).toBeGreaterThan(3);
    expect(result.covered, "controls that cannot be scrolled clear of the banner").toEqual([]);
    await firstTime.click();
    await expect(page.getByLabel("First name")).toBeVisible();
  });
});

// The clinic owner's side: Settings → Privacy & cookies. Tags are https only; a visitor who accepts
// gets them; the decision shows in the consent log and its CSV export; publishing a new policy
// version asks visitors again. Only owners reach the log.
import { expect, test } from "@playwright/test";
import { clinicHome, demoClinic, signInAs } from "@/tests/fixtures/e2e";
import { E2E_PUBLIC_URL } from "@/tests/fixtures/e2e-server";
import { ANALYTICS_URL, banner, decide, fakeTags } from "./consent-fixtures";

test("the owner sets a tag (https only), a visitor accepts it, the log and its CSV show the decision, and a new version asks again", async ({
  page,
  browser,
}) => {
  await signInAs(page, "owner");
  await page.goto(`${clinicHome}/settings`);
  await page.getByRole("link", { name: "Privacy & cookies" }).click();
  await expect(page).toHaveURL(`${clinicHome}/settings/privacy`);

  const tags = page.getByRole("form", { name: "Third-party tags" });
  const analytics = tags.getByRole("group", { name: "Analytics" });
  await analytics.getByLabel("Service name").fill("Test Analytics");
  await analytics.getByLabel("Script address (https)").fill("http://tags.example.test/analytics.js");
  await analytics.getByLabel(/Cookies it sets/).fill("_jt_analytics");
  await tags.getByRole("button", { name: "Save tags" }).click();
  await expect(analytics.getByRole("alert")).toHaveText(/Use a full https:\/\/ address/);

  // Beside the tags: what US HHS says about tracking on pages where people book care, with the link.
  await expect(page.getByTestId("hhs-tracking-guidance")).toContainText("protected health information");
  await expect(page.getByRole("link", { name: "HHS guidance on online tracking technologies" })).toHaveAttribute(
    "href",
    "https://www.hhs.gov/hipaa/for-professionals/privacy/guidance/hipaa-online-tracking/index.html",
  );
  // Other hosts a tag reaches are https hosts, nothing wider.
  await analytics.getByLabel("Script address (https)").fill(ANALYTICS_URL);
  await analytics.getByLabel(/Other hosts it sends to/).fill("https:");
  await tags.getByRole("button", { name: "Save tags" }).click();
  await expect(analytics.getByRole("alert")).toHaveText(/Hosts look like plausible.io/);
  await analytics.getByLabel(/Other hosts it sends to/).fill("collect.example.test");
  await tags.getByRole("button", { name: "Save tags" }).click();
  await expect(tags.getByRole("status")).toHaveText(/Tags saved/);

  const bannerForm = page.getByRole("form", { name: "Cookie banner settings" });
  await bannerForm.getByLabel("Ask again after (months)").fill("6");
  await bannerForm.getByRole("button", { name: "Save banner settings" }).click();
  await expect(bannerForm.getByRole("status")).toHaveText("Banner settings saved.");

  // A visitor accepts on the booking page and gets the tag.
  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  const requested = await fakeTags(visitor);
  await visitor.goto(`${E2E_PUBLIC_URL}/book/${demoClinic.slug}`);
  await decide(visitor, () => banner(visitor).getByRole("button", { name: "Accept all" }).click());
  await expect.poll(() => requested.includes(ANALYTICS_URL)).toBe(true);
  const consentCookie = (await visitorContext.cookies()).find((c) => c.name.startsWith("junction_consent_"))!;
  const consentId = (JSON.parse(decodeURIComponent(consentCookie.value)) as { consentId: string }).consentId;
  expect(consentCookie.expires * 1000 - Date.now()).toBeLessThan(183 * 86_400_000);

  // The owner sees it in the log, and in the CSV for today's range.
  await page.reload();
  const log = page.getByTestId("consent-log");
  await expect(log.getByRole("row").filter({ hasText: consentId.slice(0, 8) })).toContainText(
    "necessary, preferences, analytics, marketing",
  );
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "America/Los_Angeles" }).format(new Date());
  await page.getByLabel("From").fill(today);
  await page.getByLabel("Until").fill(today);
  await expect(log.getByRole("row").filter({ hasText: consentId.slice(0, 8) })).toBeVisible();
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const csv = await (
    await (await download).createReadStream()
  )
    .toArray()
    .then((chunks) => Buffer.concat(chunks).toString("utf8"));
  expect(csv.split("\r\n")[0]).toBe(
    "decided_at_utc,consent_id,granted,refused,policy_version,banner_version,source,gpc,ip_network,browser,expires_at_utc",
  );
  expect(csv).toContain(`,${consentId},necessary preferences analytics marketing,,`);

  // A new policy version: the visitor is asked again and the tag waits.
  const version = Number(await page.getByTestId("consent-policy-version").textContent());
  await page.getByRole("button", { name: "Publish a new policy version…" }).click();
  await page.getByRole("button", { name: `Publish version ${version + 1}` }).click();
  await expect(page.getByTestId("consent-policy-version")).toHaveText(String(version + 1));
  requested.length = 0;
  await visitor.reload();
  await expect(banner(visitor)).toContainText("Our cookie policy has changed since you last chose");
  await visitor.waitForLoadState("networkidle");
  expect(requested).toEqual([]);
  await visitorContext.close();
});

test("only owners reach the consent log and its export", async ({ page, browser }) => {
  const exportUrl = `${clinicHome}/settings/privacy/export`;
  const anonymous = await browser.newContext();
  expect((await anonymous.request.get(exportUrl)).status()).toBe(401);
  await anonymous.close();

  await signInAs(page, "front_desk");
  const response = await page.goto(`${clinicHome}/settings/privacy`);
  expect(response?.status()).toBe(403);
  expect((await page.request.get(exportUrl)).status()).toBe(403);
  expect((await page.request.get(`/c/no-such-clinic/settings/privacy/export`)).status()).toBe(404);
});

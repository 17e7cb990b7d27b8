// Every public page carries the banner and a "Cookie settings" footer (the staff app does not), the
// cookie policy lists what the registry lists, and everything a browser ends up holding — after
// consent, a staff sign-in and a sign-out — is in that registry.
import { expect, test } from "@playwright/test";
import { createPatientLinkToken } from "@/server/auth/patient-links";
import { COOKIE_REGISTRY, registryEntryFor } from "@/server/consent/registry";
import pg from "pg";
import { clinicHome, demoClinic, e2eDatabaseUrl, signInAs } from "@/tests/fixtures/e2e";
import { banner, createClinic, decide, secretOfE2eServer, settingsDialog } from "./consent-fixtures";

async function demoIds(): Promise<{ clinicId: string; patientId: string }> {
  const client = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await client.connect();
  try {
    const { rows } = await client.query<{ clinic_id: string; patient_id: string }>(
      "SELECT c.id AS clinic_id, p.id AS patient_id FROM clinics c JOIN patients p ON p.clinic_id = c.id WHERE c.slug = $1 LIMIT 1",
      [demoClinic.slug],
    );
    return { clinicId: rows[0]!.clinic_id, patientId: rows[0]!.patient_id };
  } finally {
    await client.end();
  }
}

test("a page with nothing optional shows no banner, but keeps Cookie settings and the policy; a patient link's page is its clinic's", async ({
  page,
  context,
}) => {
  test.setTimeout(120_000); // twelve pages and a second clinic
  const { clinicId, patientId } = await demoIds();
  const secret = secretOfE2eServer();
  const link = (purpose: "plan" | "questionnaire" | "unsubscribe") =>
    createPatientLinkToken({ clinicId, patientId, purpose, ttlSeconds: 3600 }, { secret });
  // A clinic without tags: its booking page sets only strictly necessary cookies (no consent needed).
  const plain = await createClinic({ tags: {} });
  // Junction's own pages have no tags either, and a clinic's tags run only on its booking page.
  const pages: [string, string][] = [
    ["/", "/cookies"],
    ["/signin", "/cookies"],
    ["/signup", "/cookies"],
    ["/auth/magic?token=not-a-real-token", "/cookies"],
    ["/cookies", "/cookies"],
    [`/book/${plain.slug}`, `/cookies/${plain.slug}`],
    [`/cookies/${plain.slug}`, `/cookies/${plain.slug}`],
    [`/book/${demoClinic.slug}/manage/not-a-real-token`, `/cookies/${demoClinic.slug}`],
    [`/p/${link("plan")}`, `/cookies/${demoClinic.slug}`],
    [`/q/${link("questionnaire")}`, `/cookies/${demoClinic.slug}`],
    [`/unsubscribe/${link("unsubscribe")}`, `/cookies/${demoClinic.slug}`],
    [`/cookies/${demoClinic.slug}`, `/cookies/${demoClinic.slug}`],
  ];
  for (const [path, policy] of pages) {
    await page.goto(path);
    const footer = page.getByRole("contentinfo");
    await expect(footer.getByRole("button", { name: "Cookie settings" }), path).toBeVisible();
    await expect(footer.getByRole("link", { name: "Cookie policy" }), path).toHaveAttribute("href", policy);
    await expect(banner(page), path).toHaveCount(0);
  }

  // "Cookie settings" there says why there is nothing to choose, and offers no choice.
  await page.goto(`/book/${plain.slug}`);
  await page.getByRole("contentinfo").getByRole("button", { name: "Cookie settings" }).click();
  const settings = settingsDialog(page);
  await expect(settings).toContainText(`${plain.name} uses only strictly necessary cookies here.`);
  await expect(settings.getByRole("button", { name: /Accept all|Reject all|Save my choices/ })).toHaveCount(0);
  await settings.getByRole("button", { name: "Close" }).click();
  await expect(settings).toBeHidden();
  await expect(banner(page)).toHaveCount(0);
  // Nothing was decided, so no consent cookie either.
  expect((await context.cookies()).filter((c) => c.name.startsWith("junction_consent"))).toEqual([]);

  // A clinic with tags asks on its booking page (where they would run), with its own policy.
  const tagged = await createClinic();
  await page.goto(tagged.bookPath);
  await expect(banner(page)).toBeVisible();
  await expect(banner(page).getByRole("link", { name: "Cookie policy" })).toHaveAttribute(
    "href",
    `/cookies/${tagged.slug}`,
  );
});

test("the staff app shows no banner and no cookie footer", async ({ page }) => {
  await signInAs(page, "owner");
  await expect(page).toHaveURL(clinicHome);
  await expect(banner(page)).toHaveCount(0);
  await expect(page.getByRole("contentinfo").getByRole("button", { name: "Cookie settings" })).toHaveCount(0);
});

test("the cookie policy lists every registry entry by category, purpose and lifetime; a clinic's lists its tags too", async ({
  page,
}) => {
  await page.goto("/cookies");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Cookie policy");
  for (const entry of COOKIE_REGISTRY) {
    const row = page.getByRole("row").filter({ has: page.getByText(entry.name, { exact: true }) });
    await expect(row, entry.name).toHaveCount(1);
    await expect(row).toContainText(entry.lifetime);
    await expect(row).toContainText(entry.purpose);
    const section = page.getByRole("region", { name: /Strictly necessary/ });
    await expect(section.getByText(entry.name, { exact: true })).toBeVisible();
  }
  await expect(page.getByTestId("policy-empty-analytics")).toBeVisible();

  const clinic = await createClinic({ consentMonths: 7 });
  await page.goto(`/cookies/${clinic.slug}`);
  await expect(page.getByText(clinic.name).first()).toBeVisible();
  const analytics = page.getByRole("region", { name: "Analytics" });
  await expect(analytics.getByRole("row").filter({ hasText: "_jt_analytics" })).toContainText(
    "Test Analytics (tags.example.test)",
  );
  await expect(
    page.getByRole("region", { name: "Marketing" }).getByRole("row").filter({ hasText: "_jt_ads…" }),
  ).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "<clinic id>" })).toContainText("7 months");
  await expect(page.getByTestId("policy-version")).toHaveText("1");
});

test("everything the browser holds after consent, a staff sign-in and a sign-out is listed in the registry", async ({
  page,
  context,
}) => {
  const clinic = await createClinic();
  await page.goto(clinic.bookPath);
  await decide(page, () => banner(page).getByRole("button", { name: "Reject all" }).click());
  await page.goto("/");
  await page.getByRole("contentinfo").getByRole("button", { name: "Cookie settings" }).click();
  await settingsDialog(page).getByRole("button", { name: "Close" }).click();
  await signInAs(page, "owner");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);

  const cookies = await context.cookies();
  expect(cookies.map((c) => c.name)).toEqual(
    expect.arrayContaining([`junction_consent_${clinic.id.replaceAll("-", "")}`, "next-auth.csrf-token"]),
  );
  for (const cookie of cookies) expect(registryEntryFor("cookie", cookie.name), `cookie ${cookie.name}`).toBeDefined();
  const keys = await page.evaluate(() => [
    ...Object.keys(localStorage).map((k) => ["localStorage", k]),
    ...Object.keys(sessionStorage).map((k) => ["sessionStorage", k]),
  ]);
  expect(keys).toContainEqual(["localStorage", "nextauth.message"]);
  for (const [kind, key] of keys)
    expect(kind === "localStorage" && registryEntryFor("localStorage", key!), `${kind} ${key}`).toBeTruthy();
});

// Pages on a phone (390 px wide, WCAG 1.4.10 reflow): no staff page, dialog or patient's page
// scrolls sideways. A wide table scrolls inside its own box instead; tabs wrap. Each page that does
// is named with the elements that run past the window's edge.
import { expect, test, type Page } from "@playwright/test";
import {
  clinicHome,
  createPatientInBrowser,
  createPatientLink,
  demoClinic,
  sideways,
  signInAs,
} from "@/tests/fixtures/e2e";
import { E2E_PUBLIC_URL } from "@/tests/fixtures/e2e-server";

const PAGES = [
  "",
  "/calendar",
  "/calendar?view=week",
  "/patients",
  "/programs",
  "/exercises",
  "/outcomes",
  "/messages",
  "/dashboard",
];
const SETTINGS = [
  "/account",
  ...["", "/team", "/hours", "/scheduling", "/fees", "/payments", "/outcomes", "/privacy", "/audit", "/billing"].map(
    (tab) => `/settings${tab}`,
  ),
];

/** The pages of `paths` that scroll sideways at 390 px, each with by how much and the elements past the edge. */
async function widePages(page: Page, paths: string[]): Promise<string[]> {
  await page.setViewportSize({ width: 390, height: 844 });
  const wide: string[] = [];
  for (const path of paths) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    const { by, culprits } = await sideways(page);
    if (by > 0) wide.push(`${path} by ${by}px (${culprits.join(", ")})`);
  }
  return wide;
}

test("on a phone no staff page scrolls sideways: the calendar, the lists, the outcomes, messages, a patient", async ({
  page,
}) => {
  test.slow(); // ten pages, each to network idle: over a minute on a busy 2-core machine
  await signInAs(page, "owner");
  await page.goto(`${clinicHome}/patients`);
  const patient = await page.locator(`main a[href^='${clinicHome}/patients/']`).first().getAttribute("href");
  expect(patient).toBeTruthy();
  expect(await widePages(page, [...PAGES.map((p) => `${clinicHome}${p}`), patient!])).toEqual([]);
});

test("on a phone no settings tab scrolls sideways, nor the account page", async ({ page }) => {
  test.slow(); // eleven pages, each to network idle
  await signInAs(page, "owner");
  expect(
    await widePages(
      page,
      SETTINGS.map((p) => `${clinicHome}${p}`),
    ),
  ).toEqual([]);
});

test("on a phone the booking dialog and the program builder fit the window", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signInAs(page, "front_desk");
  await page.goto(`${clinicHome}/calendar`);
  await page
    .getByRole("button", { name: /^Book / })
    .first()
    .click();
  const booking = page.getByRole("dialog", { name: "Book an appointment" });
  await expect(booking.getByRole("button", { name: "New patient" })).toBeVisible();
  const dialog = await booking.boundingBox();
  expect(dialog!.x).toBeGreaterThanOrEqual(0);
  expect(dialog!.x + dialog!.width).toBeLessThanOrEqual(390);
  expect((await sideways(page)).by).toBe(0);

  const last = `Narrow${Date.now().toString(36)}`;
  await page.context().clearCookies();
  await signInAs(page, "clinician");
  await createPatientInBrowser(page, { firstName: "Nia", lastName: last, email: `${last.toLowerCase()}@example.com` });
  await page.getByRole("link", { name: "New program" }).click();
  await page.getByRole("button", { name: "Use template Thoracolumbar junction (Maigne's syndrome)" }).click();
  await expect(page.getByLabel("Phase 1 title")).toHaveValue("Restore thoracolumbar mobility");
  const { by, culprits } = await sideways(page);
  expect(by, `the program builder scrolls sideways (${culprits.join(", ")})`).toBe(0);
  // and nothing of an exercise (its name, dosage, notes, buttons) runs out of the exercise's own box
  const spill = await page.locator(".pb-item").evaluateAll((items) =>
    items.flatMap((item) => {
      const edge = item.getBoundingClientRect().right;
      return [...item.querySelectorAll("*")]
        .filter((e) => e.getBoundingClientRect().right > edge + 1)
        .map((e) => `${e.tagName.toLowerCase()} of ${item.getAttribute("aria-label")}`);
    }),
  );
  expect(spill.slice(0, 5)).toEqual([]);
});

test("on a phone a patient's pages fit the window: the public booking page and their plan", async ({
  page,
  browser,
}) => {
  await signInAs(page, "clinician");
  const plan = await createPatientLink(page, "Reyes, Jordan");

  const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  await phone.goto(`${E2E_PUBLIC_URL}/book/${demoClinic.slug}`);
  await expect(phone.getByRole("heading", { level: 1, name: demoClinic.name })).toBeVisible();
  await phone.waitForLoadState("networkidle");
  const booking = await sideways(phone);
  expect(booking.by, `the booking page scrolls sideways (${booking.culprits.join(", ")})`).toBe(0);

  await phone.goto(plan);
  await expect(phone.getByRole("heading", { level: 1 })).toHaveText("Hi Jordan");
  await phone.waitForLoadState("networkidle");
  const own = await sideways(phone);
  expect(own.by, `the patient's plan scrolls sideways (${own.culprits.join(", ")})`).toBe(0);
});

import { expect, test } from "@playwright/test";
import { clinicHome, demoClinic, latestEmailTo, signInAs } from "@/tests/fixtures/e2e";
import { E2E_PUBLIC_URL } from "@/tests/fixtures/e2e-server";
import { chosenDate, chosenDateButton, dateStrip, gestures, roomyDate, timeButtons } from "./booking-page";

const bookUrl = `${E2E_PUBLIC_URL}/book/${demoClinic.slug}`;
const uniqueEmail = (who: string) =>
  `${who}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.com`;

test("a patient books on the public page, gets a confirmation with a calendar file, and the front desk sees it on the calendar", async ({
  page,
  browser,
}) => {
  test.slow(); // a patient books, then the front desk signs in
  const email = uniqueEmail("self");
  const since = new Date(Date.now() - 1000);
  const patient = await (await browser.newContext()).newPage();
  await patient.goto(bookUrl);
  await expect(patient.getByRole("heading", { level: 1 })).toHaveText(demoClinic.name);
  await expect(patient.getByRole("row", { name: /Saturday Closed/ })).toBeVisible();

  await patient.getByText("Initial evaluation", { exact: true }).click();
  await patient.getByLabel("Clinician").selectOption({ label: "Any available clinician" });
  await expect(patient.getByText(/Times shown in the clinic's time zone: .*America\/Los Angeles/)).toBeVisible();
  // The page opens on the first day with free times (roomyDate waits for it); this journey books on the
  // next day with room, as the others booking beside it take their own. The chosen day's button says how many.
  const day = await roomyDate(patient, 0);
  await expect(chosenDateButton(patient)).toHaveAccessibleName(/^\w+day \d{1,2} \w+, (1 time|\d+ times) free$/);
  const time = timeButtons(patient).nth(2);
  const timeText = (await time.textContent())!;
  await time.click();
  await expect(time).toHaveAttribute("aria-pressed", "true");

  await patient.getByLabel("First name").fill("Selma");
  await patient.getByLabel("Last name").fill("Bookwell");
  await patient.getByLabel("Email").fill(email);
  await patient.getByLabel("Phone").fill("(541) 555-0123");
  await patient.getByRole("button", { name: "Book appointment" }).click();
  await expect(patient.getByRole("heading", { name: "You're booked" })).toBeVisible();
  await expect(patient.getByRole("status")).toContainText(timeText);

  const mail = await latestEmailTo(email, since);
  expect(mail.subject).toMatch(/^Booked: Initial evaluation at PhysioFIT Bend/);
  expect(mail.text).toContain(`${E2E_PUBLIC_URL}/book/${demoClinic.slug}/manage/`);

  // The front desk finds the new patient on that day's calendar.
  await signInAs(page, "front_desk");
  await page.goto(`${clinicHome}/calendar?view=day&date=${day}`);
  await expect(page.locator(".cal-block", { hasText: "Bookwell" })).toBeVisible();
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("from the landing page to “You're booked” in at most 12 taps and key presses besides typing", async ({
    page,
  }) => {
    const user = gestures(page, { touch: true });
    await page.goto(bookUrl);
    await user.tap(page.getByText("Initial evaluation", { exact: true }));
    // No scrolling through hundreds of times: the first free day is chosen, its times are grouped.
    await chosenDate(page);
    expect(await timeButtons(page).count()).toBeLessThan(80);
    await expect(page.getByRole("group", { name: /Morning|Afternoon|Evening/ }).first()).toBeVisible();
    await user.tap(timeButtons(page).first());
    // The details step comes into view and takes focus.
    const details = page.getByRole("heading", { name: "4. Your details" });
    await expect(details).toBeFocused();
    await expect(page.getByLabel("First name")).toBeInViewport();

    await user.tap(page.getByLabel("First name"));
    await user.type("Pia");
    await user.press("Tab");
    await user.type("Phonebook");
    await user.press("Tab");
    await user.type(uniqueEmail("phone"));
    await user.press("Tab");
    await user.type("(541) 555-0190");
    await user.press("Enter");
    await expect(page.getByRole("heading", { name: "You're booked" })).toBeVisible();
    expect(user.count, "taps and key presses beyond typing").toBeLessThanOrEqual(12);
    test.info().annotations.push({ type: "taps", description: String(user.count) });
  });

  test("a blank field or a bad email keeps the chosen time and everything typed, and focus goes to the first error", async ({
    page,
  }) => {
    await page.goto(bookUrl);
    await page.getByText("Initial evaluation", { exact: true }).tap();
    await roomyDate(page, 0);
    const time = timeButtons(page).nth(1);
    await time.tap();
    await page.getByLabel("First name").fill("Selma");
    await page.getByLabel("Email").fill("pat@");
    await page.getByLabel("Phone").fill("(541) 555-0124");
    await page.getByRole("button", { name: "Book appointment" }).tap();

    const last = page.getByLabel("Last name");
    await expect(last).toBeFocused();
    await expect(last).toHaveAttribute("aria-invalid", "true");
    await expect(last).toHaveAccessibleDescription("Enter your last name");
    await expect(page.getByLabel("Email")).toHaveAccessibleDescription(/Enter a valid email address/);
    // Nothing was thrown away.
    await expect(time).toHaveAttribute("aria-pressed", "true");
    await expect(page.getByLabel("First name")).toHaveValue("Selma");
    await expect(page.getByLabel("Email")).toHaveValue("pat@");
    await expect(page.getByLabel("Phone")).toHaveValue("(541) 555-0124");

    // Fixing a field clears its message; then the booking goes through with the same time.
    await last.fill("Bookwell");
    await expect(last).not.toHaveAttribute("aria-invalid", "true");
    await page.getByLabel("Email").fill(uniqueEmail("fixed"));
    const timeText = (await time.textContent())!;
    await page.getByRole("button", { name: "Book appointment" }).tap();
    await expect(page.getByRole("heading", { name: "You're booked" })).toBeVisible();
    await expect(page.getByRole("status")).toContainText(timeText);
  });
});

test("a keyboard user reaches “First name” in a handful of Tabs", async ({ page }) => {
  await page.goto(bookUrl);
  let tabs = 0;
  const tab = async () => {
    tabs++;
    await page.keyboard.press("Tab");
  };
  const focused = () =>
    page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return {
        tag: el?.tagName ?? "",
        type: el?.getAttribute("type") ?? "",
        cls: el?.className ?? "",
        id: el?.id ?? "",
      };
    });
  // Start on the first appointment type (whatever comes before it, e.g. a cookie banner, is not
  // the booking form's); Space chooses it.
  await page.getByRole("radio").first().focus();
  await page.keyboard.press("Space");
  await expect(dateStrip(page)).toBeVisible();
  await chosenDate(page);
  // On to the first free time, past the clinician and the date strip (one Tab stop).
  while (!(await focused()).cls.includes("time-button") && tabs < 30) await tab();
  expect(tabs, "Tabs from the appointment type to the first time").toBeLessThanOrEqual(6);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "4. Your details" })).toBeFocused();
  const before = tabs;
  while ((await focused()).id !== "field-firstName" && tabs < 60) await tab();
  expect(tabs - before, "Tabs from the chosen time to First name").toBeLessThanOrEqual(2);
  expect(tabs).toBeLessThanOrEqual(10);

  // The date strip is one stop: arrow keys move between its days.
  const strip = dateStrip(page);
  await strip.locator('button[tabindex="0"]').focus();
  const start = await page.evaluate(() => document.activeElement?.getAttribute("data-date"));
  await page.keyboard.press("End");
  const end = await page.evaluate(() => document.activeElement?.getAttribute("data-date"));
  expect(end! > start! || (await strip.locator("button:not(:disabled)").count()) === 1).toBe(true);
});

test("the public page of an unknown clinic is a 404", async ({ page }) => {
  const response = await page.goto(`${E2E_PUBLIC_URL}/book/no-such-clinic`);
  expect(response?.status()).toBe(404);
});

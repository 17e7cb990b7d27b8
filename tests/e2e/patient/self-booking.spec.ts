import { expect, test } from "@playwright/test";
import { clinicHome, demoClinic, latestEmailTo, signInAs } from "@/tests/fixtures/e2e";
import { E2E_PUBLIC_URL } from "@/tests/fixtures/e2e-server";

test("a patient books on the public page, gets a confirmation with a calendar file, and the front desk sees it on the calendar", async ({
  page,
  browser,
}) => {
  const email = `self-${Date.now().toString(36)}@example.com`;
  const since = new Date(Date.now() - 1000);
  const patient = await (await browser.newContext()).newPage();
  await patient.goto(`${E2E_PUBLIC_URL}/book/${demoClinic.slug}`);
  await expect(patient.getByRole("heading", { level: 1 })).toHaveText(demoClinic.name);
  await expect(patient.getByRole("row", { name: /Saturday Closed/ })).toBeVisible();

  await patient.getByText("Initial evaluation", { exact: true }).click();
  await patient.getByLabel("Clinician").selectOption({ label: "Any available clinician" });
  await expect(patient.getByText(/Times shown in the clinic's time zone: .*America\/Los Angeles/)).toBeVisible();
  const firstDay = patient.locator(".slot-day").first();
  const day = (await firstDay.locator("legend").textContent())!;
  const time = firstDay.getByRole("button").nth(2);
  const timeText = (await time.textContent())!;
  await time.click();

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
  const date = new Date(`${day}, ${new Date().getFullYear()}`);
  if (date.getTime() < Date.now() - 86_400_000) date.setFullYear(date.getFullYear() + 1);
  const iso = `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, "0")}-${String(date.getDate()).padStart(2, "0")}`;
  await page.goto(`${clinicHome}/calendar?view=day&date=${iso}`);
  await expect(page.locator(".cal-block", { hasText: "Bookwell" })).toBeVisible();
});

test("the public page of an unknown clinic is a 404", async ({ page }) => {
  const response = await page.goto(`${E2E_PUBLIC_URL}/book/no-such-clinic`);
  expect(response?.status()).toBe(404);
});

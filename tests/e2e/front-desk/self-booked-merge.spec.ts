// A patient the clinic already has books online: the booking makes a self-booked record (never touching
// the chart on its own); the front desk sees the possible match from the calendar and merges it with one click.
import { expect, test } from "@playwright/test";
import { clinicHome, demoClinic, signInAs, searchPatients } from "@/tests/fixtures/e2e";
import { E2E_PUBLIC_URL } from "@/tests/fixtures/e2e-server";
import { roomyDate, timeButtons } from "../patient/booking-page";

test("the front desk merges a self-booked duplicate into the patient's chart from the calendar", async ({
  page,
  browser,
}) => {
  test.slow(); // a sign-in, a public booking and a merge: over 30 s on a loaded two-core machine
  const last = `Merrow${Date.now().toString(36)}`;
  const email = `${last.toLowerCase()}@example.com`;

  // The front desk already has Tess's chart.
  await signInAs(page, "front_desk");
  await page.goto(`${clinicHome}/patients`);
  await page.getByRole("button", { name: "New patient" }).click();
  await page.getByLabel("First name").fill("Tess");
  await page.getByLabel("Last name").fill(last);
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Create patient" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Patient created." })).toBeVisible();
  const chartUrl = new URL(page.url());
  const chartPath = chartUrl.pathname;

  // Tess books online with the same email.
  const visitor = await (await browser.newContext({ baseURL: E2E_PUBLIC_URL })).newPage();
  await visitor.goto(`/book/${demoClinic.slug}`);
  await visitor.getByText("Initial evaluation", { exact: true }).click();
  await visitor.getByLabel("Clinician").selectOption({ label: "Any available clinician" });
  const day = await roomyDate(visitor, 1);
  await timeButtons(visitor).nth(1).click();
  await visitor.getByLabel("First name").fill("Tess");
  await visitor.getByLabel("Last name").fill(last);
  await visitor.getByLabel("Email").fill(email);
  await visitor.getByLabel("Phone").fill("(541) 555-0177");
  await visitor.getByRole("button", { name: "Book appointment" }).click();
  await expect(visitor.getByRole("heading", { name: "You're booked" })).toBeVisible();

  // On the calendar the appointment says it was self-booked and has a possible match.
  const iso = day;
  await page.goto(`${clinicHome}/calendar?view=day&date=${iso}`);
  await page.locator(".cal-block", { hasText: last }).click();
  const panel = page.getByRole("dialog");
  await expect(panel.getByText("Self-booked")).toBeVisible();
  await panel.getByRole("link", { name: "Possible match — review" }).click();

  // The self-booked record shows Tess's chart as the match; one click merges.
  await expect(page.getByRole("heading", { name: "Self-booked — needs review" })).toBeVisible();
  const review = page.getByRole("region", { name: "Self-booked — needs review" });
  await expect(review.getByRole("listitem")).toContainText(`Possible match: Tess ${last} (same email, same name)`);
  await review.getByRole("button", { name: `Merge into Tess ${last}` }).click();

  await expect(page).toHaveURL(new RegExp(`${chartPath}\\?merged=1$`));
  await expect(
    page.getByRole("status").filter({ hasText: "Merged the self-booked record into this chart" }),
  ).toHaveText("Merged the self-booked record into this chart — 1 appointment moved here.");
  await expect(page.getByRole("region", { name: "History" }).getByText(/Self-booked record merged/)).toBeVisible();

  // One Tess remains, and the appointment is hers.
  await searchPatients(page, last);
  await expect(page.getByRole("row")).toHaveCount(2);
  await expect(page.getByText("Self-booked")).toHaveCount(0);
  await page.goto(`${clinicHome}/calendar?view=day&date=${iso}`);
  await page.locator(".cal-block", { hasText: last }).click();
  await expect(page.getByRole("dialog").getByRole("link", { name: `Tess ${last}` })).toHaveAttribute("href", chartPath);
});

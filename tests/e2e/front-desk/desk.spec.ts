// The front desk's own journeys: a solo PT who owns the clinic takes bookings; booking by keyboard
// keeps focus where the work is; a patient's page lists their appointments and books from there.
import { expect, test } from "@playwright/test";
import { clinicHome, signInAs, signUpClinic, searchPatients } from "@/tests/fixtures/e2e";
import { E2E_PUBLIC_URL } from "@/tests/fixtures/e2e-server";

/** A weekday (YYYY-MM-DD) about `days` ahead, away from the other journeys' days. */
function weekdayAhead(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

test("a solo PT signs up, sees a setup checklist, and is booked as the clinic's only practitioner, on the calendar and online", async ({
  page,
  browser,
  context,
}) => {
  test.slow(); // a long journey across staff and patient browsers: more than 30 s on a busy 2-core machine
  const stamp = Date.now().toString(36);
  const home = await signUpClinic(page, {
    clinic: `Solo Physio ${stamp}`,
    name: "Sam Solo",
    email: `sam.${stamp}@example.com`,
    password: "a-long-solo-password",
  });
  const slug = home.split("/").pop()!;

  // Home: a short checklist (hours, types, team) and the booking link with a copy button.
  const checklist = page.getByRole("region", { name: "Set up your clinic" });
  await expect(checklist.getByRole("link", { name: "Set your opening hours" })).toBeVisible();
  await expect(checklist.getByRole("link", { name: "Review your appointment types" })).toBeVisible();
  await expect(checklist.getByRole("link", { name: "Invite your team" })).toBeVisible();
  await expect(checklist).toContainText("0 of 3 done");
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await checklist.getByRole("button", { name: "Copy the booking link" }).click();
  await expect(checklist.getByRole("status")).toHaveText("Copied.");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${E2E_PUBLIC_URL}/book/${slug}`);
  await expect(page.getByText("soon, the calendar")).toHaveCount(0);

  // The owner has a calendar column and books a patient with themselves.
  const date = weekdayAhead(10);
  await page.goto(`${home}/calendar?view=day&date=${date}`);
  const lane = page.getByRole("group", { name: /^Sam Solo, / });
  // A clinic signed up from a UTC browser is in UTC, written 24-hour (en-GB); a US clinic says 10:00 AM.
  await lane.getByRole("button", { name: /^Book 10:00( AM)?, / }).click();
  const booking = page.getByRole("dialog", { name: "Book an appointment" });
  await expect(booking.getByLabel("Clinician").locator("option:checked")).toHaveText("Sam Solo");
  await booking.getByRole("button", { name: "New patient" }).click();
  await booking.getByLabel("First name").fill("Ines");
  await booking.getByLabel("Last name").fill(`Solo${stamp}`);
  await booking.getByRole("button", { name: "Add patient" }).click();
  await expect(booking.getByText(`Patient: Ines Solo${stamp}`)).toBeVisible();
  await booking.getByRole("button", { name: "Book", exact: true }).click();
  await expect(lane.getByRole("button", { name: new RegExp(`^Ines Solo${stamp}, `) })).toBeVisible();

  // Their own working hours: Settings → Scheduling lists the owner.
  await page.goto(`${home}/settings/scheduling`);
  const hours = page.getByRole("region", { name: "Working hours" });
  await expect(hours.getByLabel("Clinician").locator("option:checked")).toHaveText("Sam Solo");

  // The public booking page offers the owner.
  const visitor = await (await browser.newContext({ baseURL: E2E_PUBLIC_URL })).newPage();
  await visitor.goto(`/book/${slug}`);
  await visitor.getByText("Initial evaluation", { exact: true }).click();
  await expect(visitor.getByRole("option", { name: "Sam Solo" })).toBeAttached();
  // No details given at sign-up: no empty "Contact" heading.
  await expect(visitor.getByRole("heading", { name: "Opening hours" })).toBeVisible();
  await expect(visitor.getByRole("heading", { name: "Contact" })).toHaveCount(0);
});

test("booking by keyboard: Type, Enter picks the patient, Enter books, and focus lands on the new appointment", async ({
  page,
}) => {
  await signInAs(page, "front_desk");
  const date = weekdayAhead(33);
  await page.goto(`${clinicHome}/calendar?view=day&date=${date}`);
  const lane = page.getByRole("group", { name: /^Dr\. Marcus Chen, DPT, / });
  await lane.getByRole("button", { name: /^Book 9:00 AM, / }).click();
  const booking = page.getByRole("dialog", { name: "Book an appointment" });
  const search = booking.getByLabel("Patient", { exact: true });
  await expect(search).toBeFocused();
  await page.keyboard.type("Whitaker");
  const results = booking.getByRole("list", { name: "Search results" });
  await expect(results).toHaveAttribute("aria-busy", "false");
  await expect(results.getByRole("button")).toHaveCount(1);
  // The matches are not Tab stops: Tab goes on to "New patient".
  await page.keyboard.press("Tab");
  await expect(booking.getByRole("button", { name: "New patient" })).toBeFocused();
  await search.focus();
  await page.keyboard.press("Enter");
  await expect(booking.getByText("Patient: Sam Whitaker")).toBeVisible();
  const book = booking.getByRole("button", { name: "Book", exact: true });
  await expect(book).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(booking).toBeHidden();
  const block = lane.getByRole("button", { name: /^Sam Whitaker, .*, 9:00 AM/ });
  await expect(block).toBeFocused();
});

test("a patient's page lists upcoming and past appointments with status, and books from there", async ({ page }) => {
  await signInAs(page, "front_desk");
  await searchPatients(page, "demo.history.1@example.com");
  await expect(page.getByRole("table").getByRole("link")).toHaveCount(1);
  await page.getByRole("table").getByRole("link").click();
  await expect(page.getByRole("region", { name: "Appointments" })).toBeVisible();
  const patientUrl = page.url();
  const appointments = page.getByRole("region", { name: "Appointments" });
  const past = appointments.getByRole("list", { name: "Past" });
  await expect(past.getByRole("listitem").first()).toBeVisible();
  await expect(past).toContainText(/Completed|No-show|Cancelled/);
  const name = (await page.getByRole("heading", { level: 1 }).textContent())!;

  await appointments.getByRole("link", { name: new RegExp(`^Book an appointment`) }).click();
  await expect(page.getByRole("status").filter({ hasText: `Booking for ${name}` })).toBeVisible();
  const date = weekdayAhead(40);
  await page.getByLabel("Go to date").fill(date);
  const lane = page.getByRole("group", { name: /^Dr\. Aisha Patel, DPT, / });
  await lane.getByRole("button", { name: /^Book 11:00 AM, / }).click();
  const booking = page.getByRole("dialog", { name: "Book an appointment" });
  await expect(booking.getByText(`Patient: ${name}`)).toBeVisible();
  await booking.getByLabel("Appointment type").selectOption({ label: "Follow-up (45 min)" });
  await booking.getByRole("button", { name: "Book", exact: true }).click();
  await expect(lane.getByRole("button", { name: new RegExp(`^${name}, Follow-up, 11:00 AM`) })).toBeFocused();

  await page.goto(patientUrl);
  const upcoming = page.getByRole("region", { name: "Appointments" }).getByRole("list", { name: "Upcoming" });
  await expect(
    upcoming.getByRole("listitem").filter({ hasText: "Follow-up with Dr. Aisha Patel, DPT" }).last(),
  ).toContainText("Booked");
});

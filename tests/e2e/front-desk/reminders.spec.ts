import { expect, test } from "@playwright/test";
import { clinicHome, demoClinic, latestEmailTo, setJobsClock, signInAs } from "@/tests/fixtures/e2e";
import { wallTimeToUtc } from "@/server/scheduling/zoned-time";

/** A weekday (YYYY-MM-DD, clinic zone) about three weeks ahead, away from the other journeys' days. */
function weekdayAhead(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

test.afterEach(async ({ page }) => {
  await setJobsClock(page, { reset: true });
});

test("a booking is confirmed by email at once, and the 24-hour reminder goes out when the clock reaches it", async ({
  page,
}) => {
  const last = `Remly${Date.now().toString(36)}`;
  const email = `${last.toLowerCase()}@example.com`;
  const date = weekdayAhead(20);
  const startsAt = wallTimeToUtc(date, "10:30", demoClinic.timeZone);
  const since = new Date(Date.now() - 1000);

  await signInAs(page, "front_desk");
  await page.goto(`${clinicHome}/calendar?view=day&date=${date}`);
  const lane = page.getByRole("group", { name: /^Dr\. Aisha Patel, DPT, / });
  await lane.getByRole("button", { name: /^Book 10:30 AM, / }).click();
  const booking = page.getByRole("dialog", { name: "Book an appointment" });
  await booking.getByRole("button", { name: "New patient" }).click();
  await booking.getByLabel("First name").fill("Rosa");
  await booking.getByLabel("Last name").fill(last);
  await booking.getByLabel("Email").fill(email);
  await booking.getByRole("button", { name: "Add patient" }).click();
  await expect(booking.getByText(`Patient: Rosa ${last}`)).toBeVisible();
  await booking.getByLabel("Appointment type").selectOption({ label: "Follow-up (45 min)" });
  await booking.getByRole("button", { name: "Book", exact: true }).click();
  await expect(page.getByRole("status")).toContainText(`Booked Rosa ${last}`);

  // The confirmation goes out at once (through the worker) and names the time in the clinic's zone.
  const confirmation = await latestEmailTo(email, since, 15_000, /^Booked: /);
  expect(confirmation.subject).toMatch(/10:30 AM P[SD]T$/);
  expect(confirmation.text).toContain("/manage/");

  // The panel lists it as sent, and the two reminders as scheduled.
  await lane.getByRole("button", { name: new RegExp(`^Rosa ${last}, Follow-up, 10:30 AM`) }).click();
  const panel = page.getByRole("dialog", { name: `Rosa ${last}` });
  const emails = panel.getByRole("region", { name: "Emails to the patient" });
  await expect(emails.getByRole("listitem").filter({ hasText: "Booking confirmation" })).toContainText("Sent");
  await expect(emails.getByRole("listitem").filter({ hasText: "Reminder, 24 hours before" })).toContainText(
    "Scheduled",
  );
  await expect(emails.getByRole("listitem").filter({ hasText: "Reminder, 2 hours before" })).toContainText("Scheduled");
  // Nothing else yet: the reminder is three weeks away.
  await expect(latestEmailTo(email, since, 1_000, /^Reminder: /)).rejects.toThrow(/No email/);

  // Move the jobs clock to one minute past "24 hours before": that reminder, and only it, goes out.
  await setJobsClock(page, { now: new Date(startsAt.getTime() - 24 * 3_600_000 + 60_000) });
  const reminder = await latestEmailTo(email, since, 15_000, /^Reminder: /);
  expect(reminder.subject).toMatch(/Follow-up at PhysioFIT Bend, .* 10:30 AM P[SD]T$/);
  expect(reminder.text).toContain("Dr. Aisha Patel");
  await page.reload();
  await page
    .getByRole("group", { name: /^Dr\. Aisha Patel, DPT, / })
    .getByRole("button", { name: new RegExp(`^Rosa ${last}, Follow-up`) })
    .click();
  const reopened = page
    .getByRole("dialog", { name: `Rosa ${last}` })
    .getByRole("region", { name: "Emails to the patient" });
  await expect(reopened.getByRole("listitem").filter({ hasText: "Reminder, 24 hours before" })).toContainText("Sent");
  await expect(reopened.getByRole("listitem").filter({ hasText: "Reminder, 2 hours before" })).toContainText(
    "Scheduled",
  );
});

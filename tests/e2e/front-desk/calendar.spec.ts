import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { signInAs } from "@/tests/fixtures/e2e";

test("the front desk books a new patient into a free time next week, moves it, checks it in, and cancels another with a reason", async ({
  page,
}, testInfo) => {
  const last = `Calder${Date.now().toString(36)}`;
  const noor = `Noor ${last}`;
  await signInAs(page, "front_desk");
  await page.getByRole("link", { name: "Calendar", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Calendar", level: 1 })).toBeVisible();
  await expect(page.getByText("Times in America/Los_Angeles")).toBeVisible();

  await page.getByRole("button", { name: "Week" }).click();
  // Next week; a retry (CI) works three weeks further on, where the first attempt booked nothing.
  for (let i = 0; i <= testInfo.retry * 3; i++) await page.getByRole("button", { name: "Next week" }).click();
  await page.getByLabel("Clinician").selectOption({ label: "Dr. Aisha Patel, DPT" });
  const patelWed = page.getByRole("group", { name: /^Dr\. Aisha Patel, DPT, Wed, / });
  await expect(
    page.getByRole("group", { name: /^Dr\. Aisha Patel, DPT, Sat, / }).getByRole("button", { name: /^Book / }),
  ).toHaveCount(0);

  // Book: a free cell opens the booking panel with the time and clinician filled in; add the patient inline.
  await patelWed.getByRole("button", { name: /^Book 4:00 PM, / }).click();
  const booking = page.getByRole("dialog", { name: "Book an appointment" });
  await expect(booking.getByLabel("Start time")).toHaveValue("16:00");
  await expect(booking.getByLabel("Clinician").locator("option:checked")).toHaveText("Dr. Aisha Patel, DPT");
  // "New patient" sits above the matches, so their arrival does not move it from under the pointer
  // (below them, a click as they loaded picked a patient instead)
  const newPatient = booking.getByRole("button", { name: "New patient" });
  const matches = booking.getByRole("list", { name: "Search results" });
  await expect(matches.getByRole("button").first()).toBeVisible();
  expect((await newPatient.boundingBox())!.y).toBeLessThan((await matches.boundingBox())!.y);
  await newPatient.click();
  await booking.getByLabel("First name").fill("Noor");
  await booking.getByLabel("Last name").fill(last);
  await booking.getByLabel("Email").fill(`${last.toLowerCase()}@example.com`);
  await booking.getByRole("button", { name: "Add patient" }).click();
  await expect(booking.getByText(`Patient: ${noor}`)).toBeVisible();
  await booking.getByLabel("Appointment type").selectOption({ label: "Follow-up (45 min)" });
  await booking.getByRole("button", { name: "Book", exact: true }).click();
  await expect(booking).toBeHidden();
  await expect(page.getByRole("status")).toContainText(`Booked ${noor}: Follow-up with Dr. Aisha Patel, DPT`);
  const booked = patelWed.getByRole("button", { name: new RegExp(`^${noor}, Follow-up, 4:00 PM.4:45 PM, Booked$`) });
  await expect(booked).toBeVisible();

  // Reschedule from its panel: a later time with the other clinician.
  await booked.click();
  const panel = page.getByRole("dialog", { name: noor });
  await expect(panel.getByRole("link", { name: noor })).toHaveAttribute("href", /\/patients\/[0-9a-f-]{36}$/);
  await panel.getByRole("button", { name: "Reschedule" }).click();
  await panel.getByLabel("New start time").fill("17:30");
  await panel.getByLabel("Clinician").selectOption({ label: "Dr. Marcus Chen, DPT" });
  await panel.getByRole("button", { name: "Move appointment" }).click();
  await expect(panel).toBeHidden();
  await expect(page.getByRole("status")).toContainText(`Moved ${noor} to`);
  await expect(page.getByRole("status")).toContainText("5:30 PM");
  await expect(booked).toBeHidden();

  await page.getByLabel("Clinician").selectOption({ label: "Dr. Marcus Chen, DPT" });
  const chenWed = page.getByRole("group", { name: /^Dr\. Marcus Chen, DPT, Wed, / });
  const chenThu = page.getByRole("group", { name: /^Dr\. Marcus Chen, DPT, Thu, / });
  const moved = chenWed.getByRole("button", { name: new RegExp(`^${noor}, Follow-up, 5:30 PM.6:15 PM, Booked$`) });
  await expect(moved).toBeVisible();

  // Reschedule by dragging the block (held at its top edge) to the same time a day later.
  await moved.dragTo(chenThu.getByRole("button", { name: /^Book 5:30 PM, / }), { sourcePosition: { x: 12, y: 4 } });
  await expect(page.getByRole("status")).toContainText(`Moved ${noor} to Thu`);
  const dragged = chenThu.getByRole("button", { name: new RegExp(`^${noor}, Follow-up, 5:30 PM.6:15 PM, Booked$`) });
  await expect(dragged).toBeVisible();

  // Check in.
  await dragged.click();
  await page.getByRole("dialog", { name: noor }).getByRole("button", { name: "Check in" }).click();
  await expect(page.getByRole("status")).toHaveText(`Checked in ${noor}.`);
  await expect(chenThu.getByRole("button", { name: new RegExp(`^${noor}, .*, Checked in$`) })).toBeVisible();

  // Another booking, for a patient found by search, then cancelled with a reason.
  await chenThu.getByRole("button", { name: /^Book 3:00 PM, / }).click();
  await booking.getByLabel("Patient", { exact: true }).fill("Reyes");
  // Wait for the search to settle (the list re-renders as results arrive), then pick.
  const results = booking.getByRole("list", { name: "Search results" });
  await expect(results).toHaveAttribute("aria-busy", "false");
  await expect(results.getByRole("button")).toHaveCount(1);
  await results.getByRole("button", { name: /^Reyes, Jordan/ }).click();
  await expect(booking.getByText("Patient: Jordan Reyes")).toBeVisible();
  await booking.getByLabel("Appointment type").selectOption({ label: "Short follow-up (30 min)" });
  await booking.getByRole("button", { name: "Book", exact: true }).click();
  await expect(page.getByRole("status")).toContainText(
    "Booked Jordan Reyes: Short follow-up with Dr. Marcus Chen, DPT",
  );
  const other = chenThu.getByRole("button", { name: /^Jordan Reyes, Short follow-up, 3:00 PM.3:30 PM, Booked$/ });

  await other.click();
  const otherPanel = page.getByRole("dialog", { name: "Jordan Reyes" });
  await otherPanel.getByRole("button", { name: "Cancel appointment" }).click();
  await otherPanel.getByRole("button", { name: "Cancel appointment" }).click();
  await expect(otherPanel.getByText("Give a reason for cancelling")).toBeVisible();
  await otherPanel.getByLabel("Reason for cancelling").fill("Patient called: car trouble");
  await otherPanel.getByRole("button", { name: "Cancel appointment" }).click();
  await expect(page.getByRole("status")).toHaveText("Cancelled Jordan Reyes's appointment.");
  await expect(other).toBeHidden();

  await page.getByLabel("Show cancelled").check();
  const cancelled = chenThu.getByRole("button", {
    name: /^Jordan Reyes, Short follow-up, Cancelled, 3:00 PM.3:30 PM$/, // short: its status before its hidden time
  });
  await expect(cancelled).toBeVisible();
  // a cancelled block is quieter, yet its words still contrast 4.5:1 (it was faded by opacity, below that)
  const contrast = await new AxeBuilder({ page })
    .include(".cal-status-cancelled")
    .withRules(["color-contrast"])
    .analyze();
  expect(contrast.violations.flatMap((v) => v.nodes.map((n) => n.target.join(" ")))).toEqual([]);
  await cancelled.click();
  await expect(page.getByRole("dialog", { name: "Jordan Reyes" })).toContainText("Patient called: car trouble");
});

test("the calendar works from the keyboard: arrow keys move between times and columns, Enter books", async ({
  page,
}) => {
  await signInAs(page, "front_desk");
  await page.getByRole("link", { name: "Calendar", exact: true }).click();
  await page.getByRole("button", { name: "Week" }).click();
  // Two weeks ahead: the demo's own appointments are all within the coming week.
  await page.getByRole("button", { name: "Next week" }).click();
  await page.getByRole("button", { name: "Next week" }).click();
  await page.getByLabel("Clinician").selectOption({ label: "Dr. Marcus Chen, DPT" });
  const monday = page.getByRole("group", { name: /^Dr\. Marcus Chen, DPT, Mon, / });
  // One Tab stop per column, not one per free quarter hour.
  await expect(monday.locator('button[data-minute][tabindex="0"]')).toHaveCount(1);

  await monday.getByRole("button", { name: /^Book 7:00 AM, / }).focus();
  for (let i = 0; i < 4; i++) await page.keyboard.press("ArrowDown");
  await expect(monday.getByRole("button", { name: /^Book 8:00 AM, / })).toBeFocused();
  await page.keyboard.press("ArrowRight");
  const tuesday = page.getByRole("group", { name: /^Dr\. Marcus Chen, DPT, Tue, / });
  await expect(tuesday.getByRole("button", { name: /^Book 8:00 AM, / })).toBeFocused();
  await page.keyboard.press("ArrowUp");
  await expect(tuesday.getByRole("button", { name: /^Book 7:45 AM, / })).toBeFocused();
  await page.keyboard.press("Enter");
  const booking = page.getByRole("dialog", { name: "Book an appointment" });
  await expect(booking.getByLabel("Start time")).toHaveValue("07:45");
  await expect(booking.getByLabel("Clinician").locator("option:checked")).toHaveText("Dr. Marcus Chen, DPT");
  await page.keyboard.press("Escape");
  await expect(booking).toBeHidden();
});

// The patient's manage link: "Change time" offers every free day up to the booking horizon with the
// same date strip as booking, asks before moving, and a cancel leaves no "Moved" message behind.
import { expect, test, type Page } from "@playwright/test";
import { demoClinic } from "@/tests/fixtures/e2e";
import { E2E_PUBLIC_URL } from "@/tests/fixtures/e2e-server";
import { chosenDate, chosenDateButton, laterDays, timeButtons } from "./booking-page";

/** Books a free time two weeks out and returns the manage page's address. */
async function bookOne(page: Page): Promise<string> {
  await page.goto(`${E2E_PUBLIC_URL}/book/${demoClinic.slug}`);
  await page.getByText("Follow-up", { exact: true }).click();
  // Two weeks out and the day's last time: the other journeys book this week's first times at once.
  for (let week = 0; week < 2; week++) await laterDays(page);
  await timeButtons(page).last().click();
  await page.getByLabel("First name").fill("Manny");
  await page.getByLabel("Last name").fill("Mover");
  await page.getByLabel("Email").fill(`mover-${Date.now().toString(36)}@example.com`);
  await page.getByLabel("Phone").fill("(541) 555-0160");
  await page.getByRole("button", { name: "Book appointment" }).click();
  await expect(page.getByRole("heading", { name: "You're booked" })).toBeVisible();
  return (await page.getByRole("link", { name: "Manage this appointment" }).getAttribute("href"))!;
}

test("Change time pages through every free day to the horizon, asks before moving, and a cancel is not “Moved”", async ({
  page,
}) => {
  test.slow(); // a booking first, then a walk through every week to the horizon
  const manage = await bookOne(page);
  await page.goto(`${E2E_PUBLIC_URL}${manage}`);
  await expect(page.getByRole("heading", { name: "Your appointment" })).toBeVisible();
  const when = page.locator("section.card p").nth(1);
  const bookedWhen = (await when.textContent())!;
  await expect(page.locator(".badge")).toHaveText("booked");

  await page.getByRole("button", { name: "Change time" }).click();
  await chosenDate(page);
  // Page forward to the horizon (60 days for the demo clinic): later weeks have free times too, and
  // the strip chooses each new week's first free day once that week's counts arrive.
  const later = page.getByRole("button", { name: "Later days" });
  let chosen = "";
  for (let week = 1; week <= 4; week++) {
    await expect(later, `week ${week} is within the horizon`).toBeEnabled();
    chosen = await laterDays(page);
  }
  const today = new Date().toISOString().slice(0, 10);
  expect(Date.parse(chosen) - Date.parse(today), "a day more than three weeks ahead").toBeGreaterThan(21 * 86_400_000);
  await expect(chosenDateButton(page)).toHaveAccessibleName(/times? free$/);

  // A tap on a time only asks.
  const time = timeButtons(page).nth(1);
  const timeText = (await time.textContent())!;
  await time.click();
  const question = page.getByRole("heading", { name: /^Move to \w{3} \d{1,2} \w{3}, \d{1,2}:\d{2} [AP]M\?$/ });
  await expect(question).toBeVisible();
  await expect(question).toContainText(timeText);
  await expect(when).toHaveText(bookedWhen);
  await page.getByRole("button", { name: "Yes, move" }).click();
  await expect(page.getByRole("status")).toHaveText("Moved. We have kept your new time.");
  await expect(when).not.toHaveText(bookedWhen);
  await expect(when).toContainText(timeText);

  // Cancelling afterwards: the page says so, and nothing about the move; the badge is not green.
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: "Cancel appointment" }).click();
  await expect(page.locator(".badge")).toHaveText("cancelled");
  await expect(page.getByText("Moved. We have kept your new time.")).toHaveCount(0);
  await expect(page.getByRole("status")).toHaveText("Your appointment is cancelled.");
  const [r, g, b] = (await page.locator(".badge").evaluate((el) => getComputedStyle(el).backgroundColor))
    .match(/\d+/g)!
    .map(Number);
  expect(g! > r! && g! >= b!, `badge background rgb(${r}, ${g}, ${b}) is not green`).toBe(false);
});

// Sign-up reveals nothing about other accounts: an email that already has one gets the same
// "check your email" page as a new one, and the existing address is told by email. A new sign-up
// finishes from its emailed link and lands in the new clinic.
import { expect, test, type Page } from "@playwright/test";
import { demoUser, latestEmailTo } from "@/tests/fixtures/e2e";

async function signUp(page: Page, p: { clinic: string; email: string }) {
  await page.goto("/signup");
  await page.getByLabel("Clinic name").fill(p.clinic);
  await page.getByLabel("Your name").fill("Nora North");
  await page.getByLabel("Your email").fill(p.email);
  await page.getByLabel("Password").fill("a-long-password");
  await page.getByRole("button", { name: "Create clinic" }).click();
  const answer = page.getByRole("status").filter({ hasText: "Check your email to continue" });
  await expect(answer).toBeVisible();
  return (await answer.innerText()).replace(p.email, "<email>");
}

test("signing up with an email that already has an account shows the same page as a new one, and emails that address", async ({
  page,
}) => {
  const stamp = Date.now().toString(36);
  const since = new Date(Date.now() - 1000);
  const newEmail = `nora-${stamp}@example.com`;
  const known = demoUser("front_desk").email;

  const forNew = await signUp(page, { clinic: `Northside ${stamp}`, email: newEmail });
  const forKnown = await signUp(page, { clinic: `Someone Else ${stamp}`, email: known });
  expect(forKnown).toBe(forNew);

  const notice = await latestEmailTo(known, since, 10_000, /Someone tried to create a Junction account/);
  expect(notice.text).toContain("/signin");

  // The new address finishes from its link and lands in its clinic as the owner.
  const mail = await latestEmailTo(newEmail, since, 10_000, /Confirm your email/);
  const link = mail.text.match(/https?:\/\/\S+\/auth\/confirm\?token=[\w-]+/)?.[0];
  expect(link, "the email carries the confirmation link").toBeTruthy();
  await page.goto(new URL(link!).pathname + new URL(link!).search);
  await page.getByRole("button", { name: "Open my clinic" }).click();
  await expect(page).toHaveURL(new RegExp(`/c/northside-${stamp}$`));
  await expect(page.getByTestId("role-badge")).toHaveText("owner");
});

test.describe("in a browser set to UTC", () => {
  test.use({ timezoneId: "UTC" });
  test("the time zone defaults to UTC and says so, not the list's first zone (Africa/Abidjan)", async ({ page }) => {
    await page.goto("/signup");
    await expect(page.getByLabel("Time zone")).toHaveValue("UTC");
    await expect(page.getByLabel("Time zone").locator("option:checked")).toHaveText("UTC");
  });
});

test.describe("in a browser in London", () => {
  test.use({ timezoneId: "Europe/London" });
  test("the time zone defaults to the browser's own", async ({ page }) => {
    await page.goto("/signup");
    await expect(page.getByLabel("Time zone")).toHaveValue("Europe/London");
  });
});

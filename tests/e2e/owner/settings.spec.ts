import { expect, test } from "@playwright/test";
import { clinicHome, latestEmailTo, signInAs } from "@/tests/fixtures/e2e";

test("the owner sees the default hours, is stopped by an impossible interval, and saves a lunch break", async ({
  page,
}) => {
  await signInAs(page, "owner");
  await page.goto(`${clinicHome}/settings/hours`);
  await expect(page.getByLabel("Monday interval 1 opens")).toHaveValue("07:00");
  await expect(page.getByLabel("Friday interval 1 closes")).toHaveValue("19:00");
  await expect(page.getByRole("group", { name: "Saturday" }).getByText("Closed")).toBeVisible();
  await expect(page.getByRole("group", { name: "Sunday" }).getByText("Closed")).toBeVisible();

  await page.getByLabel("Tuesday interval 1 closes").fill("06:00");
  await page.getByRole("button", { name: "Save opening hours" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Tuesday: 07:00–06:00 ends before it starts" })).toBeVisible();

  await page.getByLabel("Tuesday interval 1 closes").fill("12:00");
  await page.getByRole("button", { name: "Add hours on Tuesday" }).click();
  await page.getByLabel("Tuesday interval 2 opens").fill("13:00");
  await page.getByLabel("Tuesday interval 2 closes").fill("19:00");
  await page.getByRole("button", { name: "Save opening hours" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Opening hours saved." })).toBeVisible();

  await page.reload();
  await expect(page.getByLabel("Tuesday interval 1 closes")).toHaveValue("12:00");
  await expect(page.getByLabel("Tuesday interval 2 opens")).toHaveValue("13:00");
});

test("the owner invites a clinician, who signs in from the emailed link; a second invite is refused", async ({
  page,
  browser,
}) => {
  const email = `pt-${Date.now().toString(36)}@example.com`;
  await signInAs(page, "owner");
  await page.goto(`${clinicHome}/settings/team`);
  const since = new Date(Date.now() - 1000);
  await page.getByLabel("Name").fill("Riley Park");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Role", { exact: true }).selectOption("clinician");
  await page.getByRole("button", { name: "Send invite" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Invited ${email} as clinician` })).toBeVisible();
  await expect(page.getByRole("cell", { name: email })).toBeVisible();

  await page.getByLabel("Name").fill("Riley Park");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send invite" }).click();
  await expect(page.getByRole("alert").filter({ hasText: `${email} is already on the team` })).toBeVisible();

  const mail = await latestEmailTo(email, since);
  const link = mail.text.match(/https?:\/\/[^\s]+\/auth\/magic\?token=[\w-]+(&next=[^\s]+)?/)?.[0];
  expect(link, "the invitation carries a sign-in link").toBeTruthy();
  const invitee = await (await browser.newContext()).newPage();
  await invitee.goto(link!);
  await invitee.getByRole("button", { name: "Continue" }).click();
  await expect(invitee).toHaveURL(clinicHome);
  await expect(invitee.getByTestId("role-badge")).toHaveText("clinician");
});

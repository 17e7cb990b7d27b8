import { expect, test } from "@playwright/test";
import { clinicHome, demoUser, latestEmailTo } from "@/tests/fixtures/e2e";

test("a clinician signs in with an emailed link", async ({ page }) => {
  const clinician = demoUser("clinician");
  const asked = new Date(Date.now() - 1000);

  await page.goto("/signin");
  await page.getByLabel("Email").fill(clinician.email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("status").filter({ hasText: "a sign-in link is on its way" })).toBeVisible();

  const email = await latestEmailTo(clinician.email, asked);
  expect(email.subject).toBe("Your Junction sign-in link");
  const link = email.text.match(/https?:\/\/\S+\/auth\/magic\?token=[\w-]+/)?.[0];
  expect(link, `a sign-in link in:\n${email.text}`).toBeTruthy();

  await page.goto(link!);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(clinicHome);
  await expect(page.getByTestId("role-badge")).toHaveText("clinician");
});

test("an emailed link works only once", async ({ page, browser }) => {
  const owner = demoUser("owner");
  const asked = new Date(Date.now() - 1000);
  await page.goto("/signin");
  await page.getByLabel("Email").fill(owner.email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("status").filter({ hasText: "a sign-in link is on its way" })).toBeVisible();
  const link = (await latestEmailTo(owner.email, asked)).text.match(/https?:\/\/\S+\/auth\/magic\?token=[\w-]+/)![0];

  await page.goto(link);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(clinicHome);

  const other = await browser.newPage();
  await other.goto(link);
  await other.getByRole("button", { name: "Continue" }).click();
  await expect(other.getByRole("alert").filter({ hasText: "expired or was already used" })).toBeVisible();
  await other.goto(clinicHome);
  await expect(other).toHaveURL(/\/signin/);
  await other.close();
});

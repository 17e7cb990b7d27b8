import { expect, test } from "@playwright/test";
import { clinicHome, signInAs } from "@/tests/fixtures/e2e";

test("the front desk is refused the team settings with a 403 page", async ({ page }) => {
  await signInAs(page, "front_desk");
  await expect(page.getByRole("link", { name: "Settings", exact: true })).toHaveCount(0);

  const response = await page.goto(`${clinicHome}/settings/team`);
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "Not available for your role" })).toBeVisible();
});

test("the owner opens the team settings", async ({ page }) => {
  await signInAs(page, "owner");
  await page.getByRole("link", { name: "Settings", exact: true }).click();
  await page.getByRole("link", { name: "Team", exact: true }).click();
  await expect(page).toHaveURL(`${clinicHome}/settings/team`);
  await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
});

test("an unknown clinic is a 404", async ({ page }) => {
  await signInAs(page, "owner");
  const response = await page.goto("/c/no-such-clinic");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});

test("the front desk opens a patient for scheduling: details without clinical notes, no programs or outcomes, no Programs page", async ({
  page,
}) => {
  await signInAs(page, "front_desk");
  await expect(page.getByRole("link", { name: "Programs", exact: true })).toHaveCount(0);
  await page.goto(`${clinicHome}/patients`);
  await page.getByRole("link", { name: /Reyes/ }).first().click();
  await expect(page.getByRole("heading", { name: "Jordan Reyes", level: 1 })).toBeVisible();
  await expect(page.getByLabel("Phone")).toBeVisible();
  await expect(page.getByLabel("Notes")).toHaveCount(0);
  await expect(page.getByText("Competitive cyclist")).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Home-exercise programs" })).toHaveCount(0);
  await expect(page.getByTestId("patient-outcomes")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Create patient link" })).toHaveCount(0);

  const response = await page.goto(`${clinicHome}/programs`);
  expect(response?.status()).toBe(403);
});

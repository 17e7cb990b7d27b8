import { expect, test } from "@playwright/test";
import { clinicHome, demoPassword, demoUser, signInAs, type DemoRole } from "@/tests/fixtures/e2e";

const roles: { role: DemoRole; badge: string; greeting: string }[] = [
  { role: "owner", badge: "owner", greeting: "Welcome, Olivia" },
  // "Dr. Marcus Chen, DPT" is greeted by his first name, not his title.
  { role: "clinician", badge: "clinician", greeting: "Welcome, Marcus" },
  { role: "front_desk", badge: "front desk", greeting: "Welcome, Fran" },
];

for (const { role, badge, greeting } of roles) {
  test(`the ${badge} signs in with a password and lands on the clinic home`, async ({ page }) => {
    await page.goto("/signin");
    await page.getByLabel("Email").fill(demoUser(role).email);
    await page.getByLabel("Password").fill(demoPassword);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();

    await expect(page).toHaveURL(clinicHome);
    await expect(page.getByTestId("role-badge")).toHaveText(badge);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(greeting);
  });
}

test("a wrong password shows an error and stays on sign-in", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(demoUser("clinician").email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();

  await expect(
    page.getByRole("alert").filter({ hasText: "That email and password do not match an account." }),
  ).toBeVisible();
  await expect(page).toHaveURL(/\/signin/);
  await page.goto(clinicHome);
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
});

test("a visitor who is not signed in is sent to sign-in, and back to the clinic afterwards", async ({ page }) => {
  await page.goto(clinicHome);
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
  await expect(page.getByRole("heading", { name: "Sign in to Junction" })).toBeVisible();

  await page.getByLabel("Email").fill(demoUser("owner").email);
  await page.getByLabel("Password").fill(demoPassword);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(clinicHome);
});

test("signing out ends the session", async ({ page }) => {
  await signInAs(page, "owner");
  await page.getByRole("button", { name: "Sign out" }).click();

  await expect(page).toHaveURL(/\/signin/);
  await page.goto(clinicHome);
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
});

test("a signed-out visitor who opens a deep link comes back to that page after signing in", async ({ page }) => {
  await page.goto(`${clinicHome}/patients`);
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
  await page.getByLabel("Email").fill(demoUser("front_desk").email);
  await page.getByLabel("Password").fill(demoPassword);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(`${clinicHome}/patients`);
  await expect(page.getByRole("heading", { name: "Patients", level: 1 })).toBeVisible();
});

import { expect, test } from "@playwright/test";
import { signInAs, searchPatients } from "@/tests/fixtures/e2e";

test("the front desk adds a patient, is told what is wrong first, then finds and edits them", async ({ page }) => {
  const last = `Okafor${Date.now().toString(36)}`;
  await signInAs(page, "front_desk");
  await page.getByRole("link", { name: "Patients" }).click();
  await expect(page.getByRole("heading", { name: "Patients", level: 1 })).toBeVisible();
  await page.getByRole("button", { name: "New patient" }).click();

  await page.getByLabel("Last name").fill(last);
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByRole("button", { name: "Create patient" }).click();
  await expect(page.locator("#field-firstName-error")).toHaveText("Enter a first name");
  await expect(page.locator("#field-email-error")).toHaveText("Enter a valid email address");

  await page.getByLabel("First name").fill("Ada");
  await page.getByLabel("Email").fill("ada@example.com");
  await page.getByRole("button", { name: "Create patient" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Patient created." })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Ada ${last}`);

  await page.getByLabel("Phone").fill("(541) 555-0199");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Changes saved." })).toBeVisible();
  await expect(page.getByRole("region", { name: "History" }).getByText(/Updated .* — phone/)).toBeVisible();

  await searchPatients(page, `${last}, ada`);
  await expect(page.getByRole("row")).toHaveCount(2); // header + the one match
  await expect(page.getByRole("link", { name: `${last}, Ada` })).toBeVisible();
  await expect(page.getByRole("cell", { name: "(541) 555-0199" })).toBeVisible();

  await page.getByLabel("Search patients").fill("zzzz-nobody");
  await expect(page.getByRole("heading", { name: "No patients match" })).toBeVisible();
});

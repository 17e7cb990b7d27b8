import { expect, test } from "@playwright/test";
import { createPatientLink, signInAs } from "@/tests/fixtures/e2e";
import { E2E_PUBLIC_URL } from "@/tests/fixtures/e2e-server";

test("a clinician creates a patient link; the patient opens it without a password; an altered link is refused", async ({
  page,
  browser,
}) => {
  await signInAs(page, "clinician");
  const url = await createPatientLink(page, "Reyes, Jordan");
  expect(url).toMatch(/\/p\/[\w-]+\.[\w-]+$/);
  expect(url.startsWith(`${E2E_PUBLIC_URL}/p/`), url).toBe(true);

  const patient = await (await browser.newContext()).newPage();
  await patient.goto(url);
  await expect(patient.getByRole("heading", { level: 1 })).toHaveText("Hi Jordan");
  await expect(patient.getByText("PhysioFIT Bend").first()).toBeVisible();

  await patient.goto(`${url.slice(0, -4)}AAAA`);
  await expect(patient.getByRole("heading", { level: 1 })).toHaveText("This link can't be opened");
  await expect(patient.getByRole("alert").filter({ hasText: "This link is not valid." })).toBeVisible();
});

// Amounts on screen in the clinic's own way of writing them (issue 16): a new clinic set to South
// African English that bills in US dollars sees "US$1 234,56" in the payment form's question, its
// confirmation and the balance, not the browser's or America's "$1,234.56". Its own clinic: changing
// the demo clinic's locale would change what the other journeys read.
import { expect, test } from "@playwright/test";
import { signUpClinic } from "@/tests/fixtures/e2e";

test("a clinic writing South African English and billing in US dollars sees US$1 234,56, its own way", async ({
  page,
}) => {
  test.slow(); // a sign-up through the emailed link, settings, a patient and a payment
  const id = Date.now().toString(36);
  const home = await signUpClinic(page, {
    clinic: `Karoo Physio ${id}`,
    name: "Thandi Mokoena",
    email: `thandi.${id}@example.com`,
    password: "correct-horse-battery",
  });

  await page.goto(`${home}/settings`);
  await page.getByLabel("Dates and times").selectOption("en-ZA");
  await page.getByLabel("Currency").selectOption("USD");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Profile saved." })).toBeVisible();

  await page.goto(`${home}/patients`);
  await page.getByRole("button", { name: "New patient" }).click();
  await page.getByLabel("First name").fill("Sipho");
  await page.getByLabel("Last name").fill(`Dlamini${id}`);
  await page.getByLabel("Email").fill(`sipho.${id}@example.com`);
  await page.getByRole("button", { name: "Create patient" }).click();
  await expect(page.getByRole("heading", { name: `Sipho Dlamini${id}`, level: 1 })).toBeVisible();

  const payments = page.getByTestId("payments-panel");
  await payments.getByRole("button", { name: "Record payment" }).click();
  const form = payments.getByRole("form", { name: "Record payment" });
  await form.getByLabel("Paid by").selectOption({ label: "Cash" });
  await form.getByLabel("Amount (USD)").fill("1234.56");
  await form.getByRole("button", { name: "Continue" }).click();
  // Intl writes the group separator as a no-break space: \s matches it.
  await expect(form.getByText(/^Record US\$1\s234,56 paid by cash\?$/)).toBeVisible();
  await form.getByRole("button", { name: "Yes, record payment" }).click();
  await expect(payments.getByRole("status")).toHaveText(/^Recorded US\$1\s234,56\.$/);
  await expect(payments.getByTestId("payments-balance")).toContainText(/In credit US\$1\s234,56/);
  await expect(payments.getByRole("table", { name: "Payment history" })).toContainText(/US\$1\s234,56/);
});

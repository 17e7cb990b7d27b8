// A clinic takes a deposit at booking on its own Stripe account, with the Stripe test double standing
// in for Stripe (tests/fixtures/stripe-double-server.ts): the owner connects Stripe through hosted
// onboarding, a patient books a type that asks for a deposit, pays on the hosted Checkout page, and
// comes back to a confirmed booking; the price shows in pounds for a London clinic.
import { expect, test } from "@playwright/test";
import pg from "pg";
import { e2eDatabaseUrl, signUpClinic } from "@/tests/fixtures/e2e";
import { E2E_PUBLIC_URL } from "@/tests/fixtures/e2e-server";

test("connect Stripe, then a patient pays a deposit at booking and is booked", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const id = Date.now().toString(36);
  const slug = `deposit-physio-${id}`;
  await signUpClinic(page, {
    clinic: `Deposit Physio ${id}`,
    slug,
    name: "Dee Owner",
    email: `owner-${id}@example.com`,
    password: "correct-horse-battery",
  });

  // Settings → Payments: nothing connected; Connect Stripe goes through Stripe's hosted onboarding.
  await page.goto(`/c/${slug}/settings/payments`);
  await expect(page.getByRole("status").filter({ hasText: "Not connected" })).toBeVisible();
  await page.getByRole("button", { name: "Connect Stripe" }).click();
  await expect(page.getByRole("heading", { name: "Stripe onboarding (test double)" })).toBeVisible();
  await page.getByRole("button", { name: "Finish onboarding" }).click();
  await expect(page).toHaveURL(new RegExp(`/c/${slug}/settings/payments\\?onboarding=return`));
  await expect(page.getByTestId("payments-charges")).toHaveText("Yes");

  // The clinic is in London with a clinician, and its Follow-up asks for a £20 deposit.
  const db = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await db.connect();
  try {
    const { rows } = await db.query<{ id: string }>(
      `UPDATE clinics SET time_zone = 'Europe/London', currency = 'GBP' WHERE slug = $1 RETURNING id`,
      [slug],
    );
    const clinicId = rows[0]!.id;
    const user = await db.query<{ id: string }>(
      `INSERT INTO users (email, name) VALUES ($1, 'Cal Clinician') RETURNING id`,
      [`clinician-${id}@example.com`],
    );
    await db.query(`INSERT INTO memberships (clinic_id, user_id, role) VALUES ($1, $2, 'clinician')`, [
      clinicId,
      user.rows[0]!.id,
    ]);
    await db.query(
      `UPDATE appointment_types SET payment_policy = 'deposit', deposit_minor = 2000, price_minor = 9000
        WHERE clinic_id = $1 AND name = 'Follow-up'`,
      [clinicId],
    );
  } finally {
    await db.end();
  }

  const visitor = await (await browser.newContext({ baseURL: E2E_PUBLIC_URL })).newPage();
  await visitor.goto(`/book/${slug}`);
  await expect(visitor.getByText("£90.00")).toBeVisible();
  await visitor.getByText("Follow-up", { exact: true }).click();
  await visitor.locator(".slot-day").first().getByRole("button").nth(1).click();
  await visitor.getByLabel("First name").fill("Maya");
  await visitor.getByLabel("Last name").fill("Patel");
  await visitor.getByLabel("Email").fill(`maya-${id}@example.com`);
  await visitor.getByLabel("Phone").fill("07700 900123");
  await visitor.getByRole("button", { name: "Book appointment" }).click();
  await expect(visitor.getByRole("heading", { name: "Pay to confirm" })).toBeVisible();
  await visitor.getByRole("link", { name: "Pay the £20.00 deposit" }).click();
  await expect(visitor.getByRole("heading", { name: "Checkout (test double)" })).toBeVisible();
  await visitor.getByRole("button", { name: "Pay" }).click();
  await expect(visitor).toHaveURL(/\/manage\/.+\?payment=done/);
  await expect(visitor.locator(".badge")).toHaveText("booked");
});

// A clinic's subscription from sign-up to cancellation, with the Stripe test double standing in for
// Stripe (tests/fixtures/stripe-double-server.ts, started by playwright.config.ts): trial banner,
// Subscribe through Checkout, a failed payment, then cancellation — the staff app turns read-only
// and the public booking page asks patients to call.
import { expect, test, type Page } from "@playwright/test";
import { signUpClinic } from "@/tests/fixtures/e2e";
import { E2E_PUBLIC_URL, E2E_STRIPE_URL } from "@/tests/fixtures/e2e-server";

/** Stripe reports this about the clinic's subscription, delivered to the webhook and answered 200. */
async function stripeSends(page: Page, clinicName: string, type: string) {
  const response = await page.request.post(`${E2E_STRIPE_URL}/__double/clinic-event`, { data: { clinicName, type } });
  expect(await response.json()).toEqual({ webhookStatus: 200 });
}

test("sign up, trial, subscribe, a failed payment, cancellation: read-only app and paused booking", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const id = Date.now().toString(36);
  const clinicName = `Billing Physio ${id}`;
  const slug = `billing-physio-${id}`;

  // Confirming the sign-up creates the clinic and starts its trial with "Stripe" before signing in.
  await signUpClinic(page, {
    clinic: clinicName,
    slug,
    name: "Bea Owner",
    email: `owner-${id}@example.com`,
    password: "correct-horse-battery",
  });
  await expect(page).toHaveURL(`/c/${slug}`);

  const banner = page.getByTestId("billing-banner");
  await expect(banner).toHaveText(/Free trial: 14 days left/);
  await banner.getByRole("link", { name: "Billing" }).click();
  await expect(page.getByTestId("billing-status")).toHaveText("Free trial");

  await page.getByRole("button", { name: "Subscribe" }).click();
  await expect(page.getByRole("heading", { name: "Checkout (test double)" })).toBeVisible();
  await page.getByRole("button", { name: "Pay and subscribe" }).click();
  await expect(page).toHaveURL(new RegExp(`/c/${slug}/settings/billing\\?checkout=done`));
  await expect(page.getByTestId("billing-status")).toHaveText("Active");
  await expect(banner).toHaveCount(0);

  await stripeSends(page, clinicName, "invoice.payment_failed");
  await page.reload();
  await expect(page.getByTestId("billing-status")).toHaveText("Payment overdue");
  await expect(banner).toHaveText(/The last payment did not go through/);
  // The banner leads straight to Stripe's Customer Portal, its session made on the click.
  await banner.getByRole("button", { name: "Update the card" }).click();
  await expect(page.getByRole("heading", { name: "Customer portal (test double)" })).toBeVisible();
  await page.goto(`/c/${slug}/settings/billing`);

  await stripeSends(page, clinicName, "customer.subscription.deleted");
  await page.goto(`/c/${slug}/settings`);
  await expect(banner).toHaveText(/Junction is read-only/);
  await page.getByLabel("Phone").fill("+1 541 555 0199");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "read-only for now" })).toBeVisible();
  // Reading still works: the team is listed.
  await page.goto(`/c/${slug}/settings/team`);
  await expect(page.getByRole("cell", { name: `owner-${id}@example.com` })).toBeVisible();

  await page.goto(`${E2E_PUBLIC_URL}/book/${slug}`);
  await expect(page.getByText(`${clinicName} is not taking online bookings right now.`)).toBeVisible();
});

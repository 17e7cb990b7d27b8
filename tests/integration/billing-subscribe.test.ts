// Subscribing and seats, against the Stripe test double: Checkout (a double click never makes two
// customers), the portal on demand, seats following the team with proration, and the daily
// reconciliation correcting drift and starting a trial that could not be started at sign-up.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, test, vi } from "vitest";
import { appDb } from "@/db/client";
import { clinicSubscriptions, users } from "@/db/schema";
import { linkCustomer } from "@/server/billing/apply";
import { reconcileBilling } from "@/server/billing/seats";
import { callerFor } from "../fixtures/callers";
import { seedClinic } from "../fixtures/clinic";
import { adminDb } from "../fixtures/db";
import { deliver, subscriptionRow } from "./billing-fixtures";

// Before any app module loads: the app's Stripe SDK talks to the double.
const double = await vi.hoisted(async () => (await import("../fixtures/stripe-double")).startStripeDoubleForApp());

beforeAll(() => () => double.close());

const quiet = () => vi.spyOn(console, "error").mockImplementation(() => {});
const customersOf = (clinicId: string) =>
  [...double.customers.values()].filter((c) => (c.metadata as Record<string, string>).clinic_id === clinicId);

describe("Subscribe", () => {
  test("a double click opens one Checkout for one customer; paying makes the clinic active", async () => {
    const c = await seedClinic();
    // Billing was switched on after this clinic existed: no customer yet.
    await adminDb().delete(clinicSubscriptions).where(eq(clinicSubscriptions.clinicId, c.id));
    const owner = callerFor(c.owner, c.slug);
    const [first, second] = await Promise.all([owner.billing.checkout(), owner.billing.checkout()]);
    expect(second.url).toBe(first.url);
    expect(customersOf(c.id)).toHaveLength(1);
    const session = [...double.sessions.values()].find((s) => s.client_reference_id === c.id)!;
    expect(session).toMatchObject({ mode: "subscription", customer: customersOf(c.id)[0]!.id });

    const completed = double.completeCheckout(String(session.id));
    expect((await deliver(double, double.event("checkout.session.completed", completed))).status).toBe(200);
    expect(await subscriptionRow(c.id)).toMatchObject({ status: "active", plan: "solo", quantity: 1 });
    expect(await owner.billing.summary()).toMatchObject({ status: "active", canSubscribe: false });
  });

  test("two calls linking the clinic's customer at the same moment both get it, never an error", async () => {
    // Both calls of a double click get the same customer id from Stripe (one idempotency key). When
    // their inserts overlapped, one failed on the customer id's unique key (~1 pair in 70 before the
    // fix): many overlapping pairs make that certain to show.
    const c = await seedClinic();
    const errors: unknown[] = [];
    for (let i = 0; i < 600; i++) {
      await adminDb().delete(clinicSubscriptions).where(eq(clinicSubscriptions.clinicId, c.id));
      const customer = `cus_race_${i}`;
      const results = await Promise.allSettled([0, 1].map(() => linkCustomer(appDb(), c.id, customer)));
      for (const r of results) {
        if (r.status === "rejected") errors.push(r.reason);
        else expect(r.value).toBe(customer);
      }
    }
    expect(errors).toEqual([]);
    expect(await subscriptionRow(c.id)).toMatchObject({ stripeCustomerId: "cus_race_599" });
  });

  test("subscribing during the trial replaces the trial: billed once, and late trial events change nothing", async () => {
    const c = await seedClinic();
    const trial = (await subscriptionRow(c.id))!.stripeSubscriptionId!;
    const { url } = await callerFor(c.owner, c.slug).billing.checkout();
    const sessionId = url.split("/").at(-1)!;
    const completed = double.completeCheckout(sessionId);
    expect((await deliver(double, double.event("checkout.session.completed", completed))).status).toBe(200);
    expect(await subscriptionRow(c.id)).toMatchObject({
      status: "active",
      stripeSubscriptionId: completed.subscription,
    });
    expect(double.subscription(trial).status).toBe("canceled");
    // Stripe then tells us about the trial's cancellation, perhaps late and twice.
    const late = double.event("customer.subscription.deleted", double.subscription(trial));
    expect((await deliver(double, late)).status).toBe(200);
    expect(
      (await deliver(double, double.event("customer.subscription.updated", double.subscription(trial)))).status,
    ).toBe(200);
    expect(await subscriptionRow(c.id)).toMatchObject({
      status: "active",
      stripeSubscriptionId: completed.subscription,
    });
  });

  test("a paying clinic is sent to the portal instead, created on demand", async () => {
    const c = await seedClinic();
    const sub = (await subscriptionRow(c.id))!.stripeSubscriptionId!;
    double.setSubscription(sub, { status: "active" });
    await deliver(double, double.event("customer.subscription.updated", double.subscription(sub)));
    const owner = callerFor(c.owner, c.slug);
    await expect(owner.billing.checkout()).rejects.toThrow(/already has a subscription/);
    const portal = await owner.billing.portal();
    expect(portal.url).toContain(customersOf(c.id)[0]!.id);
    expect(double.callsTo("POST", "/v1/billing_portal/sessions").at(-1)!.params).toMatchObject({
      return_url: expect.stringContaining(`/c/${c.slug}/settings/billing`),
    });
  });
});

describe("seats", () => {
  test("follow the team's bookable clinicians, prorated, moving between Solo and Clinic", async () => {
    const c = await seedClinic();
    const owner = callerFor(c.owner, c.slug);
    const sub = (await subscriptionRow(c.id))!.stripeSubscriptionId!;
    await owner.team.invite({ email: "second.pt@example.com", name: "Second PT", role: "clinician" });
    const [invited] = await adminDb()
      .select({ userId: users.id })
      .from(users)
      .where(eq(users.email, "second.pt@example.com"));
    const item = () => double.subscription(sub).items.data[0]!;
    expect(item().quantity).toBe(2);
    expect((item().price as { id: string }).id).toBe(double.env.STRIPE_PRICE_CLINIC);
    const update = double.callsTo("POST", /^\/v1\/subscription_items\//).at(-1)!;
    expect(update.params).toMatchObject({ quantity: "2", proration_behavior: "create_prorations" });
    expect(await subscriptionRow(c.id)).toMatchObject({ quantity: 2, plan: "clinic" });

    await owner.team.changeRole({ userId: c.clinician.id, role: "front_desk" });
    expect(item().quantity).toBe(1);
    await owner.team.remove({ userId: invited!.userId });
    expect(item().quantity).toBe(1); // never below one seat
    expect(await subscriptionRow(c.id)).toMatchObject({ quantity: 1, plan: "solo" });
  });

  test("a failed seat update does not fail the team change; the daily reconciliation corrects the drift", async () => {
    const c = await seedClinic();
    const sub = (await subscriptionRow(c.id))!.stripeSubscriptionId!;
    double.failNext("POST", "/v1/subscription_items/", 10);
    const hush = quiet();
    await callerFor(c.owner, c.slug).team.invite({
      email: "drift.pt@example.com",
      name: "Drift PT",
      role: "clinician",
    });
    hush.mockRestore();
    double.clearFailures();
    expect(double.subscription(sub).items.data[0]!.quantity).toBe(1);

    await reconcileBilling(appDb(), () => {});
    expect(double.subscription(sub).items.data[0]!.quantity).toBe(2);
    expect(await subscriptionRow(c.id)).toMatchObject({ quantity: 2 });
  });
});

describe("sign-up while Stripe is unreachable", () => {
  test("still creates the clinic; the reconciliation starts its trial later", async () => {
    double.failNext("POST", "/v1/customers", 10);
    const hush = quiet();
    const c = await seedClinic();
    hush.mockRestore();
    double.clearFailures();
    expect(await subscriptionRow(c.id)).toBeNull();
    // Meanwhile the clinic works as usual.
    await expect(callerFor(c.frontDesk, c.slug).patients.list({})).resolves.toMatchObject({ total: 2 });

    await reconcileBilling(appDb(), () => {});
    expect(await subscriptionRow(c.id)).toMatchObject({ status: "trialing" });
    expect(customersOf(c.id)).toHaveLength(1);
  });
});

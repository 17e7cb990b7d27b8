// Stripe's webhook deliveries to /api/webhooks/stripe, against the Stripe test double: forged,
// stale, replayed, reordered, duplicated at the same moment, failing then retried. The end state
// always comes from the subscription re-fetched from "Stripe", and nothing is applied twice.
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, test, vi } from "vitest";
import { appDb } from "@/db/client";
import { emailOutbox, messages } from "@/db/schema";
import { withClinic } from "@/server/tenancy";
import { seedClinic, type SeededClinic } from "../fixtures/clinic";
import { adminDb } from "../fixtures/db";
import { deliver, storedEvent, subscriptionRow } from "./billing-fixtures";
import { deliverDue } from "./messages-fixtures";

// Before any app module loads: the app's Stripe SDK talks to the double.
const double = await vi.hoisted(async () => (await import("../fixtures/stripe-double")).startStripeDoubleForApp());

let a: SeededClinic;
let subId: string;

beforeAll(async () => {
  a = await seedClinic();
  subId = (await subscriptionRow(a.id))!.stripeSubscriptionId!;
  return () => double.close();
});

const subEvent = (type: string, id = subId) => double.event(type, double.subscription(id));

describe("a new clinic", () => {
  test("starts a 14-day trial without a card, pausing at the end when no card was added", async () => {
    const row = await subscriptionRow(a.id);
    expect(row).toMatchObject({ status: "trialing", plan: "solo", quantity: 1 });
    const days = (row!.trialEnd!.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(13.9);
    const [create] = double.callsTo("POST", "/v1/subscriptions");
    expect(create!.params).toMatchObject({
      trial_period_days: "14",
      trial_settings: { end_behavior: { missing_payment_method: "pause" } },
    });
    expect(create!.idempotencyKey).toBe(`junction-trial:${a.id}`);
    expect(double.callsTo("POST", "/v1/customers")[0]!.idempotencyKey).toBe(`junction-customer:${a.id}`);
  });
});

describe("deliveries that are refused", () => {
  test("a forged signature answers 400 and changes nothing", async () => {
    double.setSubscription(subId, { status: "canceled" });
    const event = subEvent("customer.subscription.deleted");
    const payload = JSON.stringify(event);
    const forged = double.sign(payload, { secret: "whsec_someone_else" });
    expect((await deliver(double, payload, { signature: forged })).status).toBe(400);
    expect((await deliver(double, payload, { signature: null })).status).toBe(400);
    expect(await storedEvent(event.id)).toBeNull();
    expect((await subscriptionRow(a.id))!.status).toBe("trialing");
    double.setSubscription(subId, { status: "trialing" });
  });

  test("a delivery signed more than five minutes ago answers 400", async () => {
    const event = subEvent("customer.subscription.updated");
    const stale = Math.floor(Date.now() / 1000) - 10 * 60;
    expect((await deliver(double, event, { timestamp: stale })).status).toBe(400);
    expect(await storedEvent(event.id)).toBeNull();
  });

  test("a correctly signed body that is not JSON answers 400", async () => {
    expect((await deliver(double, "{not json")).status).toBe(400);
  });

  test("a 1 MB body answers 413 before anything is parsed", async () => {
    const event = { ...subEvent("customer.subscription.updated"), padding: "x".repeat(1024 * 1024) };
    expect((await deliver(double, event)).status).toBe(413);
    expect(await storedEvent(event.id)).toBeNull();
  });
});

describe("deliveries that are applied", () => {
  test("an event is applied once; its replay is acknowledged and does nothing", async () => {
    double.setSubscription(subId, { status: "active" });
    const event = subEvent("customer.subscription.updated");
    expect(await deliver(double, event)).toMatchObject({ status: 200, body: { received: true } });
    expect((await subscriptionRow(a.id))!.status).toBe("active");
    expect((await storedEvent(event.id))!.processedAt).not.toBeNull();

    double.setSubscription(subId, { status: "past_due" });
    const fetchesBefore = double.callsTo("GET", `/v1/subscriptions/${subId}`).length;
    expect(await deliver(double, event)).toMatchObject({ status: 200, body: { ignored: "already handled" } });
    expect(double.callsTo("GET", `/v1/subscriptions/${subId}`)).toHaveLength(fetchesBefore);
    expect((await subscriptionRow(a.id))!.status).toBe("active");
    double.setSubscription(subId, { status: "trialing" });
  });

  test("state comes from Stripe, not the payload: a late 'updated' after 'deleted' leaves it cancelled", async () => {
    const c = await seedClinic();
    const sub = (await subscriptionRow(c.id))!.stripeSubscriptionId!;
    const staleUpdated = double.event("customer.subscription.updated", {
      ...double.subscription(sub),
      status: "active",
    });
    double.setSubscription(sub, { status: "canceled" });
    expect(
      (await deliver(double, double.event("customer.subscription.deleted", double.subscription(sub)))).status,
    ).toBe(200);
    expect((await deliver(double, staleUpdated)).status).toBe(200);
    expect((await subscriptionRow(c.id))!.status).toBe("canceled");
  });

  test("'updated' before 'created' ends in the subscription's real state, not 'incomplete'", async () => {
    const c = await seedClinic();
    const sub = (await subscriptionRow(c.id))!.stripeSubscriptionId!;
    double.setSubscription(sub, { status: "active" });
    const created = double.event("customer.subscription.created", {
      ...double.subscription(sub),
      status: "incomplete",
    });
    expect(
      (await deliver(double, double.event("customer.subscription.updated", double.subscription(sub)))).status,
    ).toBe(200);
    expect((await deliver(double, created)).status).toBe(200);
    expect((await subscriptionRow(c.id))!.status).toBe("active");
  });

  test("an event for a customer of no clinic is acknowledged and changes nothing", async () => {
    const stranger = double.createSubscription("cus_stranger", undefined, 1, null);
    const event = double.event("customer.subscription.updated", stranger);
    expect(await deliver(double, event)).toMatchObject({ status: 200, body: { ignored: "unknown customer" } });
    expect(await storedEvent(event.id)).not.toBeNull();
  });

  test("an event type we do not handle is acknowledged", async () => {
    const event = double.event("customer.created", { id: "cus_x", object: "customer" });
    expect(await deliver(double, event)).toMatchObject({ status: 200, body: { ignored: "unhandled event type" } });
  });

  test("a failure while processing answers 500 and leaves no trace; Stripe's retry then applies it once", async () => {
    const c = await seedClinic();
    const sub = (await subscriptionRow(c.id))!.stripeSubscriptionId!;
    double.setSubscription(sub, { status: "active" });
    const event = double.event("customer.subscription.updated", double.subscription(sub));
    double.failNext("GET", `/v1/subscriptions/${sub}`, 10);
    const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
    expect((await deliver(double, event)).status).toBe(500);
    quiet.mockRestore();
    expect(await storedEvent(event.id)).toBeNull();
    expect((await subscriptionRow(c.id))!.status).toBe("trialing");
    double.clearFailures();
    expect(await deliver(double, event)).toMatchObject({ status: 200, body: { received: true } });
    expect((await subscriptionRow(c.id))!.status).toBe("active");
    expect(await deliver(double, event)).toMatchObject({ status: 200, body: { ignored: "already handled" } });
  });

  test("two deliveries of one event at the same moment: one applies it, the other is a no-op", async () => {
    const c = await seedClinic();
    const sub = (await subscriptionRow(c.id))!.stripeSubscriptionId!;
    double.setSubscription(sub, { status: "past_due" });
    const invoice = double.invoice(sub);
    const event = double.event("invoice.payment_failed", invoice);
    const answers = await Promise.all([deliver(double, event), deliver(double, event)]);
    expect(answers.map((x) => x.status)).toEqual([200, 200]);
    expect(answers.filter((x) => x.body.ignored === "already handled")).toHaveLength(1);
    const row = (await subscriptionRow(c.id))!;
    expect(row.status).toBe("past_due");
    expect(row.pastDueSince).not.toBeNull();
    // The owner is told once.
    const mails = await adminDb()
      .select()
      .from(messages)
      .where(and(eq(messages.clinicId, c.id), eq(messages.kind, "billing_payment_failed")));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.details).toMatchObject({ toEmail: c.owner.email, amountDue: "4900" });

    // The worker sends it like any other message.
    await deliverDue(new Date());
    const [sent] = await adminDb()
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.clinicId, c.id), eq(emailOutbox.template, "billing-payment-failed")));
    expect(sent).toMatchObject({
      to: c.owner.email,
      subject: `A payment for ${c.name} on Junction did not go through`,
    });
    expect(sent!.text).toContain("$49.00");
    expect(sent!.text).toContain(`/c/${c.slug}/settings/billing`);
  });

  test("trial_will_end queues the owner's 'trial ends soon' email once", async () => {
    const c = await seedClinic();
    const sub = (await subscriptionRow(c.id))!.stripeSubscriptionId!;
    await deliver(double, double.event("customer.subscription.trial_will_end", double.subscription(sub)));
    await deliver(double, double.event("customer.subscription.trial_will_end", double.subscription(sub)));
    const mails = await adminDb()
      .select()
      .from(messages)
      .where(and(eq(messages.clinicId, c.id), eq(messages.kind, "billing_trial_ending")));
    expect(mails.map((m) => m.details?.toEmail)).toEqual([c.owner.email]);
  });
});

describe("the app's database role", () => {
  test("reads its own clinic's subscription but cannot write it, not even for its own clinic", async () => {
    const state = (run: () => Promise<unknown>) =>
      run().then(
        () => null,
        (e: { code?: string; cause?: { code?: string } }) => e.code ?? e.cause?.code ?? "unknown",
      );
    await withClinic(appDb(), a.id, async (tx) => {
      const rows = await tx.execute(sql`SELECT clinic_id FROM clinic_subscriptions`);
      expect(rows.rows).toEqual([{ clinic_id: a.id }]);
    });
    for (const statement of [
      sql`UPDATE clinic_subscriptions SET status = 'active' WHERE clinic_id = ${a.id}`,
      sql`DELETE FROM clinic_subscriptions WHERE clinic_id = ${a.id}`,
      sql`INSERT INTO clinic_subscriptions (clinic_id, stripe_customer_id) VALUES (${a.id}, 'cus_mine')`,
      sql`DELETE FROM stripe_events`,
      sql`UPDATE stripe_events SET type = 'x'`,
    ]) {
      expect(await state(() => withClinic(appDb(), a.id, (tx) => tx.execute(statement)))).toBe("42501");
    }
  });
});

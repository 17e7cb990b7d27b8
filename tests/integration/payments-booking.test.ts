// Paying at booking on the clinic's own Stripe account (Connect, direct charges), against the Stripe
// test double and signed deliveries to the real webhook route: connecting, a deposit paid → booked,
// a deposit abandoned → the slot released by the job, a card saved, out-of-order and replayed events,
// and an event from another clinic's account refused.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test, vi } from "vitest";
import { appDb } from "@/db/client";
import { appointments, appointmentTypes, clinics, messages, patientPaymentMethods, payments } from "@/db/schema";
import { env } from "@/server/env";
import { releaseExpiredHolds } from "@/server/payments/release";
import { runStarts } from "@/server/scheduling/availability";
import { anonymousCaller, callerFor } from "../fixtures/callers";
import { seedClinic, type SeededClinic } from "../fixtures/clinic";
import { adminDb } from "../fixtures/db";
import { deliver } from "./billing-fixtures";

const double = await vi.hoisted(async () => (await import("../fixtures/stripe-double")).startStripeDoubleForApp());

const DAY = 86_400_000;
const MINUTE = 60_000;
let a: SeededClinic;
let b: SeededClinic;
let followUp: string;
let accountA: string;
let accountB: string;

const owner = (c: SeededClinic) => callerFor(c.owner, c.slug).paymentAccount;
const publicApi = () => anonymousCaller(null, "public").booking;

/** The owner connects and finishes Stripe's onboarding; Stripe reports it with account.updated. */
async function connectClinic(c: SeededClinic): Promise<string> {
  const { url } = await owner(c).connect();
  const accountId = url.match(/onboard\/(acct_\w+)/)![1]!;
  double.connect.onboard(accountId);
  const event = double.event("account.updated", double.connect.accounts.get(accountId), { account: accountId });
  expect((await deliver(double, event)).status).toBe(200);
  return accountId;
}

async function setPolicy(c: SeededClinic, typeId: string, policy: Record<string, unknown>) {
  const [t] = await adminDb().select().from(appointmentTypes).where(eq(appointmentTypes.id, typeId));
  await callerFor(c.owner, c.slug).scheduling.updateType({
    id: typeId,
    name: t!.name,
    durationMinutes: t!.durationMinutes,
    bufferMinutes: t!.bufferMinutes,
    priceMinor: t!.priceMinor,
    color: t!.color,
    onlineBookable: t!.onlineBookable,
    active: t!.active,
    ...policy,
  });
}

async function freeSlots(c: SeededClinic, typeId: string) {
  const from = new Date(Date.now() + 2 * DAY);
  const slots = await publicApi().slots({ slug: c.slug, typeId, from, to: new Date(from.getTime() + 10 * DAY) });
  return slots.flatMap((s) => runStarts(s.runs, s.stepMinutes));
}

let bookings = 0;
async function book(c: SeededClinic, typeId: string, startsAt?: Date) {
  bookings++;
  const when = startsAt ?? (await freeSlots(c, typeId))[bookings * 3]!;
  const done = await publicApi().book({
    slug: c.slug,
    typeId,
    clinicianId: c.clinician.id,
    startsAt: when,
    firstName: "Maya",
    lastName: `Patel${bookings}`,
    email: `maya${bookings}@example.com`,
    phone: "07700 900123",
  });
  const sessionId = done.payment?.url.match(/checkout\/(cs_test_\w+)/)?.[1] ?? null;
  return { ...done, startsAt: when, sessionId };
}

const appointment = async (id: string) =>
  (await adminDb().select().from(appointments).where(eq(appointments.id, id)))[0]!;
const ledger = (appointmentId: string) =>
  adminDb().select().from(payments).where(eq(payments.appointmentId, appointmentId));

beforeAll(async () => {
  env.LIMIT_BOOKING_PER_EMAIL_DAY = 1000;
  env.LIMIT_BOOKING_PER_IP_HOUR = 1000;
  env.LIMIT_BOOKING_PER_CLINIC_HOUR = 1000;
  a = await seedClinic();
  b = await seedClinic();
  await adminDb().update(clinics).set({ timeZone: "Europe/London", currency: "GBP" }).where(eq(clinics.id, a.id));
  const rows = await adminDb().select().from(appointmentTypes).where(eq(appointmentTypes.clinicId, a.id));
  followUp = rows.find((t) => t.name === "Follow-up")!.id;
  return () => double.close();
});

describe("connecting a clinic", () => {
  test("until connected nothing is asked at booking, whatever the type's policy", async () => {
    await setPolicy(a, followUp, { paymentPolicy: "deposit", depositMinor: 2000 });
    expect((await owner(a).settings()).account).toBeNull();
    const done = await book(a, followUp);
    expect(done.payment).toBeNull();
    expect((await appointment(done.appointmentId)).status).toBe("booked");
  });

  test("Connect Stripe: an account on the clinic, Stripe-hosted onboarding, then charges enabled", async () => {
    accountA = await connectClinic(a);
    const [create] = double.callsTo("POST", "/v1/accounts");
    expect(create!.params).toMatchObject({
      controller: { stripe_dashboard: { type: "full" }, fees: { payer: "account" } },
    });
    expect(double.callsTo("POST", "/v1/account_links")[0]!.params).toMatchObject({
      account: accountA,
      type: "account_onboarding",
    });
    expect((await owner(a).settings()).account).toMatchObject({
      stripeAccountId: accountA,
      detailsSubmitted: true,
      chargesEnabled: true,
      payoutsEnabled: true,
    });
    // Connecting again (a double click, a second visit) keeps the one account.
    await owner(a).connect();
    expect(double.callsTo("POST", "/v1/accounts")).toHaveLength(1);
    accountB = await connectClinic(b);
  });
});

describe("a deposit at booking", () => {
  test("the slot is held while the patient pays; paying books it, once, with the card kept", async () => {
    const done = await book(a, followUp);
    expect(done.payment).toMatchObject({ purpose: "deposit", amountLabel: "£20.00" });
    const held = await appointment(done.appointmentId);
    expect(held.status).toBe("pending_payment");
    expect(held.holdExpiresAt!.getTime() - Date.now()).toBeGreaterThan(14 * MINUTE);
    // Held: nobody else is offered that time.
    expect((await freeSlots(a, followUp)).map(Number)).not.toContain(done.startsAt.getTime());
    const [session] = double.callsTo("POST", "/v1/checkout/sessions").slice(-1);
    expect(session!.account).toBe(accountA);
    expect(session!.params).toMatchObject({
      mode: "payment",
      line_items: [{ price_data: { currency: "gbp", unit_amount: "2000" } }],
      payment_intent_data: { setup_future_usage: "off_session" },
    });
    // No confirmation email until paid.
    const confirmations = () =>
      adminDb()
        .select()
        .from(messages)
        .where(and(eq(messages.clinicId, a.id), eq(messages.appointmentId, done.appointmentId)));
    expect(await confirmations()).toHaveLength(0);

    const paid = double.connect.pay(done.sessionId!);
    const event = double.event("checkout.session.completed", paid.session, { account: accountA });
    expect((await deliver(double, event)).status).toBe(200);
    expect((await appointment(done.appointmentId)).status).toBe("booked");
    expect(await ledger(done.appointmentId)).toMatchObject([
      { kind: "deposit", amountMinor: 2000, currency: "GBP", status: "succeeded", stripeAccountId: accountA },
    ]);
    const cards = await adminDb().select().from(patientPaymentMethods).where(eq(patientPaymentMethods.clinicId, a.id));
    expect(cards.some((c) => c.last4 === "4242" && c.brand === "visa")).toBe(true);
    expect((await confirmations()).length).toBeGreaterThan(0);

    // A replay, and the PaymentIntent's own event afterwards: nothing more.
    expect((await deliver(double, event)).body).toMatchObject({ ignored: "already handled" });
    const late = double.event("payment_intent.succeeded", paid.intent, { account: accountA });
    expect((await deliver(double, late)).status).toBe(200);
    expect(await ledger(done.appointmentId)).toHaveLength(1);
  });

  test("abandoned: the job releases the slot after 15 minutes and expires the session so it cannot be paid", async () => {
    const done = await book(a, followUp);
    expect(await releaseExpiredHolds(appDb(), new Date(Date.now() + 5 * MINUTE))).toBe(0);
    expect((await appointment(done.appointmentId)).status).toBe("pending_payment");
    expect(await releaseExpiredHolds(appDb(), new Date(Date.now() + 16 * MINUTE))).toBe(1);
    const released = await appointment(done.appointmentId);
    expect(released).toMatchObject({ status: "cancelled", cancelReason: "Payment not completed" });
    expect(released!.holdExpiresAt).not.toBeNull(); // a hold that ran out, never counted as a booking
    expect(double.connect.sessions.get(done.sessionId!)!.status).toBe("expired");
    expect((await freeSlots(a, followUp)).map(Number)).toContain(done.startsAt.getTime());
    expect(await ledger(done.appointmentId)).toHaveLength(0);
  });

  test("paid at the last moment (the webhook not yet arrived): the job books it instead of releasing it", async () => {
    const done = await book(a, followUp);
    double.connect.pay(done.sessionId!);
    expect(await releaseExpiredHolds(appDb(), new Date(Date.now() + 16 * MINUTE))).toBe(0);
    expect((await appointment(done.appointmentId)).status).toBe("booked");
    expect(await ledger(done.appointmentId)).toHaveLength(1);
  });
});

describe("events out of order", () => {
  test("payment_intent.succeeded before checkout.session.completed books it; a stale failure after changes nothing", async () => {
    const done = await book(a, followUp);
    const failed = double.connect.failAttempt(done.sessionId!);
    const failure = double.event("payment_intent.payment_failed", failed, { account: accountA });
    expect((await deliver(double, failure)).status).toBe(200);
    expect((await appointment(done.appointmentId)).status).toBe("pending_payment");

    const paid = double.connect.pay(done.sessionId!);
    const succeeded = double.event("payment_intent.succeeded", paid.intent, { account: accountA });
    expect((await deliver(double, succeeded)).status).toBe(200);
    expect((await appointment(done.appointmentId)).status).toBe("booked");
    // The failure delivered again (a Stripe retry, a new event id) and the completion arriving last.
    const staleFailure = double.event("payment_intent.payment_failed", failed, { account: accountA });
    await deliver(double, staleFailure);
    await deliver(double, double.event("checkout.session.completed", paid.session, { account: accountA }));
    expect((await appointment(done.appointmentId)).status).toBe("booked");
    expect(await ledger(done.appointmentId)).toMatchObject([{ kind: "deposit", status: "succeeded" }]);
  });

  test("an account.updated older than what Stripe says now cannot switch charges off", async () => {
    const stale = double.event(
      "account.updated",
      { ...double.connect.accounts.get(accountA), charges_enabled: false },
      {
        account: accountA,
      },
    );
    expect((await deliver(double, stale)).status).toBe(200);
    expect((await owner(a).settings()).account!.chargesEnabled).toBe(true);
  });
});

describe("another clinic's account", () => {
  test("an event from clinic B's account about clinic A's checkout is refused and changes nothing", async () => {
    const done = await book(a, followUp);
    const paid = double.connect.pay(done.sessionId!);
    const forged = double.event("checkout.session.completed", paid.session, { account: accountB });
    expect((await deliver(double, forged)).body).toMatchObject({ ignored: "not this account's checkout" });
    expect((await appointment(done.appointmentId)).status).toBe("pending_payment");
    expect(await ledger(done.appointmentId)).toHaveLength(0);
    const unknown = double.event("checkout.session.completed", paid.session, { account: "acct_nobody" });
    expect((await deliver(double, unknown)).body).toMatchObject({ ignored: "unknown account" });
  });
});

describe("card on file and first visits", () => {
  test("a card-on-file type saves the card (setup mode) and books without charging", async () => {
    await setPolicy(a, followUp, { paymentPolicy: "card_on_file", depositMinor: null, firstVisitPolicy: null });
    const done = await book(a, followUp);
    expect(done.payment).toMatchObject({ purpose: "card_on_file", amountLabel: null });
    const [session] = double.callsTo("POST", "/v1/checkout/sessions").slice(-1);
    expect(session!.params).toMatchObject({ mode: "setup", currency: "gbp" });
    const saved = double.connect.pay(done.sessionId!, { last4: "3155" });
    await deliver(double, double.event("setup_intent.succeeded", saved.intent, { account: accountA }));
    expect((await appointment(done.appointmentId)).status).toBe("booked");
    expect(await ledger(done.appointmentId)).toHaveLength(0);
    const cards = await adminDb().select().from(patientPaymentMethods).where(eq(patientPaymentMethods.last4, "3155"));
    expect(cards).toHaveLength(1);
  });

  test("online bookings follow the first-visit policy when the type has one: full prepayment of the price", async () => {
    await setPolicy(a, followUp, { paymentPolicy: "none", firstVisitPolicy: "prepay" });
    const [t] = await adminDb().select().from(appointmentTypes).where(eq(appointmentTypes.id, followUp));
    const done = await book(a, followUp);
    expect(done.payment).toMatchObject({ purpose: "prepayment" });
    expect(done.payment!.amountLabel).toBe(
      new Intl.NumberFormat("en-GB", { style: "currency", currency: "GBP" }).format(t!.priceMinor / 100),
    );
  });

  test("disconnecting stops asking: booking works as before", async () => {
    await owner(a).disconnect();
    const done = await book(a, followUp);
    expect(done.payment).toBeNull();
    expect((await appointment(done.appointmentId)).status).toBe("booked");
  });
});

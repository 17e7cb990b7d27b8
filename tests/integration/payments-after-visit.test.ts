// After the visit, against the Stripe test double: completing a visit charges its price; the front
// desk charges a no-show fee to the card on file once however many clicks; a declined card says why
// in plain words; refunds (partial, full, never more than was paid); payment links paid through
// Checkout; webhooks replayed and out of order; bad input answered in words with nothing written.
import { and, eq, sql } from "drizzle-orm";
import { emailOutbox } from "@/db/schema";
import { beforeAll, describe, expect, test, vi } from "vitest";
import { callerFor, refusal, shownMessage } from "../fixtures/callers";
import { seedClinic, type SeededClinic } from "../fixtures/clinic";
import { adminDb } from "../fixtures/db";
import { deliverDue } from "./messages-fixtures";
import {
  appointment,
  connectClinic,
  deliverConnect,
  ledger,
  receipts,
  removeCard,
  saveCard,
  setFees,
} from "./payments-fixtures";

const double = await vi.hoisted(async () => (await import("../fixtures/stripe-double")).startStripeDoubleForApp());

let a: SeededClinic;
let account: string;
const desk = () => callerFor(a.frontDesk, a.slug);
const key = () => crypto.randomUUID();
const balance = async (patientId: string) => (await desk().charges.patient({ patientId })).balanceMinor;

beforeAll(async () => {
  a = await seedClinic();
  account = await connectClinic(a);
  return () => double.close();
});

async function newPatient() {
  return callerFor(a.owner, a.slug).patients.create({
    firstName: "Noor",
    lastName: `Haddad ${Math.floor(Math.random() * 1e6)}`,
    email: `noor.${Math.floor(Math.random() * 1e9)}@example.com`,
  });
}

describe("completing a visit", () => {
  test("writes one charge line at the type's price; the front desk may change it with a reason", async () => {
    const p = await newPatient();
    const visit = await appointment(a, p.id, -2, 1); // Initial evaluation, 180.00
    await desk().scheduling.setStatus({ id: visit.id, status: "completed" });
    expect(await balance(p.id)).toBe(18000);
    // Undo and complete again: still one charge.
    await desk().scheduling.setStatus({ id: visit.id, status: "checked_in" });
    expect(await balance(p.id)).toBe(0);
    await desk().scheduling.setStatus({ id: visit.id, status: "completed" });
    const charges = await ledger(a, sql`appointment_id = ${visit.id} AND kind = 'visit_charge'`);
    expect(charges).toHaveLength(1);
    expect(await balance(p.id)).toBe(18000);

    const edited = await desk().charges.editCharge({ id: charges[0]!.id, amountMinor: 15000, reason: "Sliding scale" });
    expect(edited.amountMinor).toBe(15000);
    expect(await balance(p.id)).toBe(15000);
    const audit = await adminDb().execute<{ details: Record<string, unknown> }>(
      sql`SELECT details FROM audit_log WHERE clinic_id = ${a.id} AND action = 'payment.editCharge'`,
    );
    expect(audit.rows[0]!.details).toMatchObject({ from: 18000, to: 15000, reason: "Sliding scale" });
  });
});

describe("a no-show fee on the card on file", () => {
  test("a double click charges the card once", async () => {
    await setFees(a, { noShow: 5000 });
    const p = await newPatient();
    const card = await saveCard(a, p.id, account);
    const visit = await appointment(a, p.id, -3);
    await desk().scheduling.setStatus({ id: visit.id, status: "no_show" });
    // Never automatic unless the clinic says so.
    expect(await ledger(a, sql`appointment_id = ${visit.id}`)).toHaveLength(0);
    const quote = await desk().charges.feeQuote({ appointmentId: visit.id });
    expect(quote).toMatchObject({ applies: true, amountLabel: "$50.00", label: "No-show fee" });

    const before = double.callsTo("POST", "/v1/payment_intents").length;
    const [one, two] = await Promise.all([
      desk().charges.chargeFee({ appointmentId: visit.id, cardId: card }),
      desk().charges.chargeFee({ appointmentId: visit.id, cardId: card }),
    ]);
    const intents = double.callsTo("POST", "/v1/payment_intents").slice(before);
    expect(intents).toHaveLength(1);
    expect(intents[0]!.account).toBe(account);
    expect(intents[0]!.params).toMatchObject({ amount: "5000", currency: "usd", off_session: "true", confirm: "true" });
    expect([one.repeated, two.repeated].sort()).toEqual([false, true]);
    expect(one.payment.id).toBe(two.payment.id);
    expect(one.payment.status).toBe("succeeded");

    // A third click later: still the same charge.
    const three = await desk().charges.chargeFee({ appointmentId: visit.id, cardId: card });
    expect(three.repeated).toBe(true);
    expect(double.callsTo("POST", "/v1/payment_intents").slice(before)).toHaveLength(1);
    const rows = await ledger(a, sql`appointment_id = ${visit.id}`);
    expect(rows.map((r) => `${r.kind}:${r.status}:${r.amount_minor}`).sort()).toEqual([
      "fee:succeeded:5000",
      "payment:succeeded:5000",
    ]);
    expect(await balance(p.id)).toBe(0);
    expect((await receipts(a)).filter((m) => m.details.paymentId === one.payment.id)).toHaveLength(1);
  });

  test("a declined card says why in plain words; the fee stays owed and a new card can pay it", async () => {
    await setFees(a, { noShow: 4000 });
    const p = await newPatient();
    const declining = await saveCard(a, p.id, account, "pm_card_chargeDeclinedInsufficientFunds");
    const visit = await appointment(a, p.id, -5);
    await desk().scheduling.setStatus({ id: visit.id, status: "no_show" });
    const tried = await desk().charges.chargeFee({ appointmentId: visit.id, cardId: declining });
    expect(tried.declined).toMatch(/declined for insufficient funds/);
    expect(tried.payment.status).toBe("failed");
    expect(await balance(p.id)).toBe(4000);
    const history = (await desk().charges.patient({ patientId: p.id })).history;
    expect(history.find((h) => h.kind === "payment")).toMatchObject({ status: "failed" });

    await removeCard(a, declining);
    const err = await refusal(desk().charges.chargeFee({ appointmentId: visit.id, cardId: declining }));
    expect(shownMessage(err)).toMatch(/has no card on file/);
    const good = await saveCard(a, p.id, account);
    const paid = await desk().charges.chargeFee({ appointmentId: visit.id, cardId: good });
    expect(paid).toMatchObject({ declined: null, repeated: false });
    expect(paid.payment.status).toBe("succeeded");
    expect(await balance(p.id)).toBe(0);
  });

  test("charged automatically on marking only when the clinic's setting says so", async () => {
    await setFees(a, { noShow: 2500, auto: true });
    const p = await newPatient();
    await saveCard(a, p.id, account);
    const visit = await appointment(a, p.id, -6);
    await desk().scheduling.setStatus({ id: visit.id, status: "no_show" });
    const rows = await ledger(a, sql`appointment_id = ${visit.id}`);
    expect(rows.map((r) => `${r.kind}:${r.status}`).sort()).toEqual(["fee:succeeded", "payment:succeeded"]);
    await setFees(a, {});
  });

  test("a late cancellation by the patient carries the fee; the clinic's own cancellation does not", async () => {
    await setFees(a, { lateCancel: 3000 });
    const p = await newPatient();
    const card = await saveCard(a, p.id, account);
    const late = await appointment(a, p.id, 3);
    await desk().scheduling.cancel({ id: late.id, reason: "Patient called, feeling unwell" });
    expect(await desk().charges.feeQuote({ appointmentId: late.id })).toMatchObject({
      applies: true,
      amountLabel: "$30.00",
    });
    const byClinic = await appointment(a, p.id, 5);
    await desk().scheduling.cancel({ id: byClinic.id, reason: "Clinician ill", byClinic: true });
    const quote = await desk().charges.feeQuote({ appointmentId: byClinic.id });
    expect(quote).toMatchObject({
      applies: false,
      reason: "The clinic cancelled this appointment, so no fee applies.",
    });
    const err = await refusal(desk().charges.chargeFee({ appointmentId: byClinic.id, cardId: card }));
    expect(shownMessage(err)).toMatch(/clinic cancelled/);
    const early = await appointment(a, p.id, 24 * 5);
    await desk().scheduling.cancel({ id: early.id, reason: "Holiday" });
    expect(await desk().charges.feeQuote({ appointmentId: early.id })).toMatchObject({ applies: false });
    await setFees(a, {});
  });
});

describe("refunds", () => {
  test("partial then full, with a reason; never more than was paid; a receipt for each", async () => {
    const p = await newPatient();
    const card = await saveCard(a, p.id, account);
    const paid = await desk().charges.record({
      patientId: p.id,
      method: "card_on_file",
      amountMinor: 10000,
      key: key(),
      cardId: card,
    });
    expect(paid.payment.status).toBe("succeeded");
    expect(await balance(p.id)).toBe(-10000);
    const partial = await desk().charges.refund({
      paymentId: paid.payment.id,
      amountMinor: 4000,
      reason: "Shortened session",
      key: key(),
    });
    expect(partial.refund.status).toBe("succeeded");
    const refundCall = double.callsTo("POST", "/v1/refunds").at(-1)!;
    expect(refundCall).toMatchObject({
      account,
      params: { amount: "4000", payment_intent: paid.payment.stripePaymentIntentId },
    });
    const tooMuch = await refusal(
      desk().charges.refund({ paymentId: paid.payment.id, amountMinor: 6001, reason: "x", key: key() }),
    );
    expect(shownMessage(tooMuch)).toBe("Only $60.00 of this payment is left to refund.");
    const k = key();
    const [r1, r2] = await Promise.all([
      desk().charges.refund({ paymentId: paid.payment.id, reason: "Moving away", key: k }),
      desk().charges.refund({ paymentId: paid.payment.id, reason: "Moving away", key: k }),
    ]);
    expect(r1.refund.id).toBe(r2.refund.id);
    expect(r1.refund.amountMinor).toBe(6000);
    expect(await balance(p.id)).toBe(0);
    const again = await refusal(desk().charges.refund({ paymentId: paid.payment.id, reason: "x", key: key() }));
    expect(shownMessage(again)).toBe("That payment is already fully refunded.");
    const mine = (await receipts(a)).filter(
      (m) =>
        m.kind === "payment_receipt" &&
        [paid.payment.id, partial.refund.id, r1.refund.id].includes(m.details.paymentId!),
    );
    expect(mine.map((m) => m.details.kind)).toEqual(["payment", "refund", "refund"]);
  });

  test("receipts and payment links reach the patient's inbox through the messages worker", async () => {
    const p = await newPatient();
    const paid = await desk().charges.record({ patientId: p.id, method: "cash", amountMinor: 4550, key: key() });
    await desk().charges.refund({ paymentId: paid.payment.id, amountMinor: 550, reason: "Rounding", key: key() });
    await deliverDue(new Date(Date.now() + 60_000));
    const mail = await adminDb()
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.clinicId, a.id), eq(emailOutbox.to, p.email!)))
      .orderBy(emailOutbox.createdAt);
    expect(mail.map((m) => m.subject)).toEqual([`Receipt for $45.50 at ${a.name}`, `Refund of $5.50 from ${a.name}`]);
    expect(mail[0]!.text).toMatch(/received \$45\.50 by cash/);
    expect(mail[1]!.text).toMatch(/Your balance with[\s\S]*\$40\.00 in credit/);
  });

  test("a cash payment is refunded as cash, without Stripe", async () => {
    const p = await newPatient();
    const before = double.callsTo("POST", "/v1/refunds").length;
    const cash = await desk().charges.record({ patientId: p.id, method: "cash", amountMinor: 2000, key: key() });
    await desk().charges.refund({ paymentId: cash.payment.id, reason: "Overpaid", key: key() });
    expect(double.callsTo("POST", "/v1/refunds")).toHaveLength(before);
    expect(await balance(p.id)).toBe(0);
  });

  test("the clinic cancelling refunds the deposit", async () => {
    const p = await newPatient();
    const visit = await appointment(a, p.id, 48);
    const pi = double.payments.paidIntent(5000, "usd", account);
    await adminDb().execute(sql`
      INSERT INTO payments (clinic_id, patient_id, appointment_id, kind, amount_minor, currency, status, method,
                            stripe_account_id, stripe_payment_intent_id, idempotency_key, settled_at)
      VALUES (${a.id}, ${p.id}, ${visit.id}, 'deposit', 5000, 'USD', 'succeeded', 'card_online', ${account}, ${pi.id},
              ${`test-deposit:${visit.id}`}, now())`);
    expect(await balance(p.id)).toBe(-5000);
    await desk().scheduling.cancel({ id: visit.id, reason: "Clinic closed for a storm", byClinic: true });
    const refunds = await ledger(a, sql`appointment_id = ${visit.id} AND kind = 'refund'`);
    expect(refunds).toMatchObject([{ status: "succeeded", amount_minor: 5000 }]);
    expect(await balance(p.id)).toBe(0);
  });
});

describe("payment links and webhooks", () => {
  test("a link paid through Checkout is written once, whatever the order and number of deliveries", async () => {
    const p = await newPatient();
    await desk().charges.record({ patientId: p.id, method: "cash", amountMinor: 1, key: key() }); // a little credit
    const visit = await appointment(a, p.id, -30, 0);
    await desk().scheduling.setStatus({ id: visit.id, status: "completed" }); // 130.00 owed, 0.01 paid
    const sent = await desk().charges.sendLink({ patientId: p.id, key: key() });
    expect(sent.amountLabel).toBe("$129.99");
    const link = (await receipts(a)).filter((m) => m.kind === "payment_link").at(-1)!;
    expect(link.details.url).toMatch(/\/checkout\/cs_test_/);
    const sessionId = link.details.url!.split("/").at(-1)!;
    const session = double.connect.sessions.get(sessionId)!; // a Checkout session on the connected account
    expect(double.callsTo("POST", "/v1/checkout/sessions").at(-1)!.account).toBe(account);

    const pi = double.payments.paidIntent(12999, "usd", account, session.metadata as Record<string, unknown>);
    const completed = { ...session, status: "complete", payment_status: "paid", payment_intent: pi.id };
    // Out of order: the intent's success first (not ours yet: acknowledged), then the session twice.
    expect((await deliverConnect(double, account, "payment_intent.succeeded", pi)).status).toBe(200);
    const eventId = `evt_link_${sessionId}`;
    expect(await deliverConnect(double, account, "checkout.session.completed", completed, eventId)).toMatchObject({
      status: 200,
      body: { received: true },
    });
    expect(await deliverConnect(double, account, "checkout.session.completed", completed, eventId)).toMatchObject({
      body: { ignored: "already handled" },
    });
    // A different event about the same session (Stripe may send it again under a new id): still one payment.
    expect((await deliverConnect(double, account, "checkout.session.completed", completed)).status).toBe(200);
    const payments = await ledger(a, sql`patient_id = ${p.id} AND method = 'card_online'`);
    expect(payments).toMatchObject([{ kind: "payment", status: "succeeded", amount_minor: 12999 }]);
    expect(await balance(p.id)).toBe(0);
  });

  test("a late payment_failed never undoes a success; charge.refunded writes a Stripe-made refund once", async () => {
    const p = await newPatient();
    const card = await saveCard(a, p.id, account);
    const paid = await desk().charges.record({
      patientId: p.id,
      method: "card_on_file",
      amountMinor: 7000,
      key: key(),
      cardId: card,
    });
    const pi = double.payments.paymentIntents.get(paid.payment.stripePaymentIntentId!)!;
    const staleFailure = { ...pi, status: "requires_payment_method" };
    expect((await deliverConnect(double, account, "payment_intent.payment_failed", staleFailure)).status).toBe(200);
    expect((await ledger(a, sql`id = ${paid.payment.id}`))[0]!.status).toBe("succeeded");

    // Refunded from Stripe's dashboard: Stripe reports charge.refunded (twice, as it may).
    const refund = double.payments.route("POST", "/v1/refunds", { payment_intent: pi.id, amount: "2500" }, account)!;
    expect(refund.status).toBe(200);
    const charge = { id: pi.latest_charge, object: "charge", payment_intent: pi.id, refunded: false };
    expect((await deliverConnect(double, account, "charge.refunded", charge)).status).toBe(200);
    expect((await deliverConnect(double, account, "charge.refunded", charge)).status).toBe(200);
    const refunds = await ledger(a, sql`patient_id = ${p.id} AND kind = 'refund'`);
    expect(refunds).toMatchObject([{ status: "succeeded", amount_minor: 2500, reason: "Refunded in Stripe" }]);
    expect(await balance(p.id)).toBe(-4500);
  });

  test("an event about an account of no clinic is acknowledged and changes nothing", async () => {
    const pi = double.payments.paidIntent(100, "usd", "acct_nobody");
    expect(await deliverConnect(double, "acct_nobody", "payment_intent.succeeded", pi)).toMatchObject({
      status: 200,
      body: { ignored: "unknown account" },
    });
  });
});

describe("bad input and faults", () => {
  test("amounts, currency, removed cards, cancelled appointments and missing accounts are answered in words", async () => {
    const p = await newPatient();
    const card = await saveCard(a, p.id, account);
    const pay = (extra: Record<string, unknown>) =>
      refusal(desk().charges.record({ patientId: p.id, method: "cash", amountMinor: 1000, key: key(), ...extra }));
    expect(shownMessage(await pay({ amountMinor: 0 }))).toBe("Enter an amount greater than zero.");
    expect(shownMessage(await pay({ amountMinor: -500 }))).toBe("Enter an amount greater than zero.");
    expect(shownMessage(await pay({ amountMinor: 10_000_001 }))).toMatch(/larger than one payment can be/);
    expect(shownMessage(await pay({ currency: "EUR" }))).toBe(
      "This clinic takes payments in USD, not EUR. Reload the page and try again.",
    );
    expect(shownMessage(await pay({ method: "other" }))).toMatch(/Say who paid/);
    await removeCard(a, card);
    const other = await saveCard(a, p.id, account);
    expect(shownMessage(await pay({ method: "card_on_file", cardId: card }))).toBe(
      "That card was removed from the patient's file. Reload to see the card on file now.",
    );
    const cancelled = await appointment(a, p.id, 30);
    await desk().scheduling.cancel({ id: cancelled.id, reason: "Patient moved" });
    expect(shownMessage(await pay({ appointmentId: cancelled.id, method: "card_on_file", cardId: other }))).toMatch(
      /was cancelled, so it takes no payment/,
    );
    expect(await ledger(a, sql`patient_id = ${p.id}`)).toHaveLength(0);

    const b = await seedClinic();
    const q = await callerFor(b.owner, b.slug).patients.create({ firstName: "Ada", lastName: "Off" });
    const off = await refusal(
      callerFor(b.frontDesk, b.slug).charges.record({
        patientId: q.id,
        method: "card_on_file",
        amountMinor: 100,
        key: key(),
      }),
    );
    expect(shownMessage(off)).toMatch(/Card payments are not set up/);
  });

  test("Stripe down: nothing is kept and the same click can be retried without charging twice", async () => {
    const p = await newPatient();
    const card = await saveCard(a, p.id, account);
    const k = key();
    double.failNext("POST", "/v1/payment_intents", 10);
    const err = await refusal(
      desk().charges.record({ patientId: p.id, method: "card_on_file", amountMinor: 900, key: k, cardId: card }),
    );
    expect(shownMessage(err)).toMatch(/Stripe did not answer/);
    double.clearFailures();
    expect(await ledger(a, sql`patient_id = ${p.id}`)).toHaveLength(0);
    const ok = await desk().charges.record({
      patientId: p.id,
      method: "card_on_file",
      amountMinor: 900,
      key: k,
      cardId: card,
    });
    expect(ok.payment.status).toBe("succeeded");
    expect(await balance(p.id)).toBe(-900);
  });
});

describe("who may move money", () => {
  test("a clinician sees the balance but is refused every money action with FORBIDDEN, and nothing is written", async () => {
    await setFees(a, { noShow: 5000 });
    const p = await newPatient();
    const card = await saveCard(a, p.id, account);
    const missed = await appointment(a, p.id, -700);
    await desk().scheduling.setStatus({ id: missed.id, status: "no_show" });
    const visit = await appointment(a, p.id, -697, 1);
    await desk().scheduling.setStatus({ id: visit.id, status: "completed" });
    const paid = await desk().charges.record({ patientId: p.id, method: "cash", amountMinor: 3000, key: key() });
    const [charge] = await ledger(a, sql`appointment_id = ${visit.id} AND kind = 'visit_charge'`);

    const clinician = callerFor(a.clinician, a.slug);
    const seen = await clinician.charges.patient({ patientId: p.id });
    expect(seen).toMatchObject({ balanceMinor: 15000, canMoveMoney: false });
    expect((await desk().charges.patient({ patientId: p.id })).canMoveMoney).toBe(true);
    const before = await ledger(a, sql`patient_id = ${p.id}`);
    const attempts = [
      () => clinician.charges.refund({ paymentId: paid.payment.id, reason: "Asked nicely", key: key() }),
      () => clinician.charges.chargeFee({ appointmentId: missed.id, cardId: card }),
      () => clinician.charges.record({ patientId: p.id, method: "cash", amountMinor: 100, key: key() }),
      () => clinician.charges.sendLink({ patientId: p.id, key: key() }),
      () => clinician.charges.editCharge({ id: charge!.id, amountMinor: 1, reason: "Friend" }),
    ];
    for (const attempt of attempts) {
      const error = await refusal(attempt());
      expect(error.code).toBe("FORBIDDEN");
    }
    expect(await ledger(a, sql`patient_id = ${p.id}`)).toEqual(before);
  });
});

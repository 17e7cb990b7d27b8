// The payment policy at the front desk ("At booking (public page and front desk)"), against the Stripe
// test double: when a connected clinic's type asks for a deposit (or a card, for a first visit), a plain
// booking is refused with the amount; staff book and email a payment link, or book without payment and
// say why. A link that cannot be sent leaves nothing booked; a patient who has attended is not asked.
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, test, vi } from "vitest";
import { appointments, appointmentTypes } from "@/db/schema";
import type { DomainError } from "@/server/errors";
import { runStarts } from "@/server/scheduling/availability";
import { anonymousCaller, callerFor, refusal, shownMessage } from "../fixtures/callers";
import { seedClinic, type SeededClinic } from "../fixtures/clinic";
import { adminDb } from "../fixtures/db";
import { appointment, connectClinic, deliverConnect, ledger, receipts } from "./payments-fixtures";

const double = await vi.hoisted(async () => (await import("../fixtures/stripe-double")).startStripeDoubleForApp());

const DAY = 86_400_000;
let a: SeededClinic;
let account: string;
let followUp: typeof appointmentTypes.$inferSelect;
let slots: Date[] = [];
const desk = () => callerFor(a.frontDesk, a.slug);

async function newPatient(email: string | null = `pat.${Math.floor(Math.random() * 1e9)}@example.com`) {
  return callerFor(a.owner, a.slug).patients.create({
    firstName: "Noor",
    lastName: `Haddad ${Math.floor(Math.random() * 1e6)}`,
    ...(email ? { email } : {}),
  });
}

const bookingFor = (patientId: string) => ({
  clinicianId: a.clinician.id,
  patientId,
  typeId: followUp.id,
  startsAt: slots.shift()!,
});
/** The clinic-zone weekday of an instant, as the series form names it. */
const weekdayOf = (at: Date) =>
  (["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const)[
    new Date(at.toLocaleString("en-US", { timeZone: a.timeZone })).getDay()
  ]!;
const appointmentsOf = (patientId: string) =>
  adminDb()
    .select()
    .from(appointments)
    .where(and(eq(appointments.clinicId, a.id), eq(appointments.patientId, patientId)));

beforeAll(async () => {
  a = await seedClinic();
  const types = await adminDb().select().from(appointmentTypes).where(eq(appointmentTypes.clinicId, a.id));
  followUp = types.find((t) => t.name === "Follow-up")!;
  const from = new Date(Date.now() + 2 * DAY);
  const open = await anonymousCaller(null, "public").booking.slots({
    slug: a.slug,
    typeId: followUp.id,
    from,
    to: new Date(from.getTime() + 10 * DAY),
  });
  // Every other start, so neighbours never overlap.
  slots = open.flatMap((s) => runStarts(s.runs, s.stepMinutes)).filter((_, i) => i % 4 === 0);
  return () => double.close();
});

describe("a type that asks for a deposit", () => {
  test("until the clinic takes card payments, the front desk books as before", async () => {
    await adminDb()
      .update(appointmentTypes)
      .set({ paymentPolicy: "deposit", depositMinor: 2000 })
      .where(eq(appointmentTypes.id, followUp.id));
    const p = await newPatient();
    const booked = await desk().scheduling.book(bookingFor(p.id));
    expect(booked).toMatchObject({ status: "booked", payment: null });
    account = await connectClinic(a);
  });

  test("a plain booking is refused with the amount, and nothing is booked", async () => {
    const p = await newPatient();
    const error = await refusal(desk().scheduling.book(bookingFor(p.id)));
    expect(shownMessage(error)).toBe(
      "This booking asks for a $20.00 deposit at booking. Book and email a payment link, or book without payment and say why.",
    );
    expect((error.cause as DomainError).details).toMatchObject({ purpose: "deposit", amountMinor: 2000 });
    expect(await appointmentsOf(p.id)).toHaveLength(0);
  });

  test("book and email a payment link: booked, and the patient is emailed a link for the deposit", async () => {
    const p = await newPatient();
    const booked = await desk().scheduling.book({
      ...bookingFor(p.id),
      payment: { action: "link", key: crypto.randomUUID() },
    });
    expect(booked).toMatchObject({
      status: "booked",
      payment: { action: "link", label: "a $20.00 deposit", to: p.email },
    });
    const link = (await receipts(a)).filter((m) => m.kind === "payment_link").at(-1)!;
    expect(link.details.url).toMatch(/\/checkout\/cs_test_/);
    const created = double.callsTo("POST", "/v1/checkout/sessions").at(-1)!;
    expect(created.account).toBe(account);
    expect(created.params).toMatchObject({ line_items: [{ price_data: { unit_amount: "2000" } }] });
  });

  test("a deposit link paid in Checkout is that appointment's deposit; the link has its own metadata", async () => {
    const p = await newPatient();
    const booked = await desk().scheduling.book({
      ...bookingFor(p.id),
      payment: { action: "link", key: crypto.randomUUID() },
    });
    const created = double.callsTo("POST", "/v1/checkout/sessions").at(-1)!;
    const metadata = created.params.metadata as Record<string, string>;
    expect(metadata).toMatchObject({ junction_clinic_id: a.id, junction_link_for: "deposit", purpose: "balance" });
    expect(metadata.junction_link_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(metadata).not.toHaveProperty("junction_checkout_id");
    expect(metadata).not.toHaveProperty("junction_appointment_id");

    const link = (await receipts(a)).filter((m) => m.kind === "payment_link").at(-1)!;
    const session = double.connect.sessions.get(link.details.url!.split("/").at(-1)!)!;
    const pi = double.payments.paidIntent(2000, "usd", account, session.metadata as Record<string, unknown>);
    const completed = { ...session, status: "complete", payment_status: "paid", payment_intent: pi.id };
    expect((await deliverConnect(double, account, "checkout.session.completed", completed)).status).toBe(200);
    expect(await ledger(a, sql`patient_id = ${p.id}`)).toMatchObject([
      { kind: "deposit", amount_minor: 2000, status: "succeeded", appointment_id: booked.id },
    ]);
  });

  test("a link sent before links had their own metadata is still recorded once, as a payment", async () => {
    const p = await newPatient();
    await desk().charges.sendLink({ patientId: p.id, amountMinor: 1500, key: crypto.randomUUID() });
    const link = (await receipts(a)).filter((m) => m.kind === "payment_link").at(-1)!;
    const session = double.connect.sessions.get(link.details.url!.split("/").at(-1)!)!;
    const meta = session.metadata as Record<string, string>;
    const old = { junction_checkout_id: meta.junction_link_id!, junction_clinic_id: a.id, purpose: "balance" };
    const pi = double.payments.paidIntent(1500, "usd", account, old);
    const completed = { ...session, metadata: old, status: "complete", payment_status: "paid", payment_intent: pi.id };
    expect((await deliverConnect(double, account, "checkout.session.completed", completed)).status).toBe(200);
    expect(await ledger(a, sql`patient_id = ${p.id}`)).toMatchObject([
      { kind: "payment", amount_minor: 1500, status: "succeeded", appointment_id: null },
    ]);
  });

  test("book without payment: booked, with the reason kept in the audit log", async () => {
    const p = await newPatient();
    const error = await refusal(
      desk().scheduling.book({ ...bookingFor(p.id), payment: { action: "skip", reason: "   " } }),
    );
    expect(shownMessage(error)).toContain("Say why no payment is asked.");
    const booked = await desk().scheduling.book({
      ...bookingFor(p.id),
      payment: { action: "skip", reason: "Pays cash at the desk" },
    });
    expect(booked).toMatchObject({ status: "booked", payment: { action: "skip" } });
    const audit = await adminDb().execute<{ details: Record<string, unknown> }>(
      sql`SELECT details FROM audit_log WHERE clinic_id = ${a.id} AND action = 'appointment.bookWithoutPayment'
           AND entity_id = ${booked.id}`,
    );
    expect(audit.rows[0]!.details).toMatchObject({ purpose: "deposit", reason: "Pays cash at the desk" });
  });

  test("a link that cannot be sent (no email) leaves nothing booked", async () => {
    const p = await newPatient(null);
    const error = await refusal(
      desk().scheduling.book({ ...bookingFor(p.id), payment: { action: "link", key: crypto.randomUUID() } }),
    );
    expect(shownMessage(error)).toBe("This patient has no email address. Add one to send a payment link.");
    expect(await appointmentsOf(p.id)).toHaveLength(0);
  });

  test("a recurring series follows the policy: refused with the amount unless booked without payment, with a reason", async () => {
    const p = await newPatient();
    const series = { ...bookingFor(p.id), weekdays: [weekdayOf(slots[0]!)], weeks: 2 };
    const error = await refusal(desk().scheduling.bookRecurring(series));
    expect(shownMessage(error)).toBe(
      "This type asks for a $20.00 deposit at booking. A series cannot email payment links yet: book it without payment and say why, or book the appointments one at a time.",
    );
    expect((error.cause as DomainError).details).toMatchObject({ purpose: "deposit", amountMinor: 2000, series: true });
    const noLink = await refusal(
      desk().scheduling.bookRecurring({ ...series, payment: { action: "link", key: crypto.randomUUID() } }),
    );
    expect(shownMessage(noLink)).toContain("A series cannot email payment links yet.");
    expect(await appointmentsOf(p.id)).toHaveLength(0);

    const done = await desk().scheduling.bookRecurring({
      ...series,
      payment: { action: "skip", reason: "Block booking paid by the insurer" },
    });
    expect(done.booked).toBeGreaterThan(0);
    expect(done.payment).toMatchObject({ action: "skip", label: "a $20.00 deposit" });
    expect(await appointmentsOf(p.id)).toHaveLength(done.booked);
    const audit = await adminDb().execute<{ details: Record<string, unknown> }>(
      sql`SELECT details FROM audit_log WHERE clinic_id = ${a.id} AND action = 'appointment.bookWithoutPayment'
           AND patient_ids @> ARRAY[${p.id}]::uuid[]`,
    );
    expect(audit.rows).toHaveLength(done.booked);
    expect(audit.rows[0]!.details).toMatchObject({ reason: "Block booking paid by the insurer", series: true });
  });
});

describe("a first-visit policy", () => {
  test("asks a new patient for a card; a patient who has attended books as before", async () => {
    await adminDb()
      .update(appointmentTypes)
      .set({ paymentPolicy: "none", depositMinor: null, firstVisitPolicy: "card_on_file" })
      .where(eq(appointmentTypes.id, followUp.id));
    const fresh = await newPatient();
    const error = await refusal(desk().scheduling.book(bookingFor(fresh.id)));
    expect(shownMessage(error)).toContain("This booking asks for a card on file at booking.");
    // No card-saving link exists: only booking without payment is offered.
    const noLink = await refusal(
      desk().scheduling.book({ ...bookingFor(fresh.id), payment: { action: "link", key: crypto.randomUUID() } }),
    );
    expect(shownMessage(noLink)).toContain("cannot email a link to save a card");
    expect(await appointmentsOf(fresh.id)).toHaveLength(0);

    const regular = await newPatient();
    const past = await appointment(a, regular.id, -48);
    await desk().scheduling.setStatus({ id: past.id, status: "completed" });
    const booked = await desk().scheduling.book(bookingFor(regular.id));
    expect(booked).toMatchObject({ status: "booked", payment: null });
  });
});

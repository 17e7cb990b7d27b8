// Merging a self-booked duplicate who paid online: the deposit, the checkout, the saved card and the
// Stripe customer all move to the chart, so the chart shows the payment and the balance (before, the
// payments rows' ON DELETE RESTRICT made such a merge fail). The list of patient-owned tables is
// checked against the catalog, so a table added later cannot be forgotten by the merge.
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, test, vi } from "vitest";
import { appointments, appointmentTypes, patients } from "@/db/schema";
import { env } from "@/server/env";
import { PATIENT_OWNED } from "@/server/patients/patient-owned";
import { runStarts } from "@/server/scheduling/availability";
import { anonymousCaller, callerFor } from "../fixtures/callers";
import { seedClinic, type SeededClinic } from "../fixtures/clinic";
import { adminDb } from "../fixtures/db";
import { deliver } from "./billing-fixtures";
import { saveCard } from "./payments-fixtures";

const double = await vi.hoisted(async () => (await import("../fixtures/stripe-double")).startStripeDoubleForApp());

/** Patient columns that deliberately stay: the merge record's former id, and the audit log's history. */
const NOT_MOVED = new Set(["patient_merges.from_patient_id", "audit_log.patient_ids"]);

let a: SeededClinic;
let account: string;
let followUp: string;

beforeAll(async () => {
  env.LIMIT_BOOKING_PER_EMAIL_DAY = 1000;
  env.LIMIT_BOOKING_PER_IP_HOUR = 1000;
  a = await seedClinic();
  const types = await adminDb().select().from(appointmentTypes).where(eq(appointmentTypes.clinicId, a.id));
  const type = types.find((t) => t.name === "Follow-up")!;
  followUp = type.id;
  await callerFor(a.owner, a.slug).scheduling.updateType({
    id: type.id,
    name: type.name,
    durationMinutes: type.durationMinutes,
    bufferMinutes: type.bufferMinutes,
    priceMinor: type.priceMinor,
    color: type.color,
    onlineBookable: type.onlineBookable,
    active: type.active,
    paymentPolicy: "deposit",
    depositMinor: 2000,
  });
  const { url } = await callerFor(a.owner, a.slug).paymentAccount.connect();
  account = url.match(/onboard\/(acct_\w+)/)![1]!;
  double.connect.onboard(account);
  await deliver(double, double.event("account.updated", double.connect.accounts.get(account), { account }));
  return () => double.close();
});

describe("the patient-owned tables", () => {
  test("every foreign key to patients is in the merge's list, and every other patient column is accounted for", async () => {
    const { rows: fks } = await adminDb().execute<{ owned: string }>(sql`
      SELECT c.conrelid::regclass::text || '.' || a.attname AS owned
        FROM pg_constraint c
        JOIN unnest(c.conkey) k(attnum) ON true
        JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
       WHERE c.contype = 'f' AND c.confrelid = 'patients'::regclass AND a.attname <> 'clinic_id'`);
    const listed = PATIENT_OWNED.map((o) => `${o.table}.${o.column}`);
    expect(fks.map((r) => r.owned).sort()).toEqual([...listed].sort());

    // Columns that name a patient without a key to patients: they must follow a listed table by
    // ON UPDATE CASCADE (programs → exercise_logs …), or be one of the deliberate exceptions.
    const { rows: columns } = await adminDb().execute<{ owned: string; cascades: boolean }>(sql`
      SELECT col.table_name || '.' || col.column_name AS owned,
             EXISTS (SELECT 1 FROM pg_constraint c JOIN pg_attribute a
                       ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
                      WHERE c.contype = 'f' AND c.conrelid = (quote_ident(col.table_name))::regclass
                        AND a.attname = col.column_name AND c.confupdtype = 'c') AS cascades
        FROM information_schema.columns col
       WHERE col.table_schema = 'public' AND col.column_name LIKE '%patient_id%'`);
    const loose = columns.filter((c) => !listed.includes(c.owned) && !c.cascades && !NOT_MOVED.has(c.owned));
    expect(loose.map((c) => c.owned)).toEqual([]);
  });
});

describe("merging a self-booked duplicate who paid a deposit online", () => {
  test("the deposit, checkout and card move to the chart; its balance and payment history show there", async () => {
    const desk = callerFor(a.frontDesk, a.slug);
    const chart = await callerFor(a.owner, a.slug).patients.create({
      firstName: "Ines",
      lastName: "Moreau",
      email: "ines.moreau@example.com",
    });
    const chartCard = await saveCard(a, chart.id, account);

    const from = new Date(Date.now() + 2 * 86_400_000);
    const slots = await anonymousCaller(null, "public").booking.slots({
      slug: a.slug,
      typeId: followUp,
      from,
      to: new Date(from.getTime() + 10 * 86_400_000),
    });
    const booked = await anonymousCaller(null, "public").booking.book({
      slug: a.slug,
      typeId: followUp,
      clinicianId: a.clinician.id,
      startsAt: slots.flatMap((s) => runStarts(s.runs, s.stepMinutes))[2]!,
      firstName: "Ines",
      lastName: "Moreau",
      email: "ines.moreau@example.com",
      phone: "07700 900123",
    });
    const sessionId = booked.payment!.url.match(/checkout\/(cs_test_\w+)/)![1]!;
    const paid = double.connect.pay(sessionId);
    expect((await deliver(double, double.event("checkout.session.completed", paid.session, { account }))).status).toBe(
      200,
    );
    const [appt] = await adminDb().select().from(appointments).where(eq(appointments.id, booked.appointmentId));
    const duplicate = appt!.patientId;
    expect(appt!.status).toBe("booked");
    expect((await desk.charges.patient({ patientId: duplicate })).balanceMinor).toBe(-2000);

    const merged = await desk.patients.mergeSelfBooked({ fromId: duplicate, intoId: chart.id });
    expect(merged.moved).toMatchObject({ appointments: 1, payments: 1, payment_checkouts: 1 });

    const onChart = await desk.charges.patient({ patientId: chart.id });
    expect(onChart.balanceMinor).toBe(-2000);
    expect(JSON.stringify(onChart)).toContain('"kind":"deposit"');
    // Both cards are the chart's now; the chart's own is still the one on file.
    const { rows: cards } = await adminDb().execute<{ id: string }>(
      sql`SELECT id FROM patient_payment_methods WHERE clinic_id = ${a.id} AND patient_id = ${chart.id}`,
    );
    expect(cards.map((c) => c.id)).toContain(chartCard);
    expect(cards).toHaveLength(2);
    const { rows: customers } = await adminDb().execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM patient_stripe_customers WHERE clinic_id = ${a.id} AND patient_id = ${chart.id}`,
    );
    expect(customers[0]!.n).toBe(1);
    const gone = await adminDb()
      .select()
      .from(patients)
      .where(and(eq(patients.clinicId, a.id), eq(patients.id, duplicate)));
    expect(gone).toEqual([]);

    // The visit then charges the chart, the deposit counting towards it.
    await desk.scheduling.setStatus({ id: booked.appointmentId, status: "checked_in" });
    await desk.scheduling.setStatus({ id: booked.appointmentId, status: "completed" });
    const after = await desk.charges.patient({ patientId: chart.id });
    expect(after.balanceMinor).toBe((await priceOf(followUp)) - 2000);
  });
});

async function priceOf(typeId: string) {
  const [t] = await adminDb().select().from(appointmentTypes).where(eq(appointmentTypes.id, typeId));
  return t!.priceMinor ?? 0;
}

// The owner dashboard's revenue, checked against numbers worked out by hand: charged, collected,
// refunded and outstanding, by clinician and by type, the drill-down rows and the CSV behind them.
// Declined attempts count nowhere; a payment not tied to a visit counts as collected but drops out
// under a clinician filter; a patient in credit does not lower what others owe.
import { beforeAll, describe, expect, test, vi } from "vitest";
import { appDb } from "@/db/client";
import { drillDownCsv } from "@/server/dashboard/csv";
import { drillDown, loadDashboard, type Viewer } from "@/server/dashboard/load";
import { mondayOf } from "@/server/dashboard/period";
import { withClinic } from "@/server/tenancy";
import { callerFor } from "../fixtures/callers";
import { seedClinic, type SeededClinic, type StaffMember } from "../fixtures/clinic";
import { adminDb } from "../fixtures/db";
import { appointment, connectClinic, saveCard, setFees } from "./payments-fixtures";
import { sql } from "drizzle-orm";

const double = await vi.hoisted(async () => (await import("../fixtures/stripe-double")).startStripeDoubleForApp());

let a: SeededClinic;
let second: StaffMember;
const today = () => new Intl.DateTimeFormat("en-CA", { timeZone: "America/Denver" }).format(new Date());
const filters = (extra: Record<string, string> = {}) => ({
  preset: "custom" as const,
  from: today(),
  to: today(),
  ...extra,
});
const key = () => crypto.randomUUID();

beforeAll(async () => {
  a = await seedClinic();
  const account = await connectClinic(a);
  await callerFor(a.owner, a.slug).team.invite({
    email: `second@${a.slug}.example`,
    name: "Sol Second",
    role: "clinician",
  });
  const { rows } = await adminDb().execute<{ id: string }>(
    sql`SELECT id FROM users WHERE email = ${`second@${a.slug}.example`}`,
  );
  second = { id: rows[0]!.id, email: `second@${a.slug}.example`, name: "Sol Second", role: "clinician" };
  const desk = callerFor(a.frontDesk, a.slug);
  const patient = (n: number) =>
    callerFor(a.owner, a.slug).patients.create({ firstName: "Rev", lastName: `Patient ${n}` });
  const [p1, p2, p3, p4] = [await patient(1), await patient(2), await patient(3), await patient(4)];

  // P1: initial evaluation (180.00) with the clinician, 100.00 in cash → owes 80.00
  const v1 = await appointment(a, p1.id, -3, 1);
  await desk.scheduling.setStatus({ id: v1.id, status: "completed" });
  await desk.charges.record({ patientId: p1.id, appointmentId: v1.id, method: "cash", amountMinor: 10000, key: key() });

  // P2: follow-up (130.00) with the second clinician, paid by card, 30.00 refunded; a declined 5.00 → owes 30.00
  const v2 = await appointment(a, p2.id, -4, 0);
  await adminDb().execute(sql`UPDATE appointments SET clinician_id = ${second.id} WHERE id = ${v2.id}`);
  await desk.scheduling.setStatus({ id: v2.id, status: "completed" });
  const card2 = await saveCard(a, p2.id, account);
  const paid2 = await desk.charges.record({
    patientId: p2.id,
    appointmentId: v2.id,
    method: "card_on_file",
    amountMinor: 13000,
    key: key(),
    cardId: card2,
  });
  await desk.charges.refund({ paymentId: paid2.payment.id, amountMinor: 3000, reason: "Short session", key: key() });
  double.payments.declineCard(
    (
      await adminDb().execute<{ pm: string }>(
        sql`SELECT stripe_payment_method_id AS pm FROM patient_payment_methods WHERE id = ${card2}`,
      )
    ).rows[0]!.pm,
    "insufficient_funds",
  );
  const declined = await desk.charges.record({
    patientId: p2.id,
    method: "card_on_file",
    amountMinor: 500,
    key: key(),
    cardId: card2,
  });
  expect(declined.declined).toBeTruthy();

  // P3: a follow-up missed with the clinician, 50.00 fee charged to the card → owes nothing
  await setFees(a, { noShow: 5000 });
  const v3 = await appointment(a, p3.id, -6, 0);
  await desk.scheduling.setStatus({ id: v3.id, status: "no_show" });
  await saveCard(a, p3.id, account);
  await desk.charges.chargeFee({ appointmentId: v3.id });

  // P4: 20.00 cash on account, no visit → in credit
  await desk.charges.record({ patientId: p4.id, method: "cash", amountMinor: 2000, key: key() });
  return () => double.close();
});

const viewer = (): Viewer => ({ clinicId: a.id, timeZone: a.timeZone, userId: a.owner.id, role: "owner" });

/** patient_balances (kept by a trigger on payments, 0037) against the same sums over the ledger's rows. */
async function expectBalancesMatchLedger() {
  const kept = await adminDb().execute<{ k: string; owed: string }>(sql`
    SELECT concat_ws('|', patient_id, currency, appointment_clinician_id, appointment_type_id) AS k, sum(balance_minor) AS owed
      FROM patient_balances WHERE clinic_id = ${a.id} GROUP BY 1 HAVING sum(balance_minor) <> 0 ORDER BY 1`);
  const live = await adminDb().execute<{ k: string; owed: string }>(sql`
    SELECT concat_ws('|', patient_id, currency, appointment_clinician_id, appointment_type_id) AS k,
           sum(app_payment_owing(kind, amount_minor)) AS owed
      FROM payments WHERE clinic_id = ${a.id} AND status = 'succeeded' GROUP BY 1
    HAVING sum(app_payment_owing(kind, amount_minor)) <> 0 ORDER BY 1`);
  expect(live.rows.length).toBeGreaterThan(2);
  expect(kept.rows.map((r) => [r.k, Number(r.owed)])).toEqual(live.rows.map((r) => [r.k, Number(r.owed)]));
}

describe("revenue on the owner dashboard", () => {
  test("matches the hand-computed totals, by clinician and by type", async () => {
    const d = await callerFor(a.owner, a.slug).dashboard.overview(filters());
    expect(d.revenue.currency).toBe("USD");
    expect(d.revenue.current).toEqual({ charged: 36000, collected: 30000, refunded: 3000, outstanding: 11000 });
    expect(d.revenue.previous).toEqual({ charged: 0, collected: 0, refunded: 0, outstanding: 0 });
    // every row was written today: one week, the one starting on this (clinic-local) Monday
    expect(d.revenue.weekly).toEqual([{ week: mondayOf(today()), charged: 36000, collected: 30000, refunded: 3000 }]);
    const byClinician = Object.fromEntries(
      d.revenue.byClinician.map((x) => [x.key ?? "none", [x.charged, x.collected, x.refunded]]),
    );
    expect(byClinician).toEqual({
      [a.clinician.id]: [23000, 15000, 0],
      [second.id]: [13000, 13000, 3000],
      none: [0, 2000, 0],
    });
    const types = Object.fromEntries(d.types.map((t) => [t.id, t.name]));
    const byType = Object.fromEntries(
      d.revenue.byType.map((x) => [x.key ? types[x.key] : "none", [x.charged, x.collected, x.refunded]]),
    );
    expect(byType).toEqual({
      "Initial evaluation": [18000, 10000, 0],
      "Follow-up": [18000, 18000, 3000],
      none: [0, 2000, 0],
    });
  });

  test("a clinician filter keeps that clinician's visits only", async () => {
    const d = await callerFor(a.owner, a.slug).dashboard.overview(filters({ clinicianId: a.clinician.id }));
    expect(d.revenue.current).toEqual({ charged: 23000, collected: 15000, refunded: 0, outstanding: 8000 });
    const mine = await callerFor(second, a.slug).dashboard.overview(filters());
    expect(mine.revenue.current).toEqual({ charged: 13000, collected: 13000, refunded: 3000, outstanding: 3000 });
  });

  test("each number's drill-down and CSV hold exactly the rows that make it", async () => {
    const rows = (kind: "revenue_charged" | "revenue_collected" | "revenue_refunded" | "revenue_outstanding") =>
      withClinic(appDb(), a.id, (tx) => drillDown(tx, viewer(), kind, filters()));
    const sum = (d: Awaited<ReturnType<typeof rows>>) =>
      (d.rows as { amountMinor: number }[]).reduce((s, r) => s + Number(r.amountMinor), 0);
    const charged = await rows("revenue_charged");
    expect([charged.rows.length, sum(charged)]).toEqual([3, 36000]);
    const collected = await rows("revenue_collected");
    expect([collected.rows.length, sum(collected)]).toEqual([4, 30000]);
    const refunded = await rows("revenue_refunded");
    expect([refunded.rows.length, sum(refunded)]).toEqual([1, 3000]);
    const outstanding = await rows("revenue_outstanding");
    expect(
      (outstanding.rows as { patientName: string; amountMinor: number }[]).map((r) => [r.patientName, r.amountMinor]),
    ).toEqual([
      ["Rev Patient 1", 8000],
      ["Rev Patient 2", 3000],
    ]);
    const csv = drillDownCsv(collected).trim().split("\r\n");
    expect(csv[0]).toBe("date,patient,clinician,type,kind,method,amount,currency,patient_id,id");
    expect(csv).toHaveLength(5);
    expect(csv.filter((l) => l.includes(",100.00,USD,"))).toHaveLength(1);
  });

  test("what was owed at the end of an earlier period leaves out what was written since", async () => {
    const yesterday = new Date(Date.now() - 86_400_000);
    const day = new Intl.DateTimeFormat("en-CA", { timeZone: "America/Denver" }).format(yesterday);
    const week = await callerFor(a.owner, a.slug).dashboard.overview({ preset: "custom", from: day, to: day });
    // every ledger row was written today: up to yesterday nobody owed anything
    expect(week.revenue.current).toEqual({ charged: 0, collected: 0, refunded: 0, outstanding: 0 });
    expect(week.revenue.previous.outstanding).toBe(0);
  });

  test("today's rows are the previous period of tomorrow, and what is owed carries over", async () => {
    const tomorrow = new Date(Date.now() + 86_400_000);
    const day = new Intl.DateTimeFormat("en-CA", { timeZone: "America/Denver" }).format(tomorrow);
    const next = await callerFor(a.owner, a.slug).dashboard.overview({ preset: "custom", from: day, to: day });
    // nothing is written tomorrow, but the 110.00 owed at the end of today is still owed at its end; tomorrow
    // has not begun, so nothing of today is compared with it yet
    expect(next.revenue.current).toEqual({ charged: 0, collected: 0, refunded: 0, outstanding: 11000 });
    expect(next.revenue.previous).toEqual({ charged: 0, collected: 0, refunded: 0, outstanding: 11000 });
    expect(next.revenue.byClinician).toEqual([]);
    expect(next.revenue.weekly).toEqual([]);
    // tomorrow at this time, today up to this time is its period before: every row so far
    const later = (who: StaffMember) =>
      withClinic(appDb(), a.id, (tx) =>
        loadDashboard(
          tx,
          { ...viewer(), userId: who.id, role: who.role },
          { preset: "custom", from: day, to: day },
          tomorrow,
        ),
      );
    expect((await later(a.owner)).revenue.previous).toEqual({
      charged: 36000,
      collected: 30000,
      refunded: 3000,
      outstanding: 11000,
    });
    expect((await later(second)).revenue.previous).toEqual({
      charged: 13000,
      collected: 13000,
      refunded: 3000,
      outstanding: 3000,
    });
  });

  test("the balances the database keeps equal the sums over the ledger's rows", async () => {
    await expectBalancesMatchLedger();
  });

  test("a visit given to another clinician takes its money along; a row cannot be pinned on someone else", async () => {
    const byClinician = async () =>
      Object.fromEntries(
        (await callerFor(a.owner, a.slug).dashboard.overview(filters())).revenue.byClinician.map((x) => [
          x.key ?? "none",
          [x.charged, x.collected, x.refunded],
        ]),
      );
    const { rows } = await adminDb().execute<{ id: string }>(
      sql`SELECT id FROM appointments WHERE clinic_id = ${a.id} AND clinician_id = ${second.id}`,
    );
    expect(rows).toHaveLength(1);
    const moved = rows[0]!.id;
    try {
      // P2's follow-up (charged 130.00, paid 130.00, 30.00 refunded) goes to the first clinician
      await adminDb().execute(sql`UPDATE appointments SET clinician_id = ${a.clinician.id} WHERE id = ${moved}`);
      expect(await byClinician()).toEqual({ [a.clinician.id]: [36000, 28000, 3000], none: [0, 2000, 0] });
      await expectBalancesMatchLedger();
      const mine = await callerFor(second, a.slug).dashboard.overview(filters());
      expect(mine.revenue.current).toEqual({ charged: 0, collected: 0, refunded: 0, outstanding: 0 });
      // writing another clinician onto its ledger rows changes nothing: they follow the appointment
      await adminDb().execute(
        sql`UPDATE payments SET appointment_clinician_id = ${second.id} WHERE appointment_id = ${moved}`,
      );
      expect(await byClinician()).toEqual({ [a.clinician.id]: [36000, 28000, 3000], none: [0, 2000, 0] });
    } finally {
      await adminDb().execute(sql`UPDATE appointments SET clinician_id = ${second.id} WHERE id = ${moved}`);
    }
    expect(await byClinician()).toEqual({
      [a.clinician.id]: [23000, 15000, 0],
      [second.id]: [13000, 13000, 3000],
      none: [0, 2000, 0],
    });
  });
});

// KPI: revenue from the payments ledger (server/payments/), in the clinic's currency (minor units).
// A fragment of the dashboard's statement for the KPI, one statement for its drill-down, sharing the same pieces:
//   charged     visit charges and fees written in the period
//   collected   deposits, prepayments and payments received in the period
//   refunded    refunds made in the period
//   outstanding what patients still owe at the end of the period: each patient's balance over every
//               row up to then (charges − payments + refunds), counted only when positive; worked out
//               as their balance now (patient_balances, 0037) less the rows written since
// Rows count by the clinic-local day they were written; a clinician or type filter keeps the rows
// of that clinician's (type's) appointments, so payments not tied to an appointment drop out (the
// rows carry their appointment's clinician and type: payments.appointment_clinician_id/_type_id).
import { sql, type SQL } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { zonedDay } from "@/server/scheduling/zoned-time";
import { weeksOf } from "./period";
import { localMidnight, previousUntil, type DashboardScope } from "./scope";

export type RevenueTotals = { charged: number; collected: number; refunded: number; outstanding: number };
export type RevenueSplit = { key: string | null; charged: number; collected: number; refunded: number };
export type RevenueKpi = {
  currency: string;
  current: RevenueTotals;
  previous: RevenueTotals;
  byClinician: RevenueSplit[];
  byType: RevenueSplit[];
  /** Charged, collected and refunded per clinic-local week of the period (weeks with any row). */
  weekly: { week: string; charged: number; collected: number; refunded: number }[];
};

const CHARGE = sql`('visit_charge', 'fee')`;
const CREDIT = sql`('deposit', 'prepayment', 'payment')`;

/**
 * Succeeded ledger rows of the clinic in its currency (alias p), with the scope's filters: the
 * clinician and type of the row's appointment, which the row carries (0036: kept by triggers).
 */
function ledgerIn(s: DashboardScope): SQL {
  return sql`p.clinic_id = ${s.clinicId} AND p.status = 'succeeded'
    AND p.currency = (SELECT currency FROM clinics WHERE id = ${s.clinicId})
    ${s.clinicianId ? sql`AND p.appointment_clinician_id = ${s.clinicianId}` : sql``}
    ${s.typeId ? sql`AND p.appointment_type_id = ${s.typeId}` : sql``}`;
}
const between = (s: DashboardScope, from: string, to: string) =>
  sql`p.created_at >= ${localMidnight(from, s.timeZone)} AND p.created_at < ${localMidnight(to, s.timeZone)}`;
/** What a ledger row adds to what the patient owes (app_payment_owing, 0037: the one definition, the balances' too). */
const owing = sql`app_payment_owing(p.kind, p.amount_minor)`;

/** Each patient's positive balance over the scope's rows written before `to` (a local date). */
function owedBy(s: DashboardScope, to: string): SQL {
  return sql`SELECT p.patient_id, sum(${owing}) AS owed
      FROM payments p
     WHERE ${ledgerIn(s)} AND p.created_at < ${localMidnight(to, s.timeZone)}
     GROUP BY p.patient_id HAVING sum(${owing}) > 0`;
}

/**
 * Each patient's balance at the end of the period (at_to) and at its start, the end of the previous
 * one (at_from): what they owe now (patient_balances, kept by a trigger on payments, 0037; the
 * filters pick the balances of that clinician's or type's rows) less what the rows written since the
 * period's end added, and for at_from also less what the period's own rows added (the patients' set
 * of `g`, revenueSql) — owedBy at both ends without reading the whole ledger history twice.
 */
function balancesAtBothEnds(s: DashboardScope): SQL {
  const to = localMidnight(s.period.to, s.timeZone);
  return sql`SELECT b.patient_id, b.now_minor - coalesce(l.after_to, 0) AS at_to,
                    b.now_minor - coalesce(l.after_to, 0) - coalesce(c.owing, 0) AS at_from
      FROM (SELECT patient_id, sum(balance_minor) AS now_minor FROM patient_balances
             WHERE clinic_id = ${s.clinicId} AND currency = (SELECT currency FROM clinics WHERE id = ${s.clinicId})
               ${s.clinicianId ? sql`AND appointment_clinician_id = ${s.clinicianId}` : sql``}
               ${s.typeId ? sql`AND appointment_type_id = ${s.typeId}` : sql``}
             GROUP BY patient_id) b
      LEFT JOIN (SELECT p.patient_id, sum(${owing}) AS after_to FROM payments p
                  WHERE ${ledgerIn(s)} AND p.created_at >= ${to} GROUP BY p.patient_id) l ON l.patient_id = b.patient_id
      LEFT JOIN g c ON c.gs = ${SETS.patient} AND c.current AND c.patient_id = b.patient_id`;
}

/**
 * The period's weeks as width_bucket thresholds: each Monday's local midnight as an instant (worked
 * out here, where the zone's data is exact) and the Mondays as text, bucket i being week i. A row
 * finds its week by one binary search over a few instants, not by local-time arithmetic per row (the
 * 20k clinic's year: 17,000 ledger rows).
 */
function weekBuckets(s: DashboardScope) {
  const mondays = weeksOf(s.period);
  const list = (xs: string[]) => `{${xs.join(",")}}`;
  return {
    mondays: list(mondays),
    starts: list(mondays.map((m) => new Date(zonedDay(m, s.timeZone).start).toISOString())),
  };
}

/**
 * The sets `g` groups the rows into (each with `current`, the period or the previous one), as
 * GROUPING(clinician_id, type_id, bucket, patient_id) numbers them: a bit for every column the set
 * leaves out, clinician_id highest.
 */
const SETS = { totals: 15, byClinician: 7, byType: 11, weekly: 13, patient: 14 } as const;

/** The three totals of a set's rows in `g` (0 when it has none). */
const totalsOf = (where: SQL) =>
  sql`(SELECT json_build_object('charged', coalesce(max(charged), 0), 'collected', coalesce(max(collected), 0),
          'refunded', coalesce(max(refunded), 0)) FROM g WHERE ${where})`;

/** Revenue of the period and the previous one: a fragment of the dashboard's statement (statement.ts). */
export function revenueSql(s: DashboardScope): SQL {
  const p = s.period;
  const weeks = weekBuckets(s);
  const split = (set: number, key: string) =>
    sql`(SELECT coalesce(json_agg(json_build_object('key', ${sql.raw(key)}, 'charged', charged, 'collected', collected,
           'refunded', refunded) ORDER BY charged DESC, collected DESC), '[]') FROM g WHERE gs = ${set} AND current)`;
  return sql`(
    WITH g AS MATERIALIZED (
      -- The rows of both periods (one range of the covering index: an index-only scan, 0038), read once
      -- and summed into every set at once: totals, by clinician, by type, by week, by patient (the
      -- period's own rows, for the balance at its start). Each row's amount goes in the column of its
      -- kind (tested once per row); its week is a width_bucket over the Mondays' instants.
      SELECT current, clinician_id, type_id, bucket, patient_id,
             GROUPING(clinician_id, type_id, bucket, patient_id) AS gs,
             coalesce(sum(charged_minor), 0)::bigint AS charged, coalesce(sum(collected_minor), 0)::bigint AS collected,
             coalesce(sum(refunded_minor), 0)::bigint AS refunded, sum(owing) AS owing
        FROM (SELECT CASE WHEN p.kind IN ${CHARGE} THEN p.amount_minor END AS charged_minor,
                     CASE WHEN p.kind IN ${CREDIT} THEN p.amount_minor END AS collected_minor,
                     CASE WHEN p.kind = 'refund' THEN p.amount_minor END AS refunded_minor,
                     p.appointment_clinician_id AS clinician_id, p.appointment_type_id AS type_id, p.patient_id,
                     CASE WHEN p.created_at >= ${localMidnight(p.from, s.timeZone)} THEN true
                          WHEN p.created_at < ${previousUntil(s)} THEN false END AS current, ${owing} AS owing,
                     width_bucket(p.created_at, ${weeks.starts}::timestamptz[]) AS bucket
                FROM payments p
               WHERE ${ledgerIn(s)} AND ${between(s, p.previousFrom, p.to)}) r
       GROUP BY GROUPING SETS ((current), (current, clinician_id), (current, type_id), (current, bucket),
                               (current, patient_id))),
    owed AS MATERIALIZED (${balancesAtBothEnds(s)})
    SELECT json_build_object(
      'currency', (SELECT currency FROM clinics WHERE id = ${s.clinicId}),
      'current', ${totalsOf(sql`gs = ${SETS.totals} AND current`)}::jsonb
        || jsonb_build_object('outstanding', (SELECT coalesce(sum(at_to) FILTER (WHERE at_to > 0), 0)::bigint FROM owed)),
      'previous', ${totalsOf(sql`gs = ${SETS.totals} AND NOT current`)}::jsonb
        || jsonb_build_object('outstanding', (SELECT coalesce(sum(at_from) FILTER (WHERE at_from > 0), 0)::bigint FROM owed)),
      'byClinician', ${split(SETS.byClinician, "clinician_id")},
      'byType', ${split(SETS.byType, "type_id")},
      'weekly', (SELECT coalesce(json_agg(json_build_object('week', (${weeks.mondays}::text[])[bucket], 'charged', charged,
                   'collected', collected, 'refunded', refunded) ORDER BY bucket), '[]')
                 FROM g WHERE gs = ${SETS.weekly} AND current)))`;
}

/** The fragment's JSON as numbers (sums of bigint arrive as text or numbers). */
export function parseRevenue(kpi: RevenueKpi): RevenueKpi {
  const n = (t: RevenueTotals) => ({
    charged: Number(t.charged),
    collected: Number(t.collected),
    refunded: Number(t.refunded),
    outstanding: Number(t.outstanding),
  });
  const split = (x: RevenueSplit) => ({
    ...x,
    charged: Number(x.charged),
    collected: Number(x.collected),
    refunded: Number(x.refunded),
  });
  return {
    currency: kpi.currency,
    current: n(kpi.current),
    previous: n(kpi.previous),
    byClinician: kpi.byClinician.map(split),
    byType: kpi.byType.map(split),
    weekly: kpi.weekly.map((w) => ({
      week: w.week,
      charged: Number(w.charged),
      collected: Number(w.collected),
      refunded: Number(w.refunded),
    })),
  };
}

export const REVENUE_DRILLS = [
  "revenue_charged",
  "revenue_collected",
  "revenue_refunded",
  "revenue_outstanding",
] as const;
export type RevenueDrill = (typeof REVENUE_DRILLS)[number];

export type RevenueRow = {
  id: string;
  localDate: string;
  patientId: string;
  patientName: string;
  clinicianName: string | null;
  typeName: string | null;
  kind: string;
  method: string | null;
  amountMinor: number;
  currency: string;
};

/** The rows behind a revenue number (current period); for outstanding, one row per patient who owes. */
export async function revenueRows(tx: Tx, s: DashboardScope, which: RevenueDrill): Promise<RevenueRow[]> {
  const p = s.period;
  if (which === "revenue_outstanding") {
    const { rows } = await tx.execute<RevenueRow>(sql`
      SELECT o.patient_id AS id, ${p.to} AS "localDate", o.patient_id AS "patientId",
             pt.first_name || ' ' || pt.last_name AS "patientName", NULL AS "clinicianName", NULL AS "typeName",
             'outstanding' AS kind, NULL AS method, o.owed::int AS "amountMinor",
             (SELECT currency FROM clinics WHERE id = ${s.clinicId}) AS currency
        FROM (${owedBy(s, p.to)}) o
        JOIN patients pt ON pt.clinic_id = ${s.clinicId} AND pt.id = o.patient_id
       ORDER BY o.owed DESC, "patientName"`);
    return rows;
  }
  const kinds = which === "revenue_charged" ? CHARGE : which === "revenue_collected" ? CREDIT : sql`('refund')`;
  const { rows } = await tx.execute<RevenueRow>(sql`
    SELECT p.id, to_char(p.created_at AT TIME ZONE ${s.timeZone}, 'YYYY-MM-DD') AS "localDate",
           p.patient_id AS "patientId", pt.first_name || ' ' || pt.last_name AS "patientName",
           u.name AS "clinicianName", t.name AS "typeName", p.kind, p.method, p.amount_minor AS "amountMinor", p.currency
      FROM payments p
      JOIN patients pt ON pt.clinic_id = p.clinic_id AND pt.id = p.patient_id
      LEFT JOIN appointment_types t ON t.clinic_id = p.clinic_id AND t.id = p.appointment_type_id
      LEFT JOIN users u ON u.id = p.appointment_clinician_id
     WHERE ${ledgerIn(s)} AND ${between(s, p.from, p.to)} AND p.kind IN ${kinds}
     ORDER BY p.created_at, p.id`);
  return rows;
}

// What one dashboard request looks at: the clinic, its zone, the period as instants, the filters,
// and the SQL fragments every KPI and its drill-down share (one definition of each set of rows).
import { sql, type SQL } from "drizzle-orm";
import type { Period } from "./period";

export type DashboardScope = {
  clinicId: string;
  timeZone: string;
  period: Period;
  /** Only this clinician's appointments, patients and episodes (forced to themselves for clinicians). */
  clinicianId: string | null;
  typeId: string | null;
  now: Date;
};

/** The instant a clinic-local date begins (its midnight in the clinic's zone), in SQL. */
export const localMidnight = (date: string, timeZone: string): SQL =>
  sql`(${date}::date::timestamp AT TIME ZONE ${timeZone})`;

export const ARRIVED = sql`('checked_in', 'completed')`;

/** Appointments of the clinic starting in [fromDate, toDate) (local dates), with the filters. */
export function appointmentsIn(s: DashboardScope, fromDate: string, toDate: string, alias = "a"): SQL {
  const a = sql.raw(alias);
  return sql`${a}.clinic_id = ${s.clinicId}
    AND ${a}.starts_at >= ${localMidnight(fromDate, s.timeZone)}
    AND ${a}.starts_at < ${localMidnight(toDate, s.timeZone)}
    ${s.clinicianId ? sql`AND ${a}.clinician_id = ${s.clinicianId}` : sql``}
    ${s.typeId ? sql`AND ${a}.type_id = ${s.typeId}` : sql``}
    AND ${a}.hold_expires_at IS NULL`; // a slot held for payment (or a hold that ran out) was never booked
}

/**
 * Attendance outcome of an appointment: arrived, late cancel (cancelled less than the clinic's
 * window before its start, or after it), cancelled, no-show, or not marked (still "booked").
 * The window is read from the clinic row in the same statement (evaluated once).
 */
export function outcomeOf(s: DashboardScope, alias = "a"): SQL {
  const a = sql.raw(alias);
  return sql`CASE
    WHEN ${a}.status IN ${ARRIVED} THEN 'arrived'
    WHEN ${a}.status = 'no_show' THEN 'no_show'
    WHEN ${a}.status = 'cancelled' AND ${a}.cancelled_at > ${a}.starts_at
         - make_interval(hours => (SELECT late_cancel_hours FROM clinics WHERE id = ${s.clinicId}))
      THEN 'late_cancel'
    WHEN ${a}.status = 'cancelled' THEN 'cancelled'
    ELSE 'not_marked' END`;
}

/** Scheduled appointments count once they have started: the rates look at appointments up to now. */
export const startedBy = (s: DashboardScope, alias = "a"): SQL =>
  sql`AND ${sql.raw(alias)}.starts_at < ${s.now.toISOString()}::timestamptz`;

/** The clinic-local Monday of the week an instant falls in. */
export const weekOf = (column: SQL, timeZone: string): SQL =>
  sql`date_trunc('week', ${column} AT TIME ZONE ${timeZone})::date::text`;

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
    ${s.typeId ? sql`AND ${a}.type_id = ${s.typeId}` : sql``}`;
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

/**
 * The one read of the appointments a dashboard load counts: every appointment of the period and the
 * previous one (filters applied), once, as the CTE `pa` that visits, attendance, utilization and
 * reminders aggregate. Columns: clinician_id, type_id, status, outcome, current (in the period, not
 * the previous one), started (by now), reminded (only for started, arrived or no-show appointments of
 * the period: a 24 h or 2 h reminder was sent), week (local Monday, text), starts_at, ends_at.
 */
export function periodAppointmentsCte(s: DashboardScope): SQL {
  const p = s.period;
  return sql`pa AS MATERIALIZED (
    SELECT a.clinician_id, a.type_id, a.status, o.outcome, o.current, o.started,
           CASE WHEN o.current AND o.started AND o.outcome IN ('arrived', 'no_show') THEN EXISTS (
             SELECT 1 FROM messages m WHERE m.clinic_id = ${s.clinicId} AND m.appointment_id = a.id
                AND m.kind IN ('reminder_24h', 'reminder_2h') AND m.state = 'sent') END AS reminded,
           ${weekOf(sql`a.starts_at`, s.timeZone)} AS week, a.starts_at, a.ends_at
      FROM appointments a
      CROSS JOIN LATERAL (SELECT ${outcomeOf(s)} AS outcome,
                                 a.starts_at >= ${localMidnight(p.from, s.timeZone)} AS current,
                                 a.starts_at < ${s.now.toISOString()}::timestamptz AS started) o
     WHERE ${appointmentsIn(s, p.previousFrom, p.to)})`;
}

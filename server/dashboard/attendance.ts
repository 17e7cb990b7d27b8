// KPIs 1 and 2: visits (arrived appointments) and the attendance rates of scheduled appointments.
// Each is one SQL statement over the current and the previous period; the drill-downs below use
// the same fragments, so a CSV has exactly as many rows as the number it explains.
import { sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { appointmentsIn, ARRIVED, outcomeOf, startedBy, weekOf, type DashboardScope } from "./scope";

export type Counted = { key: string; count: number };
export type VisitsKpi = {
  current: number;
  previous: number;
  weekly: { week: string; visits: number }[];
  byClinician: Counted[];
  byType: Counted[];
};

/** Arrived appointments (checked in or completed) starting in the period. */
export async function visitsKpi(tx: Tx, s: DashboardScope): Promise<VisitsKpi> {
  const p = s.period;
  const { rows } = await tx.execute<{ kpi: VisitsKpi }>(sql`
    WITH a AS MATERIALIZED (
      SELECT a.clinician_id, a.type_id, ${weekOf(sql`a.starts_at`, s.timeZone)} AS week,
             a.starts_at >= ${sql`(${p.from}::date::timestamp AT TIME ZONE ${s.timeZone})`} AS current
        FROM appointments a
       WHERE ${appointmentsIn(s, p.previousFrom, p.to)} AND a.status IN ${ARRIVED})
    SELECT json_build_object(
      'current', (SELECT count(*) FROM a WHERE current),
      'previous', (SELECT count(*) FROM a WHERE NOT current),
      'weekly', (SELECT coalesce(json_agg(json_build_object('week', week, 'visits', n) ORDER BY week), '[]')
                   FROM (SELECT week, count(*) AS n FROM a WHERE current GROUP BY week) w),
      'byClinician', (SELECT coalesce(json_agg(json_build_object('key', clinician_id, 'count', n) ORDER BY n DESC), '[]')
                   FROM (SELECT clinician_id, count(*) AS n FROM a WHERE current GROUP BY clinician_id) c),
      'byType', (SELECT coalesce(json_agg(json_build_object('key', type_id, 'count', n) ORDER BY n DESC), '[]')
                   FROM (SELECT type_id, count(*) AS n FROM a WHERE current GROUP BY type_id) t)) AS kpi`);
  return rows[0]!.kpi;
}

export type AttendanceCounts = {
  scheduled: number;
  arrived: number;
  lateCancel: number;
  cancelled: number;
  noShow: number;
  notMarked: number;
};
export type AttendanceKpi = {
  current: AttendanceCounts;
  previous: AttendanceCounts;
  weekly: ({ week: string } & AttendanceCounts)[];
};

const countsSql = sql`'scheduled', count(*),
  'arrived', count(*) FILTER (WHERE outcome = 'arrived'),
  'lateCancel', count(*) FILTER (WHERE outcome = 'late_cancel'),
  'cancelled', count(*) FILTER (WHERE outcome IN ('late_cancel', 'cancelled')),
  'noShow', count(*) FILTER (WHERE outcome = 'no_show'),
  'notMarked', count(*) FILTER (WHERE outcome = 'not_marked')`;

/**
 * Appointments scheduled in the period that have started by now (any status, cancelled ones
 * included), by outcome. `cancelled` counts every cancellation, late ones included.
 */
export async function attendanceKpi(tx: Tx, s: DashboardScope): Promise<AttendanceKpi> {
  const p = s.period;
  const { rows } = await tx.execute<{ kpi: AttendanceKpi }>(sql`
    WITH a AS MATERIALIZED (
      SELECT ${outcomeOf(s)} AS outcome, ${weekOf(sql`a.starts_at`, s.timeZone)} AS week,
             a.starts_at >= ${sql`(${p.from}::date::timestamp AT TIME ZONE ${s.timeZone})`} AS current
        FROM appointments a
       WHERE ${appointmentsIn(s, p.previousFrom, p.to)} ${startedBy(s)})
    SELECT json_build_object(
      'current', (SELECT json_build_object(${countsSql}) FROM a WHERE current),
      'previous', (SELECT json_build_object(${countsSql}) FROM a WHERE NOT current),
      'weekly', (SELECT coalesce(json_agg(w ORDER BY week), '[]') FROM (
                   SELECT week, count(*) AS scheduled,
                          count(*) FILTER (WHERE outcome = 'arrived') AS arrived,
                          count(*) FILTER (WHERE outcome = 'late_cancel') AS "lateCancel",
                          count(*) FILTER (WHERE outcome IN ('late_cancel', 'cancelled')) AS cancelled,
                          count(*) FILTER (WHERE outcome = 'no_show') AS "noShow",
                          count(*) FILTER (WHERE outcome = 'not_marked') AS "notMarked"
                     FROM a WHERE current GROUP BY week) w)) AS kpi`);
  return rows[0]!.kpi;
}

export const DRILL_OUTCOMES = ["arrived", "late_cancel", "cancelled", "no_show", "not_marked"] as const;

export type AppointmentRow = {
  id: string;
  localDate: string;
  localTime: string;
  patientId: string;
  patientName: string;
  clinicianId: string;
  clinicianName: string;
  typeName: string;
  outcome: (typeof DRILL_OUTCOMES)[number];
};

/**
 * The appointments behind a number, current period: "visits" (arrived), "scheduled" (every row
 * of the attendance rates), or one outcome ("no_show", "late_cancel", "cancelled" = all cancels).
 */
export async function appointmentRows(
  tx: Tx,
  s: DashboardScope,
  which: "visits" | "scheduled" | "no_show" | "late_cancel" | "cancelled",
): Promise<AppointmentRow[]> {
  const p = s.period;
  const keep =
    which === "visits"
      ? sql`AND a.status IN ${ARRIVED}`
      : which === "scheduled"
        ? startedBy(s)
        : which === "cancelled"
          ? sql`${startedBy(s)} AND a.status = 'cancelled'`
          : sql`${startedBy(s)} AND ${outcomeOf(s)} = ${which}`;
  const { rows } = await tx.execute<AppointmentRow>(sql`
    SELECT a.id, to_char(a.starts_at AT TIME ZONE ${s.timeZone}, 'YYYY-MM-DD') AS "localDate",
           to_char(a.starts_at AT TIME ZONE ${s.timeZone}, 'HH24:MI') AS "localTime",
           a.patient_id AS "patientId", p.first_name || ' ' || p.last_name AS "patientName",
           a.clinician_id AS "clinicianId", u.name AS "clinicianName", t.name AS "typeName",
           ${outcomeOf(s)} AS outcome
      FROM appointments a
      JOIN patients p ON p.clinic_id = a.clinic_id AND p.id = a.patient_id
      JOIN appointment_types t ON t.clinic_id = a.clinic_id AND t.id = a.type_id
      JOIN users u ON u.id = a.clinician_id
     WHERE ${appointmentsIn(s, p.from, p.to)} ${keep}
     ORDER BY a.starts_at, a.id`);
  return rows;
}

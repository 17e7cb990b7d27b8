// KPIs 1 and 2: visits (arrived appointments) and the attendance rates of scheduled appointments.
// Each is a fragment of the dashboard's one statement (statement.ts) over the period's rows `pa`;
// the drill-downs below use the same fragments of scope.ts, so a CSV has exactly as many rows as
// the number it explains.
import { sql, type SQL } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { appointmentsIn, ARRIVED, outcomeOf, startedBy, type DashboardScope } from "./scope";

export type Counted = { key: string; count: number };
export type VisitsKpi = {
  current: number;
  previous: number;
  weekly: { week: string; visits: number }[];
  byClinician: Counted[];
  byType: Counted[];
};

/** Arrived appointments (checked in or completed) starting in the period: a fragment over `pa` (scope.ts). */
export const visitsSql = (): SQL => sql`(
  SELECT json_build_object(
    'current', count(*) FILTER (WHERE current),
    'previous', count(*) FILTER (WHERE NOT current),
    'weekly', (SELECT coalesce(json_agg(json_build_object('week', week, 'visits', n) ORDER BY week), '[]')
                 FROM (SELECT week, count(*) AS n FROM pa WHERE current AND outcome = 'arrived' GROUP BY week) w),
    'byClinician', (SELECT coalesce(json_agg(json_build_object('key', clinician_id, 'count', n) ORDER BY n DESC, clinician_id), '[]')
                 FROM (SELECT clinician_id, count(*) AS n FROM pa WHERE current AND outcome = 'arrived' GROUP BY 1) c),
    'byType', (SELECT coalesce(json_agg(json_build_object('key', type_id, 'count', n) ORDER BY n DESC, type_id), '[]')
                 FROM (SELECT type_id, count(*) AS n FROM pa WHERE current AND outcome = 'arrived' GROUP BY 1) t))
    FROM pa WHERE outcome = 'arrived')`;

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
 * included), by outcome. `cancelled` counts every cancellation, late ones included. Over `pa`.
 */
export const attendanceSql = (): SQL => sql`(
  SELECT json_build_object(
    'current', (SELECT json_build_object(${countsSql}) FROM pa WHERE started AND current),
    'previous', (SELECT json_build_object(${countsSql}) FROM pa WHERE started AND NOT current),
    'weekly', (SELECT coalesce(json_agg(w ORDER BY week), '[]') FROM (
                 SELECT week, count(*) AS scheduled,
                        count(*) FILTER (WHERE outcome = 'arrived') AS arrived,
                        count(*) FILTER (WHERE outcome = 'late_cancel') AS "lateCancel",
                        count(*) FILTER (WHERE outcome IN ('late_cancel', 'cancelled')) AS cancelled,
                        count(*) FILTER (WHERE outcome = 'no_show') AS "noShow",
                        count(*) FILTER (WHERE outcome = 'not_marked') AS "notMarked"
                   FROM pa WHERE started AND current GROUP BY week) w)))`;

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

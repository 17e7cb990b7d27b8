// KPIs 1 and 2: visits (arrived appointments) and the attendance rates of scheduled appointments.
// Each is a fragment of the dashboard's one statement (statement.ts) over the period's counts `pc` (counts.ts);
// the drill-downs below use the same fragments of scope.ts, so a CSV has exactly as many rows as
// the number it explains.
import { sql, type SQL } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { countSet, type CountSet } from "./counts";
import { appointmentsIn, ARRIVED, outcomeOf, startedBy, type DashboardScope } from "./scope";

export type Counted = { key: string; count: number };
export type VisitsKpi = {
  current: number;
  previous: number;
  weekly: { week: string; visits: number }[];
  byClinician: Counted[];
  byType: Counted[];
};

// the period before: its stretch up to the point now is at in this period (`started`, counts.ts)
const arrived = (set: CountSet, period: "current" | "previous" = "current") =>
  sql`FROM pc WHERE ${countSet(set)} AND pc.outcome = 'arrived' AND ${period === "current" ? sql`pc.current` : sql`NOT pc.current AND pc.started`}`;

/**
 * Arrived appointments (checked in or completed) starting in the period, and in the stretch of the
 * period before that it is compared with: a fragment over `pc` (counts.ts).
 */
export const visitsSql = (): SQL => sql`json_build_object(
  'current', (SELECT coalesce(sum(n), 0) ${arrived("totals")}),
  'previous', (SELECT coalesce(sum(n), 0) ${arrived("totals", "previous")}),
  'weekly', (SELECT coalesce(json_agg(json_build_object('week', week, 'visits', n) ORDER BY week), '[]')
               FROM (SELECT week, sum(n) AS n ${arrived("weekly")} GROUP BY week) w),
  'byClinician', (SELECT coalesce(json_agg(json_build_object('key', clinician_id, 'count', n) ORDER BY n DESC, clinician_id), '[]')
               ${arrived("byClinician")}),
  'byType', (SELECT coalesce(json_agg(json_build_object('key', type_id, 'count', n) ORDER BY n DESC, type_id), '[]')
               ${arrived("byType")}))`;

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

const counts = (n: SQL) => sql`'scheduled', coalesce(sum(${n}), 0),
  'arrived', coalesce(sum(${n}) FILTER (WHERE outcome = 'arrived'), 0),
  'lateCancel', coalesce(sum(${n}) FILTER (WHERE outcome = 'late_cancel'), 0),
  'cancelled', coalesce(sum(${n}) FILTER (WHERE outcome IN ('late_cancel', 'cancelled')), 0),
  'noShow', coalesce(sum(${n}) FILTER (WHERE outcome = 'no_show'), 0),
  'notMarked', coalesce(sum(${n}) FILTER (WHERE outcome = 'not_marked'), 0)`;

/**
 * Appointments scheduled in the period that have started by now (any status, cancelled ones
 * included), by outcome; in the period before, those that started in its compared stretch. `cancelled` counts every cancellation, late ones included. Over `pc`.
 */
export const attendanceSql = (): SQL => sql`json_build_object(
  'current', (SELECT json_build_object(${counts(sql`n`)}) FROM pc WHERE ${countSet("totals")} AND started AND current),
  'previous', (SELECT json_build_object(${counts(sql`n`)}) FROM pc WHERE ${countSet("totals")} AND started AND NOT current),
  'weekly', (SELECT coalesce(json_agg(w.counts ORDER BY w.week), '[]')
               FROM (SELECT week, json_build_object('week', week, ${counts(sql`n`)}) AS counts
                       FROM pc WHERE ${countSet("weekly")} AND started AND current GROUP BY week) w))`;

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
  /** A 24 h or 2 h reminder email of it was sent (appointments.reminded). */
  reminded: boolean;
  /** Its length: the booked minutes utilization counts when it holds a clinician's time. */
  minutes: number;
  /** Starts after now (not marked yet, and not expected to be). */
  upcoming: boolean;
};

/**
 * The appointments behind a number, current period: "visits" (arrived), "scheduled" (every row
 * of the attendance rates), one outcome ("no_show", "late_cancel", "cancelled" = all cancels), or
 * "reminders" (those the reminder KPI compares: arrived or no-show, reminded or not), or "booked"
 * (utilization's booked time: every appointment of the period, upcoming ones too, not cancelled,
 * with a clinician who takes appointments).
 */
export async function appointmentRows(
  tx: Tx,
  s: DashboardScope,
  which: "visits" | "scheduled" | "no_show" | "late_cancel" | "cancelled" | "reminders" | "booked",
): Promise<AppointmentRow[]> {
  const p = s.period;
  const keep =
    which === "visits"
      ? sql`AND a.status IN ${ARRIVED}`
      : which === "scheduled"
        ? startedBy(s)
        : which === "cancelled"
          ? sql`${startedBy(s)} AND a.status = 'cancelled'`
          : which === "reminders"
            ? sql`${startedBy(s)} AND ${outcomeOf(s)} IN ('arrived', 'no_show')`
            : which === "booked"
              ? sql`AND a.status <> 'cancelled' AND a.clinician_id IN
                      (SELECT user_id FROM memberships WHERE clinic_id = ${s.clinicId} AND takes_appointments)`
              : sql`${startedBy(s)} AND ${outcomeOf(s)} = ${which}`;
  const { rows } = await tx.execute<AppointmentRow>(sql`
    SELECT a.id, to_char(a.starts_at AT TIME ZONE ${s.timeZone}, 'YYYY-MM-DD') AS "localDate",
           to_char(a.starts_at AT TIME ZONE ${s.timeZone}, 'HH24:MI') AS "localTime",
           a.patient_id AS "patientId", p.first_name || ' ' || p.last_name AS "patientName",
           a.clinician_id AS "clinicianId", u.name AS "clinicianName", t.name AS "typeName",
           ${outcomeOf(s)} AS outcome, a.reminded,
           (extract(epoch FROM a.ends_at - a.starts_at) / 60)::int AS minutes,
           a.starts_at >= ${s.now.toISOString()}::timestamptz AS upcoming
      FROM appointments a
      JOIN patients p ON p.clinic_id = a.clinic_id AND p.id = a.patient_id
      JOIN appointment_types t ON t.clinic_id = a.clinic_id AND t.id = a.type_id
      JOIN users u ON u.id = a.clinician_id
     WHERE ${appointmentsIn(s, p.from, p.to)} ${keep}
     ORDER BY a.starts_at, a.id`);
  return rows;
}

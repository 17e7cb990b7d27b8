// KPIs 4 and 5: new patients (first arrived visit ever falls in the period) by referral source,
// and patients at risk of dropping out: an open episode of care or a visit in the last 30 days,
// and no future appointment. The clinician and type filters apply to the first visit (new
// patients); the clinician filter to the last visit's clinician, or the open episode's when the
// patient has not been seen (at risk). Fragments of the dashboard's statement; the lists use the same rows.
import { sql, type SQL } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { ARRIVED, localMidnight, previousUntil, weekOf, type DashboardScope } from "./scope";

export type NewPatientsKpi = {
  current: number;
  previous: number;
  weekly: { week: string; patients: number }[];
  bySource: { source: string | null; count: number }[];
};

/**
 * Patients whose first arrived visit ever is in [fromDate, to), with its clinician and type
 * filtered: from dashboard_patient_visits (kept exact by triggers on appointments, 0025).
 */
function firstVisits(s: DashboardScope, fromDate: string): SQL {
  return sql`
    SELECT v.patient_id, v.first_visit_at AS starts_at, v.first_clinician_id AS clinician_id
      FROM dashboard_patient_visits v
     WHERE v.clinic_id = ${s.clinicId}
       AND v.first_visit_at >= ${localMidnight(fromDate, s.timeZone)}
       AND v.first_visit_at < ${localMidnight(s.period.to, s.timeZone)}
       ${s.clinicianId ? sql`AND v.first_clinician_id = ${s.clinicianId}` : sql``}
       ${s.typeId ? sql`AND v.first_type_id = ${s.typeId}` : sql``}`;
}

/** New patients of the period and of the stretch of the previous one it is compared with (scope.ts previousUntil). */
export const newPatientsSql = (s: DashboardScope): SQL => sql`(
  WITH n AS MATERIALIZED (
    -- current: in the period; false: in the stretch of the period before it is compared with; null: neither
    SELECT CASE WHEN f.starts_at >= ${localMidnight(s.period.from, s.timeZone)} THEN true
                WHEN f.starts_at < ${previousUntil(s)} THEN false END AS current,
           ${weekOf(sql`f.starts_at`, s.timeZone)} AS week, p.referral_source
      FROM (${firstVisits(s, s.period.previousFrom)}) f
      JOIN patients p ON p.clinic_id = ${s.clinicId} AND p.id = f.patient_id)
  SELECT json_build_object(
    'current', (SELECT count(*) FROM n WHERE current),
    'previous', (SELECT count(*) FROM n WHERE NOT current),
    'weekly', (SELECT coalesce(json_agg(json_build_object('week', week, 'patients', c) ORDER BY week), '[]')
                 FROM (SELECT week, count(*) AS c FROM n WHERE current GROUP BY week) w),
    'bySource', (SELECT coalesce(json_agg(json_build_object('source', referral_source, 'count', c)
                                          ORDER BY c DESC, referral_source), '[]')
                 FROM (SELECT referral_source, count(*) AS c FROM n WHERE current GROUP BY 1) r)))`;

export type PatientRow = {
  patientId: string;
  patientName: string;
  phone: string | null;
  referralSource: string | null;
  firstVisit: string;
  clinicianName: string;
};

export async function newPatientRows(tx: Tx, s: DashboardScope): Promise<PatientRow[]> {
  const { rows } = await tx.execute<PatientRow>(sql`
    SELECT p.id AS "patientId", p.first_name || ' ' || p.last_name AS "patientName", p.phone,
           p.referral_source AS "referralSource",
           to_char(f.starts_at AT TIME ZONE ${s.timeZone}, 'YYYY-MM-DD HH24:MI') AS "firstVisit",
           u.name AS "clinicianName"
      FROM (${firstVisits(s, s.period.from)}) f
      JOIN patients p ON p.clinic_id = ${s.clinicId} AND p.id = f.patient_id
      JOIN users u ON u.id = f.clinician_id
     ORDER BY f.starts_at, p.id`);
  return rows;
}

export type AtRiskRow = {
  patientId: string;
  patientName: string;
  phone: string | null;
  lastVisit: string | null;
  clinicianId: string | null;
  clinicianName: string | null;
  visits: number;
  openEpisode: boolean;
};

/**
 * Unscheduled patients for the front desk to call, most recently seen first. Not tied to the
 * period. Visits and the last visit come from dashboard_patient_visits, which counts every arrived
 * visit; a patient whose last one is after now (marked ahead of time) is counted from appointments.
 * A fragment of the dashboard's statement, answering a JSON array of AtRiskRow.
 */
export function atRiskSql(s: DashboardScope): SQL {
  const now = sql`${s.now.toISOString()}::timestamptz`;
  const arrivedOf = (patient: SQL) =>
    sql`a.clinic_id = ${s.clinicId} AND a.patient_id = ${patient} AND a.status IN ${ARRIVED} AND a.starts_at <= ${now}`;
  return sql`(
    WITH candidates AS (
      SELECT patient_id FROM episodes WHERE clinic_id = ${s.clinicId} AND status = 'active'
      UNION
      SELECT v.patient_id FROM dashboard_patient_visits v
       WHERE v.clinic_id = ${s.clinicId} AND v.last_visit_at >= ${now} - interval '30 days'
         AND (v.last_visit_at <= ${now} OR EXISTS (
               SELECT 1 FROM appointments a WHERE ${arrivedOf(sql`v.patient_id`)}
                  AND a.starts_at >= ${now} - interval '30 days'))),
    seen AS (
      -- the summary's numbers, or (only when its last visit is after now) the appointments' own
      SELECT c.patient_id,
             CASE WHEN v.last_visit_at IS NULL THEN 0 WHEN v.last_visit_at <= ${now} THEN v.visits
                  ELSE (SELECT count(*)::int FROM appointments a WHERE ${arrivedOf(sql`c.patient_id`)}) END AS visits,
             CASE WHEN v.last_visit_at <= ${now} THEN v.last_visit_at
                  ELSE (SELECT a.starts_at FROM appointments a WHERE ${arrivedOf(sql`c.patient_id`)}
                         ORDER BY a.starts_at DESC LIMIT 1) END AS last_visit,
             CASE WHEN v.last_visit_at <= ${now} THEN v.last_clinician_id
                  ELSE (SELECT a.clinician_id FROM appointments a WHERE ${arrivedOf(sql`c.patient_id`)}
                         ORDER BY a.starts_at DESC LIMIT 1) END AS clinician_id
        FROM candidates c
        LEFT JOIN dashboard_patient_visits v ON v.clinic_id = ${s.clinicId} AND v.patient_id = c.patient_id
       -- the next booked appointment, found in start order through the (clinic, patient, start) index: a
       -- plain NOT EXISTS lets the generic plan read every booking of the patient from the overlap index
       WHERE NOT EXISTS (SELECT 1 FROM (SELECT 1 FROM appointments f
                                         WHERE f.clinic_id = ${s.clinicId} AND f.patient_id = c.patient_id
                                           AND f.status = 'booked' AND f.starts_at > ${now}
                                         ORDER BY f.starts_at LIMIT 1) next))
    SELECT coalesce(json_agg(json_build_object(
             'patientId', p.id, 'patientName', p.first_name || ' ' || p.last_name, 'phone', p.phone,
             'lastVisit', to_char(seen.last_visit AT TIME ZONE ${s.timeZone}, 'YYYY-MM-DD HH24:MI'),
             'clinicianId', coalesce(seen.clinician_id, ep.clinician_id), 'clinicianName', u.name,
             'visits', seen.visits, 'openEpisode', ep.found IS NOT NULL)
             ORDER BY seen.last_visit DESC NULLS LAST, p.last_name, p.id), '[]')
      FROM seen
      JOIN patients p ON p.clinic_id = ${s.clinicId} AND p.id = seen.patient_id
      LEFT JOIN LATERAL (SELECT true AS found, e.clinician_id FROM episodes e
                          WHERE e.clinic_id = ${s.clinicId} AND e.patient_id = p.id AND e.status = 'active'
                          ORDER BY e.started_at DESC LIMIT 1) ep ON true
      LEFT JOIN users u ON u.id = coalesce(seen.clinician_id, ep.clinician_id)
     WHERE true ${s.clinicianId ? sql`AND coalesce(seen.clinician_id, ep.clinician_id) = ${s.clinicianId}` : sql``})`;
}

// KPIs 4 and 5: new patients (first arrived visit ever falls in the period) by referral source,
// and patients at risk of dropping out: an open episode of care or a visit in the last 30 days,
// and no future appointment. The clinician and type filters apply to the first visit (new
// patients); the clinician filter to the last visit's clinician, or the open episode's when the
// patient has not been seen (at risk). One SQL statement each; the lists use the same rows.
import { sql, type SQL } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { ARRIVED, localMidnight, weekOf, type DashboardScope } from "./scope";

export type NewPatientsKpi = {
  current: number;
  previous: number;
  weekly: { week: string; patients: number }[];
  bySource: { source: string | null; count: number }[];
};

/** Each patient's first arrived visit before the end of the period, kept when it is in [fromDate, to). */
function firstVisits(s: DashboardScope, fromDate: string): SQL {
  return sql`
    SELECT * FROM (
      SELECT DISTINCT ON (a.patient_id) a.patient_id, a.starts_at, a.clinician_id, a.type_id
        FROM appointments a
       WHERE a.clinic_id = ${s.clinicId} AND a.status IN ${ARRIVED}
         AND a.starts_at < ${localMidnight(s.period.to, s.timeZone)}
       ORDER BY a.patient_id, a.starts_at) f
     WHERE f.starts_at >= ${localMidnight(fromDate, s.timeZone)}
       ${s.clinicianId ? sql`AND f.clinician_id = ${s.clinicianId}` : sql``}
       ${s.typeId ? sql`AND f.type_id = ${s.typeId}` : sql``}`;
}

export async function newPatientsKpi(tx: Tx, s: DashboardScope): Promise<NewPatientsKpi> {
  const { rows } = await tx.execute<{ kpi: NewPatientsKpi }>(sql`
    WITH n AS MATERIALIZED (
      SELECT f.starts_at >= ${localMidnight(s.period.from, s.timeZone)} AS current,
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
                   FROM (SELECT referral_source, count(*) AS c FROM n WHERE current GROUP BY 1) r)) AS kpi`);
  return rows[0]!.kpi;
}

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

/** Unscheduled patients for the front desk to call, most recently seen first. Not tied to the period. */
export async function atRiskRows(tx: Tx, s: DashboardScope): Promise<AtRiskRow[]> {
  const now = sql`${s.now.toISOString()}::timestamptz`;
  const { rows } = await tx.execute<AtRiskRow>(sql`
    WITH candidates AS (
      SELECT patient_id FROM episodes WHERE clinic_id = ${s.clinicId} AND status = 'active'
      UNION
      SELECT patient_id FROM appointments
       WHERE clinic_id = ${s.clinicId} AND status IN ${ARRIVED}
         AND starts_at >= ${now} - interval '30 days' AND starts_at <= ${now}),
    seen AS (
      SELECT c.patient_id, v.visits, l.starts_at AS last_visit, l.clinician_id
        FROM candidates c
        CROSS JOIN LATERAL (SELECT count(*)::int AS visits FROM appointments a
                             WHERE a.clinic_id = ${s.clinicId} AND a.patient_id = c.patient_id
                               AND a.status IN ${ARRIVED} AND a.starts_at <= ${now}) v
        LEFT JOIN LATERAL (SELECT a.starts_at, a.clinician_id FROM appointments a
                            WHERE a.clinic_id = ${s.clinicId} AND a.patient_id = c.patient_id
                              AND a.status IN ${ARRIVED} AND a.starts_at <= ${now}
                            ORDER BY a.starts_at DESC LIMIT 1) l ON true
       WHERE NOT EXISTS (SELECT 1 FROM appointments f
                          WHERE f.clinic_id = ${s.clinicId} AND f.patient_id = c.patient_id
                            AND f.status = 'booked' AND f.starts_at > ${now}))
    SELECT p.id AS "patientId", p.first_name || ' ' || p.last_name AS "patientName", p.phone,
           to_char(seen.last_visit AT TIME ZONE ${s.timeZone}, 'YYYY-MM-DD HH24:MI') AS "lastVisit",
           coalesce(seen.clinician_id, ep.clinician_id) AS "clinicianId", u.name AS "clinicianName", seen.visits,
           ep.found IS NOT NULL AS "openEpisode"
      FROM seen
      JOIN patients p ON p.clinic_id = ${s.clinicId} AND p.id = seen.patient_id
      LEFT JOIN LATERAL (SELECT true AS found, e.clinician_id FROM episodes e
                          WHERE e.clinic_id = ${s.clinicId} AND e.patient_id = p.id AND e.status = 'active'
                          ORDER BY e.started_at DESC LIMIT 1) ep ON true
      LEFT JOIN users u ON u.id = coalesce(seen.clinician_id, ep.clinician_id)
     WHERE true ${s.clinicianId ? sql`AND coalesce(seen.clinician_id, ep.clinician_id) = ${s.clinicianId}` : sql``}
     ORDER BY seen.last_visit DESC NULLS LAST, p.last_name, p.id`);
  return rows;
}

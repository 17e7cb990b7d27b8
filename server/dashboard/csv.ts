// A drill-down as CSV: one line per row the number counts, local dates and times of the clinic.
import { csvField } from "@/server/consent/log";
import { minorDigits } from "@/app/_lib/money";
import type { DrillDown } from "./load";

/** 12345 USD → "123.45" (a plain number for spreadsheets). */
const minorToDecimal = (amount: number, currency: string) =>
  (amount / 10 ** minorDigits(currency)).toFixed(minorDigits(currency));

type Column = [header: string, value: (row: Record<string, unknown>) => unknown];
const col = (header: string, key: string): Column => [header, (r) => r[key]];

const APPOINTMENT_COLUMNS: Column[] = [
  col("date", "localDate"),
  col("time", "localTime"),
  col("patient", "patientName"),
  col("clinician", "clinicianName"),
  col("type", "typeName"),
  col("outcome", "outcome"),
  col("patient_id", "patientId"),
  col("appointment_id", "id"),
];

const REVENUE_COLUMNS: Column[] = [
  col("date", "localDate"),
  col("patient", "patientName"),
  col("clinician", "clinicianName"),
  col("type", "typeName"),
  col("kind", "kind"),
  col("method", "method"),
  ["amount", (r) => minorToDecimal(Number(r.amountMinor), String(r.currency))],
  col("currency", "currency"),
  col("patient_id", "patientId"),
  col("id", "id"),
];

const COLUMNS: Record<DrillDown["kind"], Column[]> = {
  revenue_charged: REVENUE_COLUMNS,
  revenue_collected: REVENUE_COLUMNS,
  revenue_refunded: REVENUE_COLUMNS,
  revenue_outstanding: REVENUE_COLUMNS,
  visits: APPOINTMENT_COLUMNS,
  scheduled: APPOINTMENT_COLUMNS,
  no_show: APPOINTMENT_COLUMNS,
  late_cancel: APPOINTMENT_COLUMNS,
  cancelled: APPOINTMENT_COLUMNS,
  booked: [...APPOINTMENT_COLUMNS.slice(0, 5), col("minutes", "minutes"), ...APPOINTMENT_COLUMNS.slice(5)],
  reminders: [
    ...APPOINTMENT_COLUMNS.slice(0, 6),
    ["reminder_sent", (r) => (r.reminded ? "yes" : "no")],
    ...APPOINTMENT_COLUMNS.slice(6),
  ],
  new_patients: [
    col("first_visit", "firstVisit"),
    col("patient", "patientName"),
    col("phone", "phone"),
    col("referral_source", "referralSource"),
    col("clinician", "clinicianName"),
    col("patient_id", "patientId"),
  ],
  at_risk: [
    col("patient", "patientName"),
    col("phone", "phone"),
    col("last_visit", "lastVisit"),
    col("clinician", "clinicianName"),
    col("visits", "visits"),
    ["open_episode", (r) => (r.openEpisode ? "yes" : "no")],
    col("patient_id", "patientId"),
  ],
  episodes: [
    col("patient", "patientName"),
    col("clinician", "clinicianName"),
    col("started", "started"),
    col("discharged", "discharged"),
    col("visits", "visits"),
    col("episode_id", "episodeId"),
  ],
  outcomes: [
    col("patient", "patientName"),
    col("clinician", "clinicianName"),
    col("discharged", "discharged"),
    col("questionnaire", "instrumentName"),
    col("first_score", "baseline"),
    col("latest_score", "latest"),
    col("change", "change"),
    ["reached_mcid", (r) => (r.reachedMcid ? "yes" : "no")],
    col("patient_id", "patientId"),
    col("episode_id", "episodeId"),
  ],
  adherence: [
    col("patient", "patientName"),
    col("program", "title"),
    col("assigned_by", "clinicianName"),
    col("adherence_percent", "percentDone"),
    col("sessions_done", "sessionsDone"),
    col("sessions_expected", "sessionsExpected"),
    col("last_logged", "lastActivity"),
    col("patient_id", "patientId"),
    col("program_id", "programId"),
  ],
};

export function drillDownCsv(drill: DrillDown): string {
  const columns = COLUMNS[drill.kind];
  const lines = [columns.map(([h]) => h).join(",")];
  for (const row of drill.rows as readonly object[]) {
    const r = row as Record<string, unknown>;
    lines.push(columns.map(([, value]) => csvField(String(value(r) ?? ""))).join(","));
  }
  return `${lines.join("\r\n")}\r\n`;
}

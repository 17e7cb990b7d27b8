// The audit view as CSV: one line per audit row, times in the clinic's zone and in UTC.
import { localDateTime } from "@/server/scheduling/zoned-time";
import { actionLabel, actorLabel } from "./labels";
import type { AuditRow } from "./read";

const HEADER = [
  "when_local",
  "when_utc",
  "who",
  "who_email",
  "action",
  "what",
  "entity",
  "entity_id",
  "patient_count",
  "patients",
  "patient_ids",
  "via",
];

/** One CSV field: quoted when needed; a leading = + - @ is neutralised so spreadsheets do not run it. */
function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** "2026-03-31 14:05:09" on the clinic's clock. */
export function localStamp(at: Date, timeZone: string): string {
  const { date, minutes } = localDateTime(at, timeZone);
  const seconds = Math.floor(minutes * 60);
  return `${date} ${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
}

export function auditLogCsv(rows: readonly AuditRow[], timeZone: string): string {
  const lines = [HEADER.join(",")];
  for (const r of rows) {
    lines.push(
      [
        localStamp(r.at, timeZone),
        r.at.toISOString(),
        actorLabel(r),
        r.actor?.email ?? "",
        r.action,
        actionLabel(r.action),
        r.entity,
        r.entityId ?? "",
        String(r.patientCount),
        r.patients.map((p) => p.name).join("; "),
        r.patients.map((p) => p.id).join(" "),
        r.via ?? r.procedure ?? "",
      ]
        .map(csvField)
        .join(","),
    );
  }
  return `${lines.join("\r\n")}\r\n`;
}

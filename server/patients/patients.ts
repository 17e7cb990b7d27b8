// Patient records. Every write carries clinic_id in the statement and leaves an audit row.
import { and, asc, eq, isNull, like, sql } from "drizzle-orm";
import { serially, type Tx } from "@/db/client";
import { auditLog, patients, type Patient, type Role } from "@/db/schema";
import { recordAudit } from "@/server/audit";
import { createPatientLinkToken } from "@/server/auth/patient-links";
import { publicUrl } from "@/server/env";
import { DomainError, notFound } from "@/server/errors";
import type { PatientFields } from "./schemas";

type Actor = { clinicId: string; userId: string };
/** Who is asking decides what of the record they see: the front desk does scheduling, not care. */
type Reader = { role: Role };

/** Clinical notes are for clinicians and owners; the front desk sees everything scheduling needs. */
export const readsClinicalNotes = (role: Role) => role !== "front_desk";

/** A patient as one reader sees them: without `notes` for the front desk. */
export type PatientView = Omit<Patient, "notes"> & { notes?: string | null };

export function patientView(patient: Patient, reader: Reader): PatientView {
  if (readsClinicalNotes(reader.role)) return patient;
  const { notes: _notes, ...scheduling } = patient;
  return scheduling;
}

/** The front desk may register and correct patients, but not write clinical notes. */
function refuseNotesFrom(reader: Reader, input: PatientFields) {
  if (!readsClinicalNotes(reader.role) && input.notes != null) {
    throw new DomainError("CLINICAL_NOTES", "Only clinicians and owners can write clinical notes.", "FORBIDDEN");
  }
}

const normalise = (input: PatientFields) => ({
  firstName: input.firstName,
  lastName: input.lastName,
  email: input.email ?? null,
  phone: input.phone ?? null,
  dateOfBirth: input.dateOfBirth ?? null,
  notes: input.notes ?? null,
});

export async function listPatients(
  tx: Tx,
  clinicId: string,
  input: { search?: string; limit: number; offset: number },
  reader: Reader = { role: "owner" },
): Promise<{ patients: PatientView[]; total: number }> {
  // Every word typed must appear somewhere in name, email or phone ("Reyes, Jordan" works).
  const words = (input.search ?? "")
    .toLowerCase()
    .split(/[\s,]+/)
    .filter(Boolean)
    .slice(0, 5);
  const patterns = words.map((w) => `%${w.replace(/[%_\\]/g, (c) => `\\${c}`)}%`);
  const order = [asc(sql`lower(${patients.lastName})`), asc(sql`lower(${patients.firstName})`)];
  if (!patterns.length) {
    const [rows, [count]] = await serially(
      () =>
        tx
          .select()
          .from(patients)
          .where(eq(patients.clinicId, clinicId))
          .orderBy(...order)
          .limit(input.limit)
          .offset(input.offset),
      () =>
        tx
          .select({ n: sql<number>`count(*)::int` })
          .from(patients)
          .where(eq(patients.clinicId, clinicId)),
    );
    return { patients: rows.map((p) => patientView(p, reader)), total: count?.n ?? 0 };
  }
  // The trigram match runs in app_patient_search_ids (migration 0024): under row-level security
  // LIKE is not leakproof, so PostgreSQL would filter the whole clinic instead of using the index.
  // It answers one page of ids (or every match, to count); the rows are then read here under RLS,
  // with clinic_id and every LIKE checked again.
  const patternArray = sql`ARRAY[${sql.join(
    patterns.map((p) => sql`${p}`),
    sql`, `,
  )}]::text[]`;
  const page = sql`SELECT app_patient_search_ids(${clinicId}::uuid, ${patternArray}, ${input.limit}::int, ${input.offset}::int)`;
  const [rows, count] = await serially(
    () =>
      tx
        .select()
        .from(patients)
        .where(
          and(
            eq(patients.clinicId, clinicId),
            sql`${patients.id} IN (${page})`,
            ...patterns.map((p) => like(patients.searchText, p)),
          ),
        )
        .orderBy(...order, asc(patients.id)),
    () =>
      tx.execute<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM app_patient_search_ids(${clinicId}::uuid, ${patternArray})`,
      ),
  );
  return { patients: rows.map((p) => patientView(p, reader)), total: count.rows[0]?.n ?? 0 };
}

export async function getPatient(tx: Tx, clinicId: string, id: string) {
  const [patient] = await tx
    .select()
    .from(patients)
    .where(and(eq(patients.clinicId, clinicId), eq(patients.id, id)));
  if (!patient) throw notFound("That patient");
  return patient;
}

/** One patient as `reader` may see them. */
export async function readPatient(tx: Tx, clinicId: string, id: string, reader: Reader): Promise<PatientView> {
  return patientView(await getPatient(tx, clinicId, id), reader);
}

export async function createPatient(tx: Tx, actor: Actor & Partial<Reader>, input: PatientFields) {
  const reader = { role: actor.role ?? "owner" };
  refuseNotesFrom(reader, input);
  const [patient] = await tx
    .insert(patients)
    .values({ clinicId: actor.clinicId, ...normalise(input) })
    .returning();
  await recordAudit(tx, {
    clinicId: actor.clinicId,
    actorUserId: actor.userId,
    action: "patient.create",
    entity: "patient",
    entityId: patient!.id,
  });
  return patientView(patient!, reader);
}

export async function updatePatient(tx: Tx, actor: Actor & Partial<Reader>, input: PatientFields & { id: string }) {
  const reader = { role: actor.role ?? "owner" };
  const before = await getPatient(tx, actor.clinicId, input.id);
  refuseNotesFrom(reader, input);
  // The front desk's form has no notes: what a clinician wrote stays as it is.
  const { notes: _notes, ...schedulingFields } = normalise(input);
  const values = readsClinicalNotes(reader.role) ? normalise(input) : schedulingFields;
  const [patient] = await tx
    .update(patients)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(patients.clinicId, actor.clinicId), eq(patients.id, input.id)))
    .returning();
  if (!patient) throw notFound("That patient");
  const changed = (Object.keys(values) as (keyof typeof values)[]).filter((k) => before[k] !== values[k]);
  await recordAudit(tx, {
    clinicId: actor.clinicId,
    actorUserId: actor.userId,
    action: "patient.update",
    entity: "patient",
    entityId: input.id,
    details: { fields: changed },
  });
  return patientView(patient, reader);
}

export async function patientHistory(tx: Tx, clinicId: string, id: string) {
  return tx
    .select()
    .from(auditLog)
    .where(
      and(
        eq(auditLog.clinicId, clinicId),
        eq(auditLog.entity, "patient"),
        eq(auditLog.entityId, id),
        isNull(auditLog.patientIds), // changes only; reads are in the owners' audit view
      ),
    )
    .orderBy(sql`${auditLog.at} desc`)
    .limit(50);
}

export const PORTAL_LINK_DAYS = 30;

/** A signed link the patient can open without a password (purpose "plan"), valid 30 days. */
export async function patientPortalLink(tx: Tx, actor: Actor, id: string) {
  await getPatient(tx, actor.clinicId, id);
  const token = createPatientLinkToken({
    clinicId: actor.clinicId,
    patientId: id,
    purpose: "plan",
    ttlSeconds: PORTAL_LINK_DAYS * 86_400,
  });
  await recordAudit(tx, {
    clinicId: actor.clinicId,
    actorUserId: actor.userId,
    action: "patient.portal_link",
    entity: "patient",
    entityId: id,
  });
  return { url: new URL(`/p/${token}`, publicUrl()).toString(), days: PORTAL_LINK_DAYS };
}

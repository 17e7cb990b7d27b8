// Patient records. Every write carries clinic_id in the statement and leaves an audit row.
import { and, asc, eq, isNull, like, sql } from "drizzle-orm";
import { serially, type Tx } from "@/db/client";
import { auditLog, patients } from "@/db/schema";
import { recordAudit } from "@/server/audit";
import { createPatientLinkToken } from "@/server/auth/patient-links";
import { publicUrl } from "@/server/env";
import { notFound } from "@/server/errors";
import type { PatientFields } from "./schemas";

type Actor = { clinicId: string; userId: string };

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
) {
  // Every word typed must appear somewhere in name, email or phone ("Reyes, Jordan" works).
  const words = (input.search ?? "")
    .toLowerCase()
    .split(/[\s,]+/)
    .filter(Boolean)
    .slice(0, 5);
  const where = and(
    eq(patients.clinicId, clinicId),
    ...words.map((w) => like(patients.searchText, `%${w.replace(/[%_\\]/g, (c) => `\\${c}`)}%`)),
  );
  const [rows, [count]] = await serially(
    () =>
      tx
        .select()
        .from(patients)
        .where(where)
        .orderBy(asc(sql`lower(${patients.lastName})`), asc(sql`lower(${patients.firstName})`))
        .limit(input.limit)
        .offset(input.offset),
    () =>
      tx
        .select({ n: sql<number>`count(*)::int` })
        .from(patients)
        .where(where),
  );
  return { patients: rows, total: count?.n ?? 0 };
}

export async function getPatient(tx: Tx, clinicId: string, id: string) {
  const [patient] = await tx
    .select()
    .from(patients)
    .where(and(eq(patients.clinicId, clinicId), eq(patients.id, id)));
  if (!patient) throw notFound("That patient");
  return patient;
}

export async function createPatient(tx: Tx, actor: Actor, input: PatientFields) {
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
  return patient!;
}

export async function updatePatient(tx: Tx, actor: Actor, input: PatientFields & { id: string }) {
  const before = await getPatient(tx, actor.clinicId, input.id);
  const values = normalise(input);
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
  return patient;
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

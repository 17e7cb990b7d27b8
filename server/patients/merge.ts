// Self-booked patients: a public booking always creates a new record (server/booking/public-booking.ts).
// The front desk sees possible matches among the clinic's charts — the same email, or the same name
// (and birth date when both have one) — and either keeps the record as a new patient or merges it
// into a chart: everything it owns (appointments, messages, episodes, programs, payments, cards …; the
// list in patient-owned.ts) moves, in one transaction, audited.
import { and, eq, isNotNull, isNull, ne, or, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { patientMerges, patients } from "@/db/schema";
import { recordAudit } from "@/server/audit";
import { DomainError, notFound } from "@/server/errors";
import { movePatientRows } from "./patient-owned";
import { getPatient } from "./patients";

type Actor = { clinicId: string; userId: string };

export type PossibleMatch = {
  id: string;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  dateOfBirth: string | null;
  /** What matched: "email", "name" (and birth date when both have one). */
  reasons: ("email" | "name")[];
};

/** Charts (not self-booked) that may be the same person as this self-booked patient; [] for any other patient. */
export async function possibleMatches(tx: Tx, clinicId: string, id: string): Promise<PossibleMatch[]> {
  const p = await getPatient(tx, clinicId, id);
  if (!p.selfBookedAt) return [];
  const sameEmail = p.email ? sql`lower(${patients.email}) = ${p.email.toLowerCase()}` : sql`false`;
  const sameName = and(
    sql`lower(${patients.firstName}) = ${p.firstName.toLowerCase()}`,
    sql`lower(${patients.lastName}) = ${p.lastName.toLowerCase()}`,
    p.dateOfBirth ? or(isNull(patients.dateOfBirth), eq(patients.dateOfBirth, p.dateOfBirth)) : sql`true`,
  );
  const rows = await tx
    .select({
      id: patients.id,
      firstName: patients.firstName,
      lastName: patients.lastName,
      email: patients.email,
      phone: patients.phone,
      dateOfBirth: patients.dateOfBirth,
      byEmail: sameEmail.mapWith(Boolean),
    })
    .from(patients)
    .where(
      and(eq(patients.clinicId, clinicId), ne(patients.id, id), isNull(patients.selfBookedAt), or(sameEmail, sameName)),
    )
    .orderBy(sql`lower(${patients.lastName})`, sql`lower(${patients.firstName})`)
    .limit(5);
  return rows.map(({ byEmail, ...r }) => {
    const sameNameToo =
      r.firstName.toLowerCase() === p.firstName.toLowerCase() && r.lastName.toLowerCase() === p.lastName.toLowerCase();
    const reasons: PossibleMatch["reasons"] = [];
    if (byEmail) reasons.push("email");
    if (sameNameToo) reasons.push("name");
    return { ...r, reasons };
  });
}

/**
 * For a select joined to patients: whether this (self-booked) patient has a possible match, the same
 * test as possibleMatches in one expression (the calendar shows "Possible match" from it).
 */
export function selfBookedHasMatch() {
  // Run as the table owner for the clinic in app.clinic_id (migration 0024): under RLS the same
  // EXISTS cannot use the email/name indexes (lower() is not leakproof) and reads every patient.
  return sql<boolean>`(${patients.selfBookedAt} IS NOT NULL AND app_self_booked_has_match(${patients.clinicId}, ${patients.id}))`.mapWith(
    Boolean,
  );
}

/** "Keep as a new patient": the record stops being self-booked. */
export async function keepSelfBooked(tx: Tx, actor: Actor, id: string) {
  const [kept] = await tx
    .update(patients)
    .set({ selfBookedAt: null, updatedAt: new Date() })
    .where(and(eq(patients.clinicId, actor.clinicId), eq(patients.id, id), isNotNull(patients.selfBookedAt)))
    .returning();
  if (!kept) throw notFound("That self-booked patient");
  await recordAudit(tx, {
    clinicId: actor.clinicId,
    actorUserId: actor.userId,
    action: "patient.keep_self_booked",
    entity: "patient",
    entityId: id,
  });
  return kept;
}

/** Moves everything of the self-booked patient `fromId` to the chart `intoId` and removes the duplicate. */
export async function mergeSelfBooked(tx: Tx, actor: Actor, input: { fromId: string; intoId: string }) {
  if (input.fromId === input.intoId)
    throw new DomainError("MERGE_SAME", "Choose another patient to merge into.", "BAD_REQUEST");
  const from = await getPatient(tx, actor.clinicId, input.fromId);
  const into = await getPatient(tx, actor.clinicId, input.intoId);
  if (!from.selfBookedAt)
    throw new DomainError("NOT_SELF_BOOKED", "Only a self-booked patient can be merged into a chart.", "CONFLICT");
  if (into.selfBookedAt)
    throw new DomainError("MERGE_INTO_SELF_BOOKED", "Merge into a chart the clinic has confirmed.", "CONFLICT");
  // Everything the duplicate owns (server/patients/patient-owned.ts, checked against the catalog).
  const moved = await movePatientRows(tx, actor.clinicId, from.id, into.id);
  await tx.insert(patientMerges).values({
    clinicId: actor.clinicId,
    fromPatientId: from.id,
    intoPatientId: into.id,
    mergedBy: actor.userId,
  });
  await tx.delete(patients).where(and(eq(patients.clinicId, actor.clinicId), eq(patients.id, from.id)));
  const details = { fromPatientId: from.id, intoPatientId: into.id, moved };
  for (const entityId of [into.id, from.id]) {
    await recordAudit(tx, {
      clinicId: actor.clinicId,
      actorUserId: actor.userId,
      action: "patient.merge",
      entity: "patient",
      entityId,
      details,
    });
  }
  return { intoId: into.id, moved };
}

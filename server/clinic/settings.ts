import { eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { clinics, type WeeklyHours } from "@/db/schema";
import { recordAudit } from "@/server/audit";
import { notFound } from "@/server/errors";
import type { ClinicProfileInput, IdleTimeoutInput } from "./schemas";

type Actor = { clinicId: string; userId: string };

export async function getClinic(tx: Tx, clinicId: string) {
  const [clinic] = await tx.select().from(clinics).where(eq(clinics.id, clinicId));
  if (!clinic) throw notFound("The clinic");
  return clinic;
}

export async function updateClinicProfile(tx: Tx, actor: Actor, input: ClinicProfileInput) {
  const [clinic] = await tx
    .update(clinics)
    .set({
      name: input.name,
      timeZone: input.timeZone,
      ...(input.locale ? { locale: input.locale } : {}),
      ...(input.currency ? { currency: input.currency } : {}),
      email: input.email ?? null,
      phone: input.phone ?? null,
      address: input.address ?? null,
    })
    .where(eq(clinics.id, actor.clinicId))
    .returning();
  if (!clinic) throw notFound("The clinic");
  await recordAudit(tx, {
    clinicId: actor.clinicId,
    actorUserId: actor.userId,
    action: "clinic.update_profile",
    entity: "clinic",
    entityId: actor.clinicId,
    details: { ...input },
  });
  return clinic;
}

export async function updateOpeningHours(tx: Tx, actor: Actor, hours: WeeklyHours) {
  const [clinic] = await tx
    .update(clinics)
    .set({ openingHours: hours })
    .where(eq(clinics.id, actor.clinicId))
    .returning();
  if (!clinic) throw notFound("The clinic");
  await recordAudit(tx, {
    clinicId: actor.clinicId,
    actorUserId: actor.userId,
    action: "clinic.update_hours",
    entity: "clinic",
    entityId: actor.clinicId,
    details: { hours },
  });
  return clinic;
}

/** The clinic's idle timeout; for someone in several clinics the strictest applies (server/auth/sessions.ts). */
export async function updateIdleTimeout(tx: Tx, actor: Actor, input: IdleTimeoutInput) {
  const [clinic] = await tx
    .update(clinics)
    .set({ idleTimeoutMinutes: input.idleTimeoutMinutes })
    .where(eq(clinics.id, actor.clinicId))
    .returning({ idleTimeoutMinutes: clinics.idleTimeoutMinutes });
  if (!clinic) throw notFound("The clinic");
  await recordAudit(tx, {
    clinicId: actor.clinicId,
    actorUserId: actor.userId,
    action: "clinic.update_idle_timeout",
    entity: "clinic",
    entityId: actor.clinicId,
    details: { ...input },
  });
  return clinic;
}

// Which reminders a clinic sends (owners). Switching one off stops reminders not yet sent too:
// the sender checks the setting again at send time.
import { eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { clinics } from "@/db/schema";
import { recordAudit } from "@/server/audit";
import { notFound } from "@/server/errors";
import type { ReminderSettingsInput } from "./schemas";

const columns = { reminder24h: clinics.reminder24hEnabled, reminder2h: clinics.reminder2hEnabled };

export async function getReminderSettings(tx: Tx, clinicId: string) {
  const [row] = await tx.select(columns).from(clinics).where(eq(clinics.id, clinicId));
  if (!row) throw notFound("The clinic");
  return row;
}

export async function updateReminderSettings(
  tx: Tx,
  actor: { clinicId: string; userId: string },
  input: ReminderSettingsInput,
) {
  const [row] = await tx
    .update(clinics)
    .set({
      ...(input.reminder24h === undefined ? {} : { reminder24hEnabled: input.reminder24h }),
      ...(input.reminder2h === undefined ? {} : { reminder2hEnabled: input.reminder2h }),
    })
    .where(eq(clinics.id, actor.clinicId))
    .returning(columns);
  if (!row) throw notFound("The clinic");
  await recordAudit(tx, {
    clinicId: actor.clinicId,
    actorUserId: actor.userId,
    action: "clinic.update_reminders",
    entity: "clinic",
    entityId: actor.clinicId,
    details: { ...row },
  });
  return row;
}

// Queueing the plan email inside the transaction that assigns a program version: one message per
// version (key `plan:<programId>:v<version>`), so assigning twice, or a retried request, queues
// it once. A patient who cannot be emailed gets the message already skipped with the reason, so
// the clinic sees why no plan went out.
import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { messages, patients } from "@/db/schema";
import { wakeDispatcher } from "@/server/jobs/queues";
import { recipientSkipReason } from "./deliver";
import { planMessageKey } from "./plan";

export type QueuedPlan = { key: string; queued: boolean; skipReason: string | null };

export async function queuePlanMessage(
  tx: Tx,
  input: { clinicId: string; patientId: string; programId: string; version: number },
  now: Date,
): Promise<QueuedPlan> {
  const key = planMessageKey(input.programId, input.version);
  const [patient] = await tx
    .select({ email: patients.email, emailOptOutAt: patients.emailOptOutAt })
    .from(patients)
    .where(and(eq(patients.clinicId, input.clinicId), eq(patients.id, input.patientId)));
  const reason = recipientSkipReason(patient ?? null, "plan");
  const [inserted] = await tx
    .insert(messages)
    .values({
      clinicId: input.clinicId,
      patientId: input.patientId,
      kind: "plan",
      key,
      dueAt: now,
      state: reason ? "skipped" : "pending",
      skipReason: reason,
      toEmail: reason ? (patient?.email ?? null) : null,
      details: { programId: input.programId, version: String(input.version) },
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing({ target: [messages.clinicId, messages.key] })
    .returning({ state: messages.state, skipReason: messages.skipReason });
  if (inserted) {
    if (inserted.state === "pending") await wakeDispatcher(tx);
    return { key, queued: inserted.state === "pending", skipReason: inserted.skipReason };
  }
  const [existing] = await tx
    .select({ state: messages.state, skipReason: messages.skipReason })
    .from(messages)
    .where(and(eq(messages.clinicId, input.clinicId), eq(messages.key, key)));
  return {
    key,
    queued: !!existing && existing.state !== "skipped" && existing.state !== "failed",
    skipReason: existing?.skipReason ?? null,
  };
}

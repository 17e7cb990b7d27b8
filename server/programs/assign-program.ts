// Giving the program to the patient: the current version is frozen (assigned_at set once; the
// next save starts a new version), the program's revision moves on, and the plan email is queued
// in the same transaction. A stale revision changes nothing.
import { and, eq, isNull, ne, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { programs, programVersions } from "@/db/schema";
import { recordAudit } from "@/server/audit";
import { queuePlanMessage } from "@/server/messages/queue-plan";
import { refuseProgramChange, type Actor } from "./save-program";

export type AssignedProgram = {
  id: string;
  version: number;
  revision: number;
  assignedAt: Date;
  emailQueued: boolean;
  emailSkipReason: string | null;
};

export async function assignProgram(
  tx: Tx,
  actor: Actor,
  input: { id: string; expectedRevision: number },
  now = new Date(),
): Promise<AssignedProgram> {
  const [program] = await tx
    .update(programs)
    .set({
      status: "assigned",
      assignedVersion: sql`${programs.currentVersion}`,
      revision: sql`${programs.revision} + 1`,
      updatedAt: now,
    })
    .where(
      and(
        eq(programs.clinicId, actor.clinicId),
        eq(programs.id, input.id),
        eq(programs.revision, input.expectedRevision),
        ne(programs.status, "archived"),
      ),
    )
    .returning({
      id: programs.id,
      patientId: programs.patientId,
      version: programs.currentVersion,
      revision: programs.revision,
    });
  if (!program) return refuseProgramChange(tx, actor.clinicId, input.id);

  // Frozen once: assigning the same version again keeps its first assignment time.
  await tx
    .update(programVersions)
    .set({ assignedAt: now, assignedBy: actor.userId, updatedAt: now })
    .where(
      and(
        eq(programVersions.clinicId, actor.clinicId),
        eq(programVersions.programId, program.id),
        eq(programVersions.version, program.version),
        isNull(programVersions.assignedAt),
      ),
    );
  const [version] = await tx
    .select({ assignedAt: programVersions.assignedAt })
    .from(programVersions)
    .where(
      and(
        eq(programVersions.clinicId, actor.clinicId),
        eq(programVersions.programId, program.id),
        eq(programVersions.version, program.version),
      ),
    );

  const email = await queuePlanMessage(
    tx,
    { clinicId: actor.clinicId, patientId: program.patientId, programId: program.id, version: program.version },
    now,
  );
  await recordAudit(tx, {
    clinicId: actor.clinicId,
    actorUserId: actor.userId,
    action: "program.assign",
    entity: "program",
    entityId: program.id,
    details: { version: program.version, email: email.queued ? "queued" : (email.skipReason ?? "not queued") },
  });
  return {
    id: program.id,
    version: program.version,
    revision: program.revision,
    assignedAt: version!.assignedAt!,
    emailQueued: email.queued,
    emailSkipReason: email.skipReason,
  };
}

/**
 * Takes the program away from the patient: their plan page falls back to their latest other
 * program (or none), an unsent plan email is skipped ("archived"), and it can no longer be changed.
 * Its history and the patient's logs stay.
 */
export async function archiveProgram(
  tx: Tx,
  actor: Actor,
  input: { id: string; expectedRevision: number },
  now = new Date(),
) {
  const [program] = await tx
    .update(programs)
    .set({ status: "archived", revision: sql`${programs.revision} + 1`, updatedAt: now })
    .where(
      and(
        eq(programs.clinicId, actor.clinicId),
        eq(programs.id, input.id),
        eq(programs.revision, input.expectedRevision),
        ne(programs.status, "archived"),
      ),
    )
    .returning({ id: programs.id, revision: programs.revision, status: programs.status });
  if (!program) return refuseProgramChange(tx, actor.clinicId, input.id);
  await recordAudit(tx, {
    clinicId: actor.clinicId,
    actorUserId: actor.userId,
    action: "program.archive",
    entity: "program",
    entityId: program.id,
  });
  return program;
}

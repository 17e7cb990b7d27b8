// "Move to the next phase now": the clinician starts the patient's next phase today (clinic-local)
// instead of on its scheduled day. One conditional UPDATE claims the revision the clinician read
// (a double click or a colleague's change in between: STALE, nothing written); the move is a row
// of program_phase_moves (one per phase, its primary key), which phases.ts applies from then on.
import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { programPhaseMoves, programs, programVersions } from "@/db/schema";
import { recordAudit } from "@/server/audit";
import { DomainError } from "@/server/errors";
import { phaseMoves, phaseNow, type PhaseNow } from "./adherence";
import { phaseStatus } from "./phases";
import { refuseProgramChange, type Actor } from "./save-program";

export type AdvancedPhase = { id: string; revision: number; phase: PhaseNow };

export async function advancePhase(
  tx: Tx,
  actor: Actor,
  input: { id: string; expectedRevision: number; today: string },
  now = new Date(),
): Promise<AdvancedPhase> {
  const [program] = await tx
    .update(programs)
    .set({ revision: sql`${programs.revision} + 1`, updatedAt: now })
    .where(
      and(
        eq(programs.clinicId, actor.clinicId),
        eq(programs.id, input.id),
        eq(programs.revision, input.expectedRevision),
        eq(programs.status, "assigned"),
      ),
    )
    .returning({ id: programs.id, revision: programs.revision, version: programs.assignedVersion });
  if (!program) {
    const [draft] = await tx
      .select({ status: programs.status, revision: programs.revision })
      .from(programs)
      .where(and(eq(programs.clinicId, actor.clinicId), eq(programs.id, input.id)));
    if (draft?.status === "draft" && draft.revision === input.expectedRevision)
      throw new DomainError("NOT_ASSIGNED", "Assign the program first: the patient has no phase to move on from yet.");
    return refuseProgramChange(tx, actor.clinicId, input.id);
  }
  const version = program.version!;
  const [given] = await tx
    .select({ startDate: programVersions.startDate, phases: programVersions.phases })
    .from(programVersions)
    .where(
      and(
        eq(programVersions.clinicId, actor.clinicId),
        eq(programVersions.programId, program.id),
        eq(programVersions.version, version),
      ),
    );
  const moves = (await phaseMoves(tx, actor.clinicId, [program.id])).get(program.id) ?? [];
  const status = phaseStatus(given!.startDate, given!.phases, moves, input.today);
  if (!status.phased)
    throw new DomainError(
      "NOT_PHASED",
      "This program's phases have no start dates, so all of its exercises are already due.",
      "CONFLICT",
    );
  if (status.current.length === 0)
    throw new DomainError(
      "NOT_STARTED",
      "This program hasn't started yet. Change its start date instead of moving it to the next phase.",
      "CONFLICT",
    );
  if (!status.next)
    throw new DomainError("LAST_PHASE", "The patient is already in the program's last phase.", "CONFLICT");

  const next = status.next.index;
  await tx
    .insert(programPhaseMoves)
    .values({
      clinicId: actor.clinicId,
      programId: program.id,
      phaseIndex: next,
      startsOn: input.today,
      version,
      movedBy: actor.userId,
      movedAt: now,
    })
    .onConflictDoUpdate({
      target: [programPhaseMoves.clinicId, programPhaseMoves.programId, programPhaseMoves.phaseIndex],
      set: { startsOn: input.today, version, movedBy: actor.userId, movedAt: now },
    });
  await recordAudit(tx, {
    clinicId: actor.clinicId,
    actorUserId: actor.userId,
    action: "program.phase_move",
    entity: "program",
    entityId: program.id,
    details: { version, phase: next + 1, scheduledStart: status.next.startsOn, startsOn: input.today },
  });
  const phase = phaseNow(
    given!,
    [...moves.filter((m) => m.phaseIndex !== next), { phaseIndex: next, startsOn: input.today }],
    input.today,
  );
  return { id: program.id, revision: program.revision, phase: phase! };
}

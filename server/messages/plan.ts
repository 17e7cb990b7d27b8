// The plan email's facts: what a `plan` message (key `plan:<programId>:v<version>`) is about. The
// sender loads them in its clinic transaction and skips the message if that version is no longer
// the one the patient has (a newer one was assigned, or the program was archived).
import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { programs, type Message } from "@/db/schema";
import { loadVersionView, type ProgramPhaseView } from "@/server/programs/read-programs";

export { planMessageKey } from "./plan-key";

export type PlanEmailData = {
  programId: string;
  version: number;
  title: string;
  startDate: string;
  daysPerWeek: number;
  clinicianName: string | null;
  /** Why this version should not be emailed any more, or null. */
  stale: "archived" | "superseded" | null;
  phases: ProgramPhaseView[];
};

/** The program version a plan message names (details.programId / details.version), or null if it is gone. */
export async function loadPlanEmail(
  tx: Tx,
  message: Pick<Message, "clinicId" | "details">,
): Promise<PlanEmailData | null> {
  const programId = message.details?.programId;
  const version = Number(message.details?.version);
  if (!programId || !Number.isInteger(version)) return null;
  const [program] = await tx
    .select({ status: programs.status, assignedVersion: programs.assignedVersion })
    .from(programs)
    .where(and(eq(programs.clinicId, message.clinicId), eq(programs.id, programId)));
  if (!program) return null;
  const view = await loadVersionView(tx, message.clinicId, programId, version);
  if (!view || !view.assignedAt) return null;
  return {
    programId,
    version,
    title: view.title,
    startDate: view.startDate,
    daysPerWeek: view.daysPerWeek,
    clinicianName: view.clinicianName,
    stale: program.status === "archived" ? "archived" : program.assignedVersion !== version ? "superseded" : null,
    phases: view.phaseViews,
  };
}

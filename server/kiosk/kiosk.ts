// Handing the tablet to a patient: a clinician or owner starts the kiosk for one open
// questionnaire; leaving it takes that staff member's password. Every start, leave and wrong
// password is in the audit log; five wrong passwords in 15 minutes pause further tries.
import { and, count, eq, gt } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { auditLog, outcomeRequests, users } from "@/db/schema";
import { recordAudit } from "@/server/audit";
import { verifyPassword } from "@/server/auth/password";
import { DomainError, notFound } from "@/server/errors";
import { openInClinic } from "@/server/outcomes/answers";
import { withClinic } from "@/server/tenancy";

type Actor = { clinicId: string; userId: string };

export const KIOSK_MAX_FAILURES = 5;
export const KIOSK_FAILURE_WINDOW_MINUTES = 15;

/** Checks the questionnaire can be answered now and records the hand-over; returns whose it is. */
export async function startKiosk(tx: Tx, actor: Actor, input: { requestId: string }) {
  const [request] = await tx
    .select({ patientId: outcomeRequests.patientId })
    .from(outcomeRequests)
    .where(and(eq(outcomeRequests.clinicId, actor.clinicId), eq(outcomeRequests.id, input.requestId)));
  if (!request) throw notFound("That questionnaire");
  const view = await openInClinic(tx, actor.clinicId, input);
  if (view.state !== "open") {
    throw new DomainError("NOT_OPEN", "This questionnaire cannot be answered now, so there is nothing to hand over.");
  }
  await recordAudit(tx, {
    clinicId: actor.clinicId,
    actorUserId: actor.userId,
    action: "kiosk.start",
    entity: "outcome_request",
    entityId: input.requestId,
    details: { patientId: request.patientId },
  });
  return { patientId: request.patientId };
}

/**
 * The staff member's own password ends the kiosk. A wrong one is recorded in its own transaction
 * (it must survive the refusal) and counts towards the pause.
 */
export async function leaveKiosk(
  db: Db,
  tx: Tx,
  actor: Actor,
  input: { password: string; requestId: string },
  now = new Date(),
) {
  const since = new Date(now.getTime() - KIOSK_FAILURE_WINDOW_MINUTES * 60_000);
  const [failures] = await tx
    .select({ n: count() })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.clinicId, actor.clinicId),
        eq(auditLog.actorUserId, actor.userId),
        eq(auditLog.action, "kiosk.leave_refused"),
        gt(auditLog.at, since),
      ),
    );
  if ((failures?.n ?? 0) >= KIOSK_MAX_FAILURES) {
    throw new DomainError(
      "KIOSK_PAUSED",
      `Too many wrong passwords. Try again in ${KIOSK_FAILURE_WINDOW_MINUTES} minutes, or sign out to end the session.`,
      "TOO_MANY_REQUESTS",
    );
  }
  const [user] = await tx.select({ hash: users.passwordHash }).from(users).where(eq(users.id, actor.userId));
  if (!(await verifyPassword(input.password, user?.hash))) {
    await withClinic(db, actor.clinicId, (own) =>
      recordAudit(own, {
        clinicId: actor.clinicId,
        actorUserId: actor.userId,
        action: "kiosk.leave_refused",
        entity: "outcome_request",
        entityId: input.requestId,
      }),
    );
    throw new DomainError(
      "WRONG_PASSWORD",
      "That is not your password. The tablet stays with the patient.",
      "FORBIDDEN",
    );
  }
  await recordAudit(tx, {
    clinicId: actor.clinicId,
    actorUserId: actor.userId,
    action: "kiosk.leave",
    entity: "outcome_request",
    entityId: input.requestId,
  });
}

/** Leaving by signing out: recorded like a return to staff. */
export async function endKioskSession(tx: Tx, actor: Actor, requestId: string) {
  await recordAudit(tx, {
    clinicId: actor.clinicId,
    actorUserId: actor.userId,
    action: "kiosk.end_session",
    entity: "outcome_request",
    entityId: requestId,
  });
}

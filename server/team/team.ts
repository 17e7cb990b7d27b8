// The clinic's team: list, invite (by email, with a role), change role, remove. A clinic always
// keeps at least one owner. A new address gets an account and joins at once; an address that
// already has an account gets an invitation to accept (server/team/invitations.ts).
import { and, asc, eq, sql } from "drizzle-orm";
import { createElement } from "react";
import type { DbOrTx, Tx } from "@/db/client";
import { appointments, memberships, users, type Role } from "@/db/schema";
import TeamInviteEmail, { teamInviteSubject } from "@/emails/team-invite";
import { recordAudit } from "@/server/audit";
import { endUserSessions } from "@/server/auth/sessions";
import { findUserByEmail, magicLinkUrl } from "@/server/auth/sign-in";
import { createSignInToken } from "@/server/auth/tokens";
import { DomainError, notFound } from "@/server/errors";
import { sendEmail } from "@/server/mail/send";
import type { ClinicMembership } from "@/server/tenancy";
import type { SessionUser } from "@/server/trpc";
import { inviteExistingAccount } from "./invitations";
import { ROLE_LABELS } from "./schemas";

export async function listTeam(tx: Tx, clinicId: string) {
  return tx
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      role: memberships.role,
      takesAppointments: memberships.takesAppointments,
      workingHours: memberships.workingHours,
      since: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.clinicId, clinicId))
    .orderBy(asc(users.name));
}

/**
 * Locks the clinic's owner rows until the transaction ends, so two owners demoting or removing
 * each other at the same moment cannot both pass the last-owner check.
 */
async function ownerCount(tx: Tx, clinicId: string) {
  const owners = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.clinicId, clinicId), eq(memberships.role, "owner")))
    .orderBy(asc(memberships.userId))
    .for("update");
  return owners.length;
}

export async function inviteMember(
  db: DbOrTx,
  tx: Tx,
  clinic: ClinicMembership,
  actor: SessionUser,
  input: { email: string; name: string; role: Role },
) {
  const alreadyOn = () =>
    new DomainError("ALREADY_MEMBER", `${input.email} is already on the team at ${clinic.name}.`, "CONFLICT");
  const existing = await findUserByEmail(db, input.email);
  if (existing) {
    // Someone with an account is invited, not added, and nothing about the account comes back.
    const [member] = await tx
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.clinicId, clinic.id), eq(memberships.userId, existing.id)));
    if (member) throw alreadyOn();
    await inviteExistingAccount(tx, clinic, actor, input);
    return { email: input.email, role: input.role };
  }
  const [created] = await tx.insert(users).values({ email: input.email, name: input.name }).returning();
  const user = created!;
  const [added] = await tx
    .insert(memberships)
    .values({ clinicId: clinic.id, userId: user.id, role: input.role })
    .onConflictDoNothing()
    .returning();
  if (!added) throw alreadyOn();
  await recordAudit(tx, {
    clinicId: clinic.id,
    actorUserId: actor.id,
    action: "team.invite",
    entity: "membership",
    entityId: user.id,
    details: { email: input.email, role: input.role },
  });
  const token = await createSignInToken(tx, input.email, "sign-in", 7 * 24 * 60);
  await sendEmail(tx, {
    to: input.email,
    subject: teamInviteSubject({
      inviteeName: user.name,
      inviterName: actor.name,
      clinicName: clinic.name,
      roleLabel: ROLE_LABELS[input.role],
      url: "",
    }),
    template: "team-invite",
    element: createElement(TeamInviteEmail, {
      inviteeName: user.name,
      inviterName: actor.name,
      clinicName: clinic.name,
      roleLabel: ROLE_LABELS[input.role],
      url: magicLinkUrl(token, `/c/${clinic.slug}`),
    }),
    idempotencyKey: `team-invite:${clinic.id}:${user.id}:${added.createdAt.toISOString()}`,
    clinicId: clinic.id,
  });
  // The same answer as for an existing account (above): the invite's address and role.
  return { email: input.email, role: input.role };
}

export async function changeMemberRole(
  tx: Tx,
  clinicId: string,
  actor: SessionUser,
  input: { userId: string; role: Role },
) {
  const [current] = await tx
    .select()
    .from(memberships)
    .where(and(eq(memberships.clinicId, clinicId), eq(memberships.userId, input.userId)));
  if (!current) throw notFound("That team member");
  if (current.role === "owner" && input.role !== "owner" && (await ownerCount(tx, clinicId)) <= 1) {
    throw new DomainError(
      "LAST_OWNER",
      "A clinic needs at least one owner. Make someone else an owner first.",
      "CONFLICT",
    );
  }
  // Clinicians take appointments, front desk never (a check); an owner keeps what they had.
  const takesAppointments =
    input.role === "clinician" ? true : input.role === "front_desk" ? false : current.takesAppointments;
  await tx
    .update(memberships)
    .set({ role: input.role, takesAppointments })
    .where(and(eq(memberships.clinicId, clinicId), eq(memberships.userId, input.userId)));
  await recordAudit(tx, {
    clinicId,
    actorUserId: actor.id,
    action: "team.change_role",
    entity: "membership",
    entityId: input.userId,
    details: { from: current.role, to: input.role },
  });
}

/** Upcoming live appointments of a member (they keep a calendar column until moved or cancelled). */
async function upcomingAppointments(tx: Tx, clinicId: string, userId: string) {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(appointments)
    .where(
      and(
        eq(appointments.clinicId, clinicId),
        eq(appointments.clinicianId, userId),
        sql`${appointments.startsAt} > now() AND ${appointments.status} IN ('booked', 'checked_in')`,
      ),
    );
  return row?.n ?? 0;
}

/** An owner or clinician on the calendar and the booking page, or not (front desk never). */
export async function setTakesAppointments(
  tx: Tx,
  clinicId: string,
  actor: SessionUser,
  input: { userId: string; takesAppointments: boolean },
) {
  const [current] = await tx
    .select()
    .from(memberships)
    .where(and(eq(memberships.clinicId, clinicId), eq(memberships.userId, input.userId)));
  if (!current) throw notFound("That team member");
  if (current.takesAppointments === input.takesAppointments) return { takesAppointments: input.takesAppointments };
  if (input.takesAppointments && current.role === "front_desk") {
    throw new DomainError(
      "NOT_A_PRACTITIONER",
      "Front desk members do not take appointments. Make them a clinician or an owner first.",
      "BAD_REQUEST",
    );
  }
  if (!input.takesAppointments) {
    const upcoming = await upcomingAppointments(tx, clinicId, input.userId);
    if (upcoming > 0) {
      throw new DomainError(
        "HAS_APPOINTMENTS",
        `${current.userId === actor.id ? "You have" : "They have"} ${upcoming} upcoming appointment${upcoming === 1 ? "" : "s"}. Move or cancel them on the calendar first.`,
        "CONFLICT",
      );
    }
  }
  await tx
    .update(memberships)
    .set({ takesAppointments: input.takesAppointments })
    .where(and(eq(memberships.clinicId, clinicId), eq(memberships.userId, input.userId)));
  await recordAudit(tx, {
    clinicId,
    actorUserId: actor.id,
    action: "team.takes_appointments",
    entity: "membership",
    entityId: input.userId,
    details: { takesAppointments: input.takesAppointments },
  });
  return { takesAppointments: input.takesAppointments };
}

export async function removeMember(tx: Tx, clinicId: string, actor: SessionUser, input: { userId: string }) {
  const [current] = await tx
    .select()
    .from(memberships)
    .where(and(eq(memberships.clinicId, clinicId), eq(memberships.userId, input.userId)));
  if (!current) throw notFound("That team member");
  if (current.role === "owner" && (await ownerCount(tx, clinicId)) <= 1) {
    throw new DomainError(
      "LAST_OWNER",
      "A clinic needs at least one owner. Make someone else an owner first.",
      "CONFLICT",
    );
  }
  // Appointments point at the clinician's membership; the clinic's record of them must stay whole.
  const [held] = await tx
    .select({
      upcoming: sql<number>`count(*) FILTER (WHERE ${appointments.startsAt} > now() AND ${appointments.status} = 'booked')::int`,
      all: sql<number>`count(*)::int`,
    })
    .from(appointments)
    .where(and(eq(appointments.clinicId, clinicId), eq(appointments.clinicianId, input.userId)));
  if (held && held.all > 0) {
    throw new DomainError(
      "HAS_APPOINTMENTS",
      held.upcoming > 0
        ? `This clinician has ${held.upcoming} upcoming appointment${held.upcoming === 1 ? "" : "s"}. Move or cancel them on the calendar first; past appointments also keep them on the team, so their records stay complete.`
        : "This clinician has past appointments on record, so they stay on the team to keep those records complete. Change their role instead.",
      "CONFLICT",
    );
  }
  await tx.delete(memberships).where(and(eq(memberships.clinicId, clinicId), eq(memberships.userId, input.userId)));
  // Removal ends every session the person has, here and on any other device (not only this clinic's pages).
  await endUserSessions(tx, { userId: input.userId, reason: "removed_from_clinic" });
  await recordAudit(tx, {
    clinicId,
    actorUserId: actor.id,
    action: "team.remove",
    entity: "membership",
    entityId: input.userId,
    details: { role: current.role },
  });
}

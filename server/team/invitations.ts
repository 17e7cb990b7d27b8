// Inviting someone who already has a Junction account does not add them: they get an invitation
// to accept by emailed link, and the inviter learns nothing about the account (not its name).
// The invitation is a single-use row in auth_tokens whose purpose names the clinic and the role
// ("join:<clinic id>:<role>"); accepting adds the membership and signs the person in.
import { createHash } from "node:crypto";
import { and, eq, gt, isNull, like } from "drizzle-orm";
import { createElement } from "react";
import type { Db, Tx } from "@/db/client";
import { authTokens, clinics, memberships, roleEnum, type Role } from "@/db/schema";
import TeamJoinEmail, { teamJoinSubject } from "@/emails/team-join";
import { recordAudit } from "@/server/audit";
import { findUserByEmail } from "@/server/auth/sign-in";
import { createSignInToken } from "@/server/auth/tokens";
import { appUrl } from "@/server/env";
import { DomainError } from "@/server/errors";
import { sendEmail } from "@/server/mail/send";
import { withClinic, type ClinicMembership } from "@/server/tenancy";
import type { SessionUser } from "@/server/trpc";
import { ROLE_LABELS } from "./schemas";

export const INVITATION_DAYS = 7;

export async function inviteExistingAccount(
  tx: Tx,
  clinic: ClinicMembership,
  actor: SessionUser,
  input: { email: string; role: Role },
) {
  const token = await createSignInToken(tx, input.email, `join:${clinic.id}:${input.role}`, INVITATION_DAYS * 24 * 60);
  await recordAudit(tx, {
    clinicId: clinic.id,
    actorUserId: actor.id,
    action: "team.invite",
    entity: "invitation",
    entityId: null,
    details: { email: input.email, role: input.role, pending: true },
  });
  const url = new URL("/auth/join", appUrl());
  url.searchParams.set("token", token);
  const props = {
    inviterName: actor.name,
    clinicName: clinic.name,
    roleLabel: ROLE_LABELS[input.role],
    url: url.toString(),
  };
  await sendEmail(tx, {
    to: input.email,
    subject: teamJoinSubject(props),
    template: "team-join",
    element: createElement(TeamJoinEmail, props),
    idempotencyKey: `team-join:${clinic.id}:${token.slice(0, 16)}`,
    clinicId: clinic.id,
  });
}

const usedUp = () =>
  new DomainError(
    "INVITATION_LINK",
    "This invitation has expired or was already used. Ask for a new one.",
    "UNAUTHORIZED",
  );

/** The invitation link, used: the membership is added and a one-time sign-in token returned for this browser. */
export async function acceptInvitation(db: Db, token: string) {
  const hash = createHash("sha256").update(token).digest("hex");
  const [row] = await db
    .update(authTokens)
    .set({ usedAt: new Date() })
    .where(
      and(
        eq(authTokens.tokenHash, hash),
        like(authTokens.purpose, "join:%"),
        isNull(authTokens.usedAt),
        gt(authTokens.expiresAt, new Date()),
      ),
    )
    .returning({ email: authTokens.email, purpose: authTokens.purpose });
  if (!row) throw usedUp();
  const [, clinicId, role] = row.purpose.split(":");
  const user = await findUserByEmail(db, row.email);
  if (!clinicId || !user || !roleEnum.enumValues.includes(role as Role)) throw usedUp();
  const slug = await withClinic(db, clinicId, async (tx) => {
    const [clinic] = await tx.select({ slug: clinics.slug }).from(clinics).where(eq(clinics.id, clinicId));
    if (!clinic) throw usedUp();
    const [added] = await tx
      .insert(memberships)
      .values({ clinicId, userId: user.id, role: role as Role })
      .onConflictDoNothing()
      .returning();
    if (added) {
      await recordAudit(tx, {
        clinicId,
        actorUserId: user.id,
        action: "team.join",
        entity: "membership",
        entityId: user.id,
        details: { role },
      });
    }
    return clinic.slug;
  });
  return { slug, signInToken: await createSignInToken(db, user.email) };
}

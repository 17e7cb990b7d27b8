// The signed-in person's own account: changing the password and signing out everywhere both end
// their other sessions (server/auth/sessions.ts); the session asking stays signed in.
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { users } from "@/db/schema";
import { hashPassword, verifyPassword } from "@/server/auth/password";
import { endUserSessions } from "@/server/auth/sessions";
import { DomainError } from "@/server/errors";
import type { SessionUser } from "@/server/trpc";
import type { ChangePasswordInput } from "./schemas";

export async function changePassword(db: DbOrTx, user: SessionUser, input: ChangePasswordInput) {
  const [row] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, user.id));
  // Someone invited by email has no password yet: their emailed link was the proof.
  if (row?.passwordHash && !(await verifyPassword(input.currentPassword, row.passwordHash))) {
    throw new DomainError("WRONG_PASSWORD", "Your current password is not right.", "BAD_REQUEST");
  }
  const passwordHash = await hashPassword(input.newPassword);
  return db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, user.id));
    const endedSessions = await endUserSessions(tx, {
      userId: user.id,
      reason: "password_changed",
      keep: user.sessionId,
    });
    return { endedSessions };
  });
}

export async function signOutEverywhere(db: DbOrTx, user: SessionUser) {
  const endedSessions = await endUserSessions(db, {
    userId: user.id,
    reason: "signed_out_everywhere",
    keep: user.sessionId,
  });
  return { endedSessions };
}

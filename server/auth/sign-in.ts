// Staff sign-in: password or single-use email link. Answers are the same whether or not the
// email has an account; failures slow that email down and stop an IP that sprays (./rate-limit.ts).
import { and, eq, gt, sql } from "drizzle-orm";
import { createElement } from "react";
import type { Db, DbOrTx } from "@/db/client";
import { authTokens, users } from "@/db/schema";
import MagicLinkEmail, { magicLinkSubject } from "@/emails/magic-link";
import { DomainError } from "@/server/errors";
import { appUrl } from "@/server/env";
import { sendEmail } from "@/server/mail/send";
import type { SessionUser } from "@/server/trpc";
import { verifyPassword } from "./password";
import { assertMayTrySignIn, recordSignInFailure, recordSignInSuccess } from "./rate-limit";
import { consumeSignInToken, createSignInToken, MAGIC_LINK_MINUTES } from "./tokens";

export const INVALID_CREDENTIALS = "That email and password do not match an account.";
/** Sign-in links asked for one email, at most 5 in this window. */
const MAGIC_LINK_WINDOW_MINUTES = 15;

export async function findUserByEmail(db: DbOrTx, email: string) {
  const [user] = await db
    .select()
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.trim().toLowerCase()));
  return user ?? null;
}

export async function signInWithPassword(
  db: Db,
  input: { email: string; password: string; ip: string | null },
): Promise<SessionUser> {
  const email = input.email.trim().toLowerCase();
  await assertMayTrySignIn(db, { email, ip: input.ip });
  const user = await findUserByEmail(db, email);
  const ok = await verifyPassword(input.password, user?.passwordHash);
  if (!ok || !user) {
    await recordSignInFailure(db, { email, ip: input.ip });
    throw new DomainError("INVALID_CREDENTIALS", INVALID_CREDENTIALS, "UNAUTHORIZED");
  }
  await recordSignInSuccess(db, email);
  return { id: user.id, email: user.email, name: user.name };
}

export async function signInWithEmailToken(db: DbOrTx, token: string): Promise<SessionUser> {
  const email = await consumeSignInToken(db, token);
  const user = email ? await findUserByEmail(db, email) : null;
  if (!user)
    throw new DomainError(
      "LINK_INVALID",
      "This sign-in link has expired or was already used. Ask for a new one.",
      "UNAUTHORIZED",
    );
  return { id: user.id, email: user.email, name: user.name };
}

export function magicLinkUrl(token: string, next?: string): string {
  const url = new URL("/auth/magic", appUrl());
  url.searchParams.set("token", token);
  if (next) url.searchParams.set("next", next);
  return url.toString();
}

/** Emails a sign-in link when the account exists; says nothing either way. At most 5 per window. */
export async function requestMagicLink(db: DbOrTx, rawEmail: string): Promise<void> {
  const email = rawEmail.trim().toLowerCase();
  const user = await findUserByEmail(db, email);
  if (!user) return;
  const since = new Date(Date.now() - MAGIC_LINK_WINDOW_MINUTES * 60_000);
  const [recent] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(authTokens)
    .where(and(eq(authTokens.email, email), gt(authTokens.createdAt, since)));
  if ((recent?.n ?? 0) >= 5) return;
  const token = await createSignInToken(db, email);
  await sendEmail(db, {
    to: user.email,
    subject: magicLinkSubject(),
    template: "magic-link",
    element: createElement(MagicLinkEmail, { name: user.name, url: magicLinkUrl(token), minutes: MAGIC_LINK_MINUTES }),
    idempotencyKey: `magic-link:${token.slice(0, 16)}`,
  });
}

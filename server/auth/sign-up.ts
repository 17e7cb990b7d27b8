// Sign-up that reveals nothing about other accounts: every sign-up answers the same and finishes
// by an emailed link. A new email gets "confirm and open your clinic" (the clinic and its owner
// are created only when the link is used); an email that already has an account gets "someone
// tried to sign up with your address". The pending sign-up travels in the link itself, encrypted
// (AES-256-GCM, so the password hash inside stays unreadable), and is single-use through its
// hashed row in auth_tokens (hashed as server/auth/tokens.ts does). Both branches hash the password and send one email, so they also
// take about as long.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { and, eq, gt, inArray, sql } from "drizzle-orm";
import { createElement } from "react";
import { z } from "zod";
import type { Db } from "@/db/client";
import { authTokens } from "@/db/schema";
import SignUpConfirmEmail, { signUpConfirmSubject } from "@/emails/sign-up-confirm";
import SignUpExistingEmail, { signUpExistingSubject } from "@/emails/sign-up-existing";
import { startTrialAfterSignUp } from "@/server/billing/subscribe";
import { insertClinicWithNewOwner, assertSlugFree } from "@/server/clinic/create-clinic";
import type { CreateClinicInput } from "@/server/clinic/schemas";
import { appUrl, authSecret } from "@/server/env";
import { DomainError } from "@/server/errors";
import { sendEmail } from "@/server/mail/send";
import { hashPassword } from "./password";
import { findUserByEmail } from "./sign-in";
import { consumeSignInToken, createSignInToken } from "./tokens";

export const SIGN_UP_HOURS = 24;
/** At most this many sign-up emails to one address in 15 minutes; more are silently not sent. */
const MAX_SIGN_UP_EMAILS = 5;
const PURPOSES = { confirm: "sign-up", existing: "sign-up-existing" } as const;

const pendingSchema = z.object({
  clinicName: z.string(),
  slug: z.string(),
  timeZone: z.string(),
  ownerName: z.string(),
  email: z.string(),
  passwordHash: z.string(),
});
type PendingSignUp = z.infer<typeof pendingSchema>;

const key = () => createHash("sha256").update(`sign-up:${authSecret()}`).digest();

function seal(pending: PendingSignUp): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(pending), "utf8"), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url");
}

function unseal(token: string): PendingSignUp | null {
  try {
    const raw = Buffer.from(token, "base64url");
    const decipher = createDecipheriv("aes-256-gcm", key(), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    const json = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
    const parsed = pendingSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const tokenHash = (token: string) => createHash("sha256").update(token).digest("hex");

/** The same answer whether or not the email has an account. */
export const SIGN_UP_ANSWER = { next: "check-email" } as const;

export async function requestSignUp(db: Db, input: CreateClinicInput): Promise<typeof SIGN_UP_ANSWER> {
  // Clinic addresses are public (the booking page), so a taken one may be named.
  await assertSlugFree(db, input.slug);
  const email = input.email.toLowerCase();
  const passwordHash = await hashPassword(input.password);
  const existing = await findUserByEmail(db, email);
  const since = new Date(Date.now() - 15 * 60_000);
  const [recent] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(authTokens)
    .where(
      and(
        eq(authTokens.email, email),
        inArray(authTokens.purpose, Object.values(PURPOSES)),
        gt(authTokens.createdAt, since),
      ),
    );
  if ((recent?.n ?? 0) >= MAX_SIGN_UP_EMAILS) return SIGN_UP_ANSWER;

  if (existing) {
    // A row only to count towards the limit above: this token is never sent anywhere.
    const marker = await createSignInToken(db, email, PURPOSES.existing, 15);
    await sendEmail(db, {
      to: existing.email,
      subject: signUpExistingSubject(),
      template: "sign-up-existing",
      element: createElement(SignUpExistingEmail, {
        name: existing.name,
        signInUrl: new URL("/signin", appUrl()).toString(),
      }),
      idempotencyKey: `sign-up-existing:${marker.slice(0, 16)}`,
    });
    return SIGN_UP_ANSWER;
  }

  const token = seal({ ...input, email, passwordHash });
  await db.insert(authTokens).values({
    tokenHash: tokenHash(token),
    email,
    purpose: PURPOSES.confirm,
    expiresAt: new Date(Date.now() + SIGN_UP_HOURS * 3_600_000),
  });
  const url = new URL("/auth/confirm", appUrl());
  url.searchParams.set("token", token);
  const props = { name: input.ownerName, clinicName: input.clinicName, url: url.toString(), hours: SIGN_UP_HOURS };
  await sendEmail(db, {
    to: email,
    subject: signUpConfirmSubject(props),
    template: "sign-up-confirm",
    element: createElement(SignUpConfirmEmail, props),
    idempotencyKey: `sign-up-confirm:${tokenHash(token).slice(0, 32)}`,
  });
  return SIGN_UP_ANSWER;
}

const expiredLink = () =>
  new DomainError("SIGN_UP_LINK", "This link has expired or was already used. Sign up again.", "UNAUTHORIZED");

/**
 * The emailed link, used: creates the clinic and its owner, and returns a one-time sign-in token
 * for this browser. A clinic address taken in the meantime is refused by name.
 */
export async function confirmSignUp(db: Db, token: string) {
  const pending = unseal(token);
  if (!pending) throw expiredLink();
  if (!(await consumeSignInToken(db, token, PURPOSES.confirm))) throw expiredLink();
  await assertSlugFree(db, pending.slug);
  if (await findUserByEmail(db, pending.email)) {
    throw new DomainError("EMAIL_TAKEN", "This email already has a Junction account. Sign in instead.", "CONFLICT");
  }
  const created = await insertClinicWithNewOwner(db, pending, {
    name: pending.ownerName,
    email: pending.email,
    passwordHash: pending.passwordHash,
  });
  // A new clinic starts its 14-day trial here, as every new clinic does (server/billing/subscribe.ts).
  await startTrialAfterSignUp(db, created.clinicId);
  const signInToken = await createSignInToken(db, pending.email);
  return { ...created, signInToken };
}

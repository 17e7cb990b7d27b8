// Signing in and signing up. Answers never reveal whether an email has an account; failures slow
// that email down (never locking the real person out) and stop an IP that sprays many accounts;
// emailed links work once; sign-up creates clinic and owner together.
import type { TRPCError } from "@trpc/server";
import { and, eq, like } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, onTestFinished, test, vi } from "vitest";
import { authTokens, emailOutbox, users } from "@/db/schema";
import { appDb } from "@/db/client";
import { INVALID_CREDENTIALS, signInWithEmailToken, signInWithPassword } from "@/server/auth/sign-in";
import { env } from "@/server/env";
import { DomainError } from "@/server/errors";
import { anonymousCaller, callerFor, refusal, shownMessage } from "../fixtures/callers";
import { OWNER_PASSWORD, seedClinic, type SeededClinic } from "../fixtures/clinic";
import { adminDb } from "../fixtures/db";
import { rowCounts } from "../fixtures/snapshot";

const SENT_MESSAGE = "If that email has an account, a sign-in link is on its way. It works once, for 15 minutes.";

async function domainError(call: Promise<unknown>): Promise<DomainError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error("Expected the attempt to be refused, but it succeeded");
}

let ipSeq = 0;
/** Each attempt from its own address unless one is given (the spray test uses one for many accounts). */
const signIn = (email: string, password: string, ip = `198.18.${Math.floor(++ipSeq / 250)}.${ipSeq % 250}`) =>
  signInWithPassword(appDb(), { email, password, ip });

/** Moves the clock the limiter reads (Date only: timers and the database driver run as usual). */
function later(seconds: number) {
  if (!vi.isFakeTimers()) vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(Date.now() + seconds * 1000);
}
afterEach(() => {
  vi.useRealTimers();
});

/** The sign-in link in the newest email of this template to this address. */
async function linkTokenFromEmail(to: string, template: string, page = "magic"): Promise<string> {
  const mail = await adminDb()
    .select()
    .from(emailOutbox)
    .where(and(eq(emailOutbox.to, to), eq(emailOutbox.template, template)));
  expect(mail).toHaveLength(1);
  const href = mail[0]!.html.match(new RegExp(`href="([^"]*/auth/${page}\\?[^"]*)"`))?.[1];
  expect(href, "the email contains a sign-in link").toBeDefined();
  const url = new URL(href!.replace(/&amp;/g, "&"));
  expect(mail[0]!.text).toContain(url.origin + url.pathname);
  return url.searchParams.get("token")!;
}

let clinic: SeededClinic;
beforeAll(async () => {
  clinic = await seedClinic();
});

describe("signing in with a password", () => {
  test("works with the right password, whatever the email's case", async () => {
    expect(await signIn(clinic.owner.email.toUpperCase(), OWNER_PASSWORD)).toEqual({
      id: clinic.owner.id,
      email: clinic.owner.email,
      name: clinic.owner.name,
    });
  });

  test("answers an unknown email exactly like a wrong password", async () => {
    const wrongPassword = await domainError(signIn(clinic.owner.email, "not-the-password"));
    const unknownEmail = await domainError(signIn("nobody@nowhere.example", OWNER_PASSWORD));
    expect(wrongPassword).toMatchObject({
      code: "INVALID_CREDENTIALS",
      userMessage: INVALID_CREDENTIALS,
      kind: "UNAUTHORIZED",
    });
    expect({ code: unknownEmail.code, message: unknownEmail.userMessage, kind: unknownEmail.kind }).toEqual({
      code: wrongPassword.code,
      message: wrongPassword.userMessage,
      kind: wrongPassword.kind,
    });
  });

  test("an invited colleague without a password cannot sign in with any password", async () => {
    const error = await domainError(signIn(clinic.clinician.email, ""));
    expect(error.code).toBe("INVALID_CREDENTIALS");
  });

  test("failures on one account make it wait longer each time, and the right password after the wait works", async () => {
    const target = await seedClinic();
    // Two failures cost nothing; then each one doubles the wait: 1, 2, 4 seconds.
    for (const wait of [0, 0, 1, 2, 4]) {
      const failed = await domainError(signIn(target.owner.email, "a-guess"));
      expect(failed.code).toBe("INVALID_CREDENTIALS");
      if (wait < 4) later(wait);
    }
    const waiting = await domainError(signIn(target.owner.email, OWNER_PASSWORD));
    expect(waiting).toMatchObject({ kind: "TOO_MANY_REQUESTS" });
    expect(waiting.userMessage).toBe(
      "Too many attempts on this account — try again in 4 seconds, or sign in with an email link.",
    );
    later(4);
    expect((await signIn(target.owner.email, OWNER_PASSWORD)).id).toBe(target.owner.id);
    // Success ends the run of failures: the next mistake costs nothing again.
    await domainError(signIn(target.owner.email, "a-guess"));
    expect((await signIn(target.owner.email, OWNER_PASSWORD)).id).toBe(target.owner.id);
    // Other accounts are never slowed by it.
    expect((await signIn(clinic.owner.email, OWNER_PASSWORD)).id).toBe(clinic.owner.id);
  });

  test("an email without an account slows down the same way, so the wait reveals nothing", async () => {
    for (let i = 0; i < 3; i++) await domainError(signIn("ghost@nowhere.example", `guess-${i}`));
    const waiting = await domainError(signIn("ghost@nowhere.example", "guess-3"));
    expect(waiting.kind).toBe("TOO_MANY_REQUESTS");
    expect(waiting.userMessage).toMatch(/^Too many attempts on this account — try again in 1 second,/);
  });

  test("a password spray from one IP across many accounts is stopped, even for a right password", async () => {
    const configured = env.LIMIT_SIGNIN_IP_FAILURES;
    env.LIMIT_SIGNIN_IP_FAILURES = 6; // fewer password checks than the default 20, same rule
    onTestFinished(() => {
      env.LIMIT_SIGNIN_IP_FAILURES = configured;
    });
    const sprayer = "203.0.113.66";
    for (let i = 0; i < env.LIMIT_SIGNIN_IP_FAILURES; i++) {
      await domainError(signIn(`person-${i}@spray.example`, "Summer2026!", sprayer));
    }
    const stopped = await domainError(signIn(clinic.owner.email, OWNER_PASSWORD, sprayer));
    expect(stopped).toMatchObject({ kind: "TOO_MANY_REQUESTS" });
    expect(stopped.userMessage).toBe(
      `Too many attempts — try again in ${env.LIMIT_SIGNIN_IP_WINDOW_MINUTES} minutes, or sign in with an email link.`,
    );
    // The accounts it tried are not slowed (one failure each), and people elsewhere sign in as usual.
    expect((await signIn(clinic.owner.email, OWNER_PASSWORD)).id).toBe(clinic.owner.id);
    // The window passes, and the address may try again.
    later(env.LIMIT_SIGNIN_IP_WINDOW_MINUTES * 60 + 1);
    expect((await signIn(clinic.owner.email, OWNER_PASSWORD, sprayer)).id).toBe(clinic.owner.id);
  });
});

describe("signing in with an emailed link", () => {
  test("an existing user gets exactly one email, whose link signs in once", async () => {
    const answer = await anonymousCaller().auth.requestMagicLink({ email: `  ${clinic.owner.email.toUpperCase()} ` });
    expect(answer.message).toBe(SENT_MESSAGE);

    const token = await linkTokenFromEmail(clinic.owner.email, "magic-link");
    expect(await signInWithEmailToken(appDb(), token)).toEqual({
      id: clinic.owner.id,
      email: clinic.owner.email,
      name: clinic.owner.name,
    });

    const again = await domainError(signInWithEmailToken(appDb(), token));
    expect(again).toMatchObject({ code: "LINK_INVALID", kind: "UNAUTHORIZED" });
    expect(again.userMessage).toBe("This sign-in link has expired or was already used. Ask for a new one.");
  });

  test("only a hash of the link's token is stored", async () => {
    await anonymousCaller().auth.requestMagicLink({ email: clinic.frontDesk.email });
    const token = await linkTokenFromEmail(clinic.frontDesk.email, "magic-link");
    const stored = await adminDb().select().from(authTokens).where(eq(authTokens.email, clinic.frontDesk.email));
    expect(stored).toHaveLength(2); // the invitation's link and this one
    expect(stored.map((t) => t.tokenHash)).not.toContain(token);
    expect(stored.map((t) => t.tokenHash).join(" ")).not.toContain(token.slice(0, 12));
  });

  test("an unknown email gets the same answer, and nothing is stored or sent", async () => {
    const before = await rowCounts();
    const answer = await anonymousCaller().auth.requestMagicLink({ email: "stranger@nowhere.example" });
    expect(answer.message).toBe(SENT_MESSAGE);
    expect(await rowCounts()).toEqual(before);
  });

  test("asking again and again sends at most 5 links in 15 minutes, with the same answer each time", async () => {
    const target = await seedClinic();
    for (let i = 0; i < 7; i++) {
      expect((await anonymousCaller().auth.requestMagicLink({ email: target.owner.email })).message).toBe(SENT_MESSAGE);
    }
    const sent = await adminDb()
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.to, target.owner.email), eq(emailOutbox.template, "magic-link")));
    expect(sent).toHaveLength(5);
  });

  test("a made-up token does not sign anyone in", async () => {
    expect((await domainError(signInWithEmailToken(appDb(), "made-up-token"))).code).toBe("LINK_INVALID");
  });

  test("an invited colleague signs in from the invitation email", async () => {
    const token = await linkTokenFromEmail(clinic.clinician.email, "team-invite");
    const user = await signInWithEmailToken(appDb(), token);
    expect(user.id).toBe(clinic.clinician.id);
    const clinics = await callerFor(user, null).me.clinics();
    expect(clinics.map((c) => [c.slug, c.role])).toEqual([[clinic.slug, "clinician"]]);
  });
});

describe("signing up", () => {
  const signUp = {
    clinicName: "Northside Physio",
    slug: "northside-physio",
    timeZone: "America/Los_Angeles",
    ownerName: "Nora North",
    email: "nora@northside.example",
    password: "a-long-password",
  };

  /** Signs up and follows the emailed link: the clinic as its new owner sees it. */
  async function signUpByEmail(input: typeof signUp) {
    expect(await anonymousCaller().auth.signUp(input)).toEqual({ next: "check-email" });
    const token = await linkTokenFromEmail(input.email, "sign-up-confirm", "confirm");
    return anonymousCaller().auth.confirmSignUp({ token });
  }

  test("finishes from the emailed link: the clinic is created and its owner signs in and opens it", async () => {
    expect(await anonymousCaller().auth.signUp(signUp)).toEqual({ next: "check-email" });
    // Nothing exists until the link is used: no account to sign in to, the address still free.
    expect(await adminDb().select().from(users).where(eq(users.email, signUp.email))).toEqual([]);
    const token = await linkTokenFromEmail(signUp.email, "sign-up-confirm", "confirm");
    const confirmed = await anonymousCaller().auth.confirmSignUp({ token });
    expect(confirmed.slug).toBe("northside-physio");
    // The browser is signed in with the one-time token it got back …
    const viaLink = await signInWithEmailToken(appDb(), confirmed.signInToken);
    // … and the password chosen at sign-up works from now on.
    const user = await signIn(signUp.email, signUp.password);
    expect(viaLink.id).toBe(user.id);
    const clinics = await callerFor(user, null).me.clinics();
    expect(clinics).toEqual([
      expect.objectContaining({ slug: "northside-physio", name: "Northside Physio", role: "owner" }),
    ]);
    const team = await callerFor(user, confirmed.slug).team.list();
    expect(team.map((m) => [m.email, m.role])).toEqual([[signUp.email, "owner"]]);
    // The link works once.
    expect((await refusal(anonymousCaller().auth.confirmSignUp({ token }))).code).toBe("UNAUTHORIZED");
  });

  test("a taken address is refused by name, and nothing is written", async () => {
    const before = await rowCounts();
    const error = await refusal(
      anonymousCaller().auth.signUp({ ...signUp, slug: clinic.slug, email: "someone.new@example.com" }),
    );
    expect(error.code).toBe("CONFLICT");
    expect(shownMessage(error)).toBe(`The address "${clinic.slug}" is taken. Try another.`);
    expect(await rowCounts()).toEqual(before);
  });

  test("an email that already has an account answers exactly as a new one, and that address is told by email", async () => {
    const known = clinic.frontDesk.email;
    const fresh = await anonymousCaller().auth.signUp({ ...signUp, slug: "fresh-clinic", email: "fresh@example.com" });
    const before = await rowCounts();
    const answer = await anonymousCaller().auth.signUp({
      ...signUp,
      slug: "brand-new-clinic",
      email: known.toUpperCase(),
    });
    expect(answer).toEqual(fresh);
    // No account, clinic or membership; one email to the existing address (and its rate-limit row).
    expect(await rowCounts()).toEqual({
      ...before,
      email_outbox: before.email_outbox + 1,
      auth_tokens: before.auth_tokens + 1,
    });
    const [mail] = await adminDb()
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.to, known), eq(emailOutbox.template, "sign-up-existing")));
    expect(mail).toMatchObject({ subject: "Someone tried to create a Junction account with your email" });
    expect(mail!.text).toContain("/signin");
    expect(mail!.text).toMatch(/ask for a sign-in link by email/);
  });

  test("two sign-ups for the same address, confirmed at the same moment: one gets it, the other a CONFLICT", async () => {
    const race = { ...signUp, clinicName: "Photo Finish Physio", slug: "photo-finish" };
    await anonymousCaller().auth.signUp({ ...race, email: "first@photo-finish.example" });
    await anonymousCaller().auth.signUp({ ...race, email: "second@photo-finish.example" });
    const tokens = [
      await linkTokenFromEmail("first@photo-finish.example", "sign-up-confirm", "confirm"),
      await linkTokenFromEmail("second@photo-finish.example", "sign-up-confirm", "confirm"),
    ];
    const results = await Promise.allSettled(tokens.map((token) => anonymousCaller().auth.confirmSignUp({ token })));
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const error = results.find((r) => r.status === "rejected")!.reason as TRPCError;
    expect(error.code).toBe("CONFLICT");
    const claimants = await adminDb().select().from(users).where(like(users.email, "%@photo-finish.example"));
    expect(claimants).toHaveLength(1);
  });

  test("a tampered link creates nothing", async () => {
    const before = await rowCounts();
    const error = await refusal(anonymousCaller().auth.confirmSignUp({ token: "bm90LWEtcmVhbC10b2tlbg" }));
    expect(error.code).toBe("UNAUTHORIZED");
    expect(await rowCounts()).toEqual(before);
    await signUpByEmail({ ...signUp, slug: "tamper-check", email: "tamper@example.com" });
  });

  test("an invalid form is refused field by field, and nothing is written", async () => {
    const before = await rowCounts();
    const error = await refusal(anonymousCaller().auth.signUp({ ...signUp, slug: "Bad Slug!", password: "short" }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(shownMessage(error)).toBe(
      "Slug: Use lowercase letters, digits and single dashes; Password: Use at least 10 characters",
    );
    expect(await rowCounts()).toEqual(before);
  });
});

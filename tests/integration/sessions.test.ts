// Sessions that end when they should: signing out ends the session on the server (a copied cookie
// replayed later is refused), so do a password change, "sign out everywhere" and removal from a clinic,
// and a session idle longer than the strictest of the person's clinics' timeouts.
import { eq } from "drizzle-orm";
import { encode } from "next-auth/jwt";
import { beforeAll, describe, expect, test } from "vitest";
import { appDb } from "@/db/client";
import { staffSessions } from "@/db/schema";
import { checkStaffSession, startStaffSession } from "@/server/auth/sessions";
import { authSecret } from "@/server/env";
import { createCaller } from "@/server/root";
import type { SessionUser } from "@/server/trpc";
import { callerFor, refusal, shownMessage } from "../fixtures/callers";
import { OWNER_PASSWORD, seedClinic, type SeededClinic, type StaffMember } from "../fixtures/clinic";
import { adminDb } from "../fixtures/db";
import { SESSION_COOKIE, sessionOf, signInOverHttp, signOutOverHttp, type CookieJar } from "../fixtures/next-auth";

/** A session cookie the way next-auth makes one, for someone who signs in with an email link. */
async function cookieFor(user: StaffMember): Promise<CookieJar> {
  const sid = await startStaffSession(appDb(), { userId: user.id });
  const token = await encode({
    token: { sub: user.id, email: user.email, name: user.name, sid },
    secret: authSecret(),
  });
  return { [SESSION_COOKIE]: token };
}

/** The API as the browser holding these cookies calls it (its session, including the session id). */
async function callerWith(jar: CookieJar, slug: string | null) {
  const session = await sessionOf(jar);
  if (!session) throw new Error("These cookies do not sign anyone in");
  return createCaller({ db: appDb(), user: session.user, clinicSlug: slug, ip: null, origin: "staff" });
}

const sessionIdOf = async (jar: CookieJar) => (await sessionOf(jar))?.user.sessionId;

async function setLastSeen(sessionId: string, minutesAgo: number) {
  await adminDb()
    .update(staffSessions)
    .set({ lastSeenAt: new Date(Date.now() - minutesAgo * 60_000) })
    .where(eq(staffSessions.id, sessionId));
}

async function endedReason(sessionId: string) {
  const [row] = await adminDb().select().from(staffSessions).where(eq(staffSessions.id, sessionId));
  return row?.endedReason ?? null;
}

let clinic: SeededClinic;
beforeAll(async () => {
  clinic = await seedClinic();
});

describe("signing out", () => {
  test("a session cookie copied before signing out is refused afterwards", async () => {
    const browser = await signInOverHttp(clinic.owner.email, OWNER_PASSWORD);
    expect((await sessionOf(browser))?.user).toMatchObject({ id: clinic.owner.id, email: clinic.owner.email });
    const copied = { ...browser };

    await signOutOverHttp(browser);
    expect(browser[SESSION_COOKIE], "the browser's cookie is cleared").toBeUndefined();
    expect(await sessionOf(copied), "the copied cookie no longer signs anyone in").toBeNull();
  });

  test("signing out ends only that browser's session", async () => {
    const laptop = await signInOverHttp(clinic.owner.email, OWNER_PASSWORD);
    const tablet = await signInOverHttp(clinic.owner.email, OWNER_PASSWORD);
    await signOutOverHttp(laptop);
    expect((await sessionOf(tablet))?.user.id).toBe(clinic.owner.id);
  });

  test("a signed token that names no server session (as issued before sessions were recorded) is refused", async () => {
    const token = await encode({
      token: { sub: clinic.owner.id, email: clinic.owner.email, name: clinic.owner.name },
      secret: authSecret(),
    });
    expect(await sessionOf({ [SESSION_COOKIE]: token })).toBeNull();
  });

  test("a session id belongs to its user: another user's token carrying it is refused", async () => {
    const owner = await signInOverHttp(clinic.owner.email, OWNER_PASSWORD);
    const sid = await sessionIdOf(owner);
    const forged = await encode({
      token: { sub: clinic.frontDesk.id, email: clinic.frontDesk.email, name: clinic.frontDesk.name, sid },
      secret: authSecret(),
    });
    expect(await sessionOf({ [SESSION_COOKIE]: forged })).toBeNull();
  });
});

describe("ending a person's other sessions", () => {
  test("changing the password ends the other sessions; this one stays, and only the new password works", async () => {
    const target = await seedClinic();
    const here = await signInOverHttp(target.owner.email, OWNER_PASSWORD);
    const elsewhere = await signInOverHttp(target.owner.email, OWNER_PASSWORD);
    const me = await callerWith(here, target.slug);

    const wrong = await refusal(me.me.changePassword({ currentPassword: "not-it", newPassword: "a-new-password-123" }));
    expect(shownMessage(wrong)).toBe("Your current password is not right.");
    expect(await sessionOf(elsewhere), "a wrong current password changes nothing").not.toBeNull();

    expect(await me.me.changePassword({ currentPassword: OWNER_PASSWORD, newPassword: "a-new-password-123" })).toEqual({
      endedSessions: 1,
    });
    expect(await sessionOf(elsewhere)).toBeNull();
    expect((await sessionOf(here))?.user.id).toBe(target.owner.id);
    await expect(signInOverHttp(target.owner.email, OWNER_PASSWORD)).rejects.toThrow(/no session cookie/);
    expect(await sessionOf(await signInOverHttp(target.owner.email, "a-new-password-123"))).not.toBeNull();
  });

  test("“Sign out everywhere” ends every other session of that person, nobody else's", async () => {
    const here = await signInOverHttp(clinic.owner.email, OWNER_PASSWORD);
    const phone = await signInOverHttp(clinic.owner.email, OWNER_PASSWORD);
    const tablet = await signInOverHttp(clinic.owner.email, OWNER_PASSWORD);
    const colleague = await cookieFor(clinic.clinician);

    const result = await (await callerWith(here, null)).me.signOutEverywhere();
    expect(result.endedSessions).toBeGreaterThanOrEqual(2);
    expect(await sessionOf(phone)).toBeNull();
    expect(await sessionOf(tablet)).toBeNull();
    expect(await sessionOf(here)).not.toBeNull();
    expect(await sessionOf(colleague)).not.toBeNull();
  });

  test("removing someone from a clinic ends all their sessions", async () => {
    const target = await seedClinic();
    const laptop = await cookieFor(target.frontDesk);
    const desk = await cookieFor(target.frontDesk);
    expect(await sessionOf(laptop)).not.toBeNull();

    await callerFor(target.owner, target.slug).team.remove({ userId: target.frontDesk.id });
    expect(await sessionOf(laptop)).toBeNull();
    expect(await sessionOf(desk)).toBeNull();
  });
});

describe("idle timeout", () => {
  test("a session idle longer than the clinic's timeout (30 minutes by default) is ended", async () => {
    const target = await seedClinic();
    const active = await cookieFor(target.clinician);
    const idle = await cookieFor(target.clinician);
    const activeId = (await sessionIdOf(active))!;
    const idleId = (await sessionIdOf(idle))!;

    await setLastSeen(activeId, 29);
    await setLastSeen(idleId, 31);
    expect(await sessionOf(active), "29 minutes idle: still signed in").not.toBeNull();
    expect(await sessionOf(idle), "31 minutes idle: signed out").toBeNull();
    expect(await endedReason(idleId)).toBe("idle");

    // The request counted as activity, so the active session has its full 30 minutes again.
    await setLastSeen(activeId, 29);
    expect(await sessionOf(active)).not.toBeNull();
    const [row] = await adminDb().select().from(staffSessions).where(eq(staffSessions.id, activeId));
    expect(Date.now() - row!.lastSeenAt.getTime()).toBeLessThan(60_000);
  });

  test("owners choose 15–240 minutes; someone in several clinics gets the strictest", async () => {
    const strict = await seedClinic();
    const relaxed = await seedClinic();
    const both: SessionUser = strict.owner;
    await callerFor(relaxed.owner, relaxed.slug).team.invite({ email: both.email, name: both.name, role: "clinician" });

    const asStrict = callerFor(strict.owner, strict.slug);
    expect(shownMessage(await refusal(asStrict.clinic.updateIdleTimeout({ idleTimeoutMinutes: 10 })))).toContain(
      "at least 15",
    );
    expect(shownMessage(await refusal(asStrict.clinic.updateIdleTimeout({ idleTimeoutMinutes: 241 })))).toContain(
      "at most 240",
    );
    const frontDesk = refusal(
      callerFor(strict.frontDesk, strict.slug).clinic.updateIdleTimeout({ idleTimeoutMinutes: 60 }),
    );
    expect((await frontDesk).code).toBe("FORBIDDEN");
    await asStrict.clinic.updateIdleTimeout({ idleTimeoutMinutes: 15 });
    await callerFor(relaxed.owner, relaxed.slug).clinic.updateIdleTimeout({ idleTimeoutMinutes: 240 });

    const jar = await signInOverHttp(both.email, OWNER_PASSWORD);
    expect((await sessionOf(jar))?.idle?.timeoutMinutes).toBe(15);
    await setLastSeen((await sessionIdOf(jar))!, 16);
    expect(await sessionOf(jar), "16 minutes idle in a 15-minute clinic").toBeNull();

    const relaxedOnly = await cookieFor(relaxed.frontDesk);
    await setLastSeen((await sessionIdOf(relaxedOnly))!, 60);
    expect(await sessionOf(relaxedOnly), "an hour idle in a 4-hour clinic").not.toBeNull();
  });

  test("activity is written at most once a minute, and a read that only looks does not count", async () => {
    const user = clinic.frontDesk;
    const start = new Date("2030-01-01T09:00:00Z");
    const sessionId = await startStaffSession(appDb(), { userId: user.id, now: start });
    const at = (seconds: number, touch = true) =>
      checkStaffSession(appDb(), {
        sessionId,
        userId: user.id,
        now: new Date(start.getTime() + seconds * 1000),
        touch,
      });

    expect(await at(30)).toMatchObject({ live: true, lastSeenAt: start });
    expect(await at(90, false)).toMatchObject({ live: true, lastSeenAt: start });
    expect(await at(90)).toMatchObject({ live: true, lastSeenAt: new Date(start.getTime() + 90_000) });
    expect(await at(90 + 30 * 60, false)).toEqual({ live: false, reason: "idle" });
    expect(await at(100)).toEqual({ live: false, reason: "idle" });
  });

  test("a session ends after 12 hours however active it is", async () => {
    const user = clinic.frontDesk;
    const start = new Date("2030-01-01T09:00:00Z");
    const sessionId = await startStaffSession(appDb(), { userId: user.id, now: start });
    for (let minutes = 20; minutes < 12 * 60; minutes += 20) {
      const state = await checkStaffSession(appDb(), {
        sessionId,
        userId: user.id,
        now: new Date(start.getTime() + minutes * 60_000),
        touch: true,
      });
      expect(state.live).toBe(true);
    }
    const late = new Date(start.getTime() + 12 * 60 * 60_000);
    expect(await checkStaffSession(appDb(), { sessionId, userId: user.id, now: late, touch: true })).toEqual({
      live: false,
      reason: "expired",
    });
  });
});

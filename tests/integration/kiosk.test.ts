// "Answer in clinic" hands the tablet to the patient: while the kiosk lock holds, the staff
// member's session answers only that questionnaire; leaving takes their password (wrong ones are
// refused, recorded and, after five, paused).
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { appDb } from "@/db/client";
import { auditLog } from "@/db/schema";
import { createKioskLock, KIOSK_COOKIE, kioskCookieFrom, readKioskLock, type KioskLock } from "@/server/kiosk/lock";
import { createCaller } from "@/server/root";
import { KIOSK_REFUSAL, type SessionUser } from "@/server/trpc";
import { callerFor, refusal, shownMessage } from "../fixtures/callers";
import { OWNER_PASSWORD, seedClinic, type SeededClinic } from "../fixtures/clinic";
import { adminDb } from "../fixtures/db";
import { clinicSnapshot } from "../fixtures/snapshot";

let clinic: SeededClinic;

/** A caller as the browser would be: its kiosk lock (if any), and the response headers it gets back. */
function browser(user: SessionUser, kiosk: KioskLock | null = null) {
  const resHeaders = new Headers();
  const caller = createCaller({
    db: appDb(),
    user,
    clinicSlug: clinic.slug,
    ip: null,
    origin: "staff",
    kiosk,
    resHeaders,
  });
  return { caller, resHeaders };
}

/** Starts an episode with the NPRS and asks it now, in clinic: an open questionnaire to hand over. */
async function openQuestionnaire(patientIndex = 0): Promise<string> {
  const asOwner = callerFor(clinic.owner, clinic.slug);
  const { episodeId } = await asOwner.outcomes.startEpisode({
    patientId: clinic.patients[patientIndex]!.id,
    title: "Knee pain",
    clinicianId: clinic.clinician.id,
    schedules: [{ instrumentKey: "nprs", atIntake: false, everyWeeks: null, everyVisits: null, atDischarge: true }],
  });
  return (await asOwner.outcomes.sendNow({ episodeId, instrumentKey: "nprs", email: false })).requestId;
}

/** Starts the kiosk as the owner and reads back the lock from the cookie the response sets. */
async function handOver(requestId: string): Promise<KioskLock> {
  const { caller, resHeaders } = browser(clinic.owner);
  const { url } = await caller.kiosk.start({ requestId });
  expect(url).toBe(`/c/${clinic.slug}/kiosk/${requestId}`);
  const setCookie = resHeaders.get("set-cookie") ?? "";
  expect(setCookie).toMatch(new RegExp(`^${KIOSK_COOKIE}=`));
  expect(setCookie).toMatch(/HttpOnly/);
  expect(setCookie).toMatch(/SameSite=Strict/);
  const lock = readKioskLock(kioskCookieFrom(setCookie.split(";")[0]!), clinic.owner);
  expect(lock).toMatchObject({ clinicSlug: clinic.slug, requestId, patientId: clinic.patients[0]!.id });
  return lock!;
}

const refusedLeaves = () =>
  adminDb()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.clinicId, clinic.id), eq(auditLog.action, "kiosk.leave_refused")));

beforeAll(async () => {
  clinic = await seedClinic();
});

describe("while the tablet is with the patient", () => {
  test("only the locked questionnaire answers; patients, other questionnaires and the clinic list are refused", async () => {
    const requestId = await openQuestionnaire();
    const other = await openQuestionnaire(1);
    const lock = await handOver(requestId);
    const { caller } = browser(clinic.owner, lock);

    expect((await caller.outcomes.inClinic({ requestId })).patientFirstName).toBe(clinic.patients[0]!.firstName);
    const before = await clinicSnapshot(clinic.id);
    for (const attempt of [
      () => caller.patients.list({}),
      () => caller.patients.get({ id: clinic.patients[0]!.id }),
      () => caller.outcomes.inClinic({ requestId: other }),
      () => caller.outcomes.forPatient({ patientId: clinic.patients[0]!.id }),
      () => caller.kiosk.start({ requestId: other }),
      () => caller.me.clinics(),
      () => caller.team.invite({ email: "kiosk@example.com", name: "Kiosk Visitor", role: "owner" }),
    ]) {
      const error = await refusal(attempt());
      expect(error.code).toBe("FORBIDDEN");
      expect(shownMessage(error)).toBe(KIOSK_REFUSAL);
    }
    expect(await clinicSnapshot(clinic.id)).toEqual(before);
    // Another staff member's session on another device is not locked.
    expect((await callerFor(clinic.clinician, clinic.slug).patients.list({})).total).toBeGreaterThan(0);
  });

  test("an altered lock, another user's or an expired one is ignored", () => {
    const lock = {
      userId: clinic.owner.id,
      clinicSlug: clinic.slug,
      patientId: crypto.randomUUID(),
      requestId: crypto.randomUUID(),
    };
    const value = createKioskLock(lock);
    expect(readKioskLock(value, clinic.owner)).toMatchObject(lock);
    expect(readKioskLock(value, clinic.clinician)).toBeNull();
    const [body, signature] = value.split(".");
    const altered = JSON.parse(Buffer.from(body!, "base64url").toString());
    altered.r = crypto.randomUUID();
    expect(
      readKioskLock(`${Buffer.from(JSON.stringify(altered)).toString("base64url")}.${signature}`, clinic.owner),
    ).toBeNull();
    expect(readKioskLock(value, clinic.owner, new Date(Date.now() + 13 * 3_600_000))).toBeNull();
  });

  test("a lock made in one staff session does not hold after signing out and in again (a new session)", () => {
    const lock = {
      userId: clinic.owner.id,
      sessionId: "session-that-handed-it-over",
      clinicSlug: clinic.slug,
      patientId: crypto.randomUUID(),
      requestId: crypto.randomUUID(),
    };
    const value = createKioskLock(lock);
    expect(readKioskLock(value, { id: clinic.owner.id, sessionId: lock.sessionId })).toMatchObject(lock);
    expect(readKioskLock(value, { id: clinic.owner.id, sessionId: "a-later-session" })).toBeNull();
  });
});

describe("returning to staff", () => {
  test("a wrong password is refused and recorded; the right one ends the kiosk and goes back to the patient", async () => {
    const requestId = await openQuestionnaire();
    const lock = await handOver(requestId);
    const failuresBefore = (await refusedLeaves()).length;

    const wrong = browser(clinic.owner, lock);
    const error = await refusal(wrong.caller.kiosk.leave({ password: "guess-the-password" }));
    expect(error.code).toBe("FORBIDDEN");
    expect(shownMessage(error)).toBe("That is not your password. The tablet stays with the patient.");
    expect(wrong.resHeaders.get("set-cookie")).toBeNull();
    expect((await refusedLeaves()).length).toBe(failuresBefore + 1);

    const right = browser(clinic.owner, lock);
    expect(await right.caller.kiosk.leave({ password: OWNER_PASSWORD })).toEqual({
      url: `/c/${clinic.slug}/patients/${clinic.patients[0]!.id}`,
    });
    expect(right.resHeaders.get("set-cookie")).toMatch(new RegExp(`^${KIOSK_COOKIE}=; .*Max-Age=0`));
  });

  test("after five wrong passwords, even the right one waits", async () => {
    await adminDb()
      .delete(auditLog)
      .where(and(eq(auditLog.clinicId, clinic.id), eq(auditLog.action, "kiosk.leave_refused")));
    const lock = await handOver(await openQuestionnaire());
    for (let i = 0; i < 5; i++) {
      expect((await refusal(browser(clinic.owner, lock).caller.kiosk.leave({ password: `wrong-${i}` }))).code).toBe(
        "FORBIDDEN",
      );
    }
    const paused = await refusal(browser(clinic.owner, lock).caller.kiosk.leave({ password: OWNER_PASSWORD }));
    expect(paused.code).toBe("TOO_MANY_REQUESTS");
    expect(shownMessage(paused)).toMatch(/^Too many wrong passwords\./);
  });

  test("without a password, signing out is the way out: the session and the lock end in one response", async () => {
    const lock = await handOver(await openQuestionnaire());
    const { caller, resHeaders } = browser(clinic.owner, lock);
    expect(await caller.kiosk.endSession()).toEqual({ url: "/signin" });
    const cleared = resHeaders.getSetCookie();
    expect(cleared).toContainEqual(expect.stringMatching(new RegExp(`^${KIOSK_COOKIE}=; .*Max-Age=0`)));
    expect(cleared).toContainEqual(expect.stringMatching(/^next-auth\.session-token=; .*Max-Age=0/));
    expect(cleared).toContainEqual(expect.stringMatching(/^__Secure-next-auth\.session-token=; .*Max-Age=0.*Secure/));
  });

  test("the front desk cannot hand a questionnaire over", async () => {
    const requestId = await openQuestionnaire();
    const error = await refusal(browser(clinic.frontDesk).caller.kiosk.start({ requestId }));
    expect(error.code).toBe("FORBIDDEN");
  });
});

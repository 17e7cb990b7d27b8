// The patient's side: the plan email's link opens the plan (no password), the patient ticks
// exercises and rates pain per day, and the clinician sees adherence. Links that were altered,
// expired, made for another page or another clinic are refused with the existing messages.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { appDb } from "@/db/client";
import { exerciseLogs, planFeedback } from "@/db/schema";
import { createPatientLinkToken, type PatientLink } from "@/server/auth/patient-links";
import { planMessageKey } from "@/server/messages/plan";
import { adherenceOfPatients, patientAdherence } from "@/server/programs/adherence";
import { givePlanFeedback, setItemDone } from "@/server/plan/plan";
import { addDays, wallTimeToUtc } from "@/server/scheduling/zoned-time";
import { withClinic } from "@/server/tenancy";
import { anonymousCaller, callerFor, refusal, shownMessage } from "../fixtures/callers";
import { makePatient, seedClinic, type SeededClinic } from "../fixtures/clinic";
import { adminDb } from "../fixtures/db";
import { clinicToday, ensureLibrary, libraryIdLike, programInput } from "../fixtures/programs";
import { deliverDue, outboxOf } from "./messages-fixtures";

let a: SeededClinic;
let b: SeededClinic;
let lib: { deadBug: string; bridge: string; copenhagen: string };

beforeAll(async () => {
  await ensureLibrary();
  a = await seedClinic();
  b = await seedClinic();
  lib = {
    deadBug: await libraryIdLike("dead bug"),
    bridge: await libraryIdLike("bridge"),
    copenhagen: await libraryIdLike("copenhagen"),
  };
});

const asClinician = (c: SeededClinic) => callerFor(c.clinician, c.slug);
const patientPage = () => anonymousCaller();

/** The clinician assigns a program; the worker sends the email; the token of its plan link. */
async function assignAndOpenEmail(clinic: SeededClinic, patientId: string, exerciseIds: string[], overrides = {}) {
  const saved = await asClinician(clinic).programs.save(programInput(patientId, exerciseIds, overrides));
  const assigned = await asClinician(clinic).programs.assign({ id: saved.id, expectedRevision: saved.revision });
  expect((await deliverDue(new Date()))[planMessageKey(saved.id, assigned.version)]).toBe("sent");
  const email = (await outboxOf(clinic.id)).at(-1)!;
  const link = /href="(https?:\/\/[^"]+\/p\/[^"]+)"/.exec(email.html)![1]!;
  return { programId: saved.id, assigned, token: new URL(link).pathname.split("/").pop()! };
}

describe("opening the plan from the email", () => {
  test("shows today's exercises with dosage, steps, cues and the note, and lets the patient tick them and rate pain", async () => {
    const patient = await asClinician(a).patients.create(makePatient({ firstName: "Nadia" }));
    const { programId, token } = await assignAndOpenEmail(a, patient.id, [lib.deadBug, lib.bridge]);

    const page = await patientPage().plan.today({ token });
    expect(page).toMatchObject({
      clinic: { name: a.name, timeZone: a.timeZone },
      firstName: "Nadia",
      today: clinicToday(),
      day: clinicToday(),
      feedbackToday: null,
      program: {
        id: programId,
        title: "Thoracolumbar junction: weeks 1–4",
        version: 1,
        clinicianName: a.clinician.name,
        daysPerWeek: 5,
      },
    });
    const items = page.program!.phases.flatMap((p) => p.items);
    expect(items.map((i) => i.exercise.id)).toEqual([lib.deadBug, lib.bridge]);
    expect(items[0]).toMatchObject({ note: "Slow on the way down.", doneToday: false, dosage: { sets: 3, reps: 10 } });
    expect(items[0]!.exercise.steps.length).toBeGreaterThan(0);
    expect(items[0]!.exercise.cues.length).toBeGreaterThan(0);

    expect(
      await patientPage().plan.setDone({ token, itemId: items[0]!.itemId, day: clinicToday(), done: true }),
    ).toEqual({
      itemId: items[0]!.itemId,
      day: clinicToday(),
      done: true,
    });
    await patientPage().plan.feedback({
      token,
      day: clinicToday(),
      pain: 3,
      comment: "  A bit stiff in the morning  ",
    });
    const after = await patientPage().plan.today({ token });
    expect(after.program!.phases.flatMap((p) => p.items).map((i) => i.doneToday)).toEqual([true, false]);
    expect(after.feedbackToday).toEqual({ pain: 3, comment: "A bit stiff in the morning" });

    // Ticking again and un-ticking keeps one row per exercise and day; a second rating replaces the first.
    await patientPage().plan.setDone({ token, itemId: items[0]!.itemId, day: clinicToday(), done: true });
    await patientPage().plan.feedback({ token, day: clinicToday(), pain: 2 });
    const logs = await adminDb().select().from(exerciseLogs).where(eq(exerciseLogs.programId, programId));
    expect(logs).toHaveLength(1);
    const ratings = await adminDb().select().from(planFeedback).where(eq(planFeedback.programId, programId));
    expect(ratings.map((r) => [r.pain, r.comment])).toEqual([[2, null]]);
  });

  test("ticking every exercise of the day makes a session, and the clinician sees it", async () => {
    const patient = await asClinician(a).patients.create(makePatient());
    const { programId, token } = await assignAndOpenEmail(a, patient.id, [lib.deadBug, lib.bridge], {
      startDate: clinicToday(),
    });
    const itemsOf = async () => (await patientPage().plan.today({ token })).program!.phases.flatMap((p) => p.items);

    const before = await callerFor(a.clinician, a.slug).programs.adherence({ patientId: patient.id });
    expect(before).toEqual([
      {
        programId,
        title: "Thoracolumbar junction: weeks 1–4",
        percentDone: null,
        sessionsDone: 0,
        sessionsExpected: 0,
        lastActivityAt: null,
        loggedDays: [],
        pain: [],
        startsOn: clinicToday(),
        phase: null,
      },
    ]);

    for (const item of await itemsOf())
      await patientPage().plan.setDone({ token, itemId: item.itemId, day: clinicToday(), done: true });
    await patientPage().plan.feedback({ token, day: clinicToday(), pain: 4 });
    const [after] = await callerFor(a.clinician, a.slug).programs.adherence({ patientId: patient.id });
    expect(after).toMatchObject({
      percentDone: 100,
      sessionsDone: 1,
      sessionsExpected: 1,
      pain: [{ day: clinicToday(), pain: 4 }],
      loggedDays: [clinicToday()],
    });
    expect(after!.lastActivityAt).toBeInstanceOf(Date);
    const [listed] = await callerFor(a.clinician, a.slug).programs.forPatient({ patientId: patient.id });
    expect(listed!.adherence).toEqual(after);

    // Un-ticking one takes the session back.
    await patientPage().plan.setDone({ token, itemId: (await itemsOf())[1]!.itemId, day: clinicToday(), done: false });
    expect((await callerFor(a.clinician, a.slug).programs.adherence({ patientId: patient.id }))[0]).toMatchObject({
      sessionsDone: 0,
      percentDone: null,
    });
  });

  test("a new version replaces the plan the patient sees; ticks on the old version's exercises are refused", async () => {
    const patient = await asClinician(a).patients.create(makePatient());
    const { programId, assigned, token } = await assignAndOpenEmail(a, patient.id, [lib.deadBug]);
    const [oldItem] = (await patientPage().plan.today({ token })).program!.phases.flatMap((p) => p.items);
    const edited = await asClinician(a).programs.save({
      ...programInput(patient.id, [lib.copenhagen]),
      id: programId,
      expectedRevision: assigned.revision,
    });

    // Saved but not yet assigned: the patient still has version 1.
    expect((await patientPage().plan.today({ token })).program!.version).toBe(1);
    await asClinician(a).programs.assign({ id: programId, expectedRevision: edited.revision });
    const page = await patientPage().plan.today({ token });
    expect(page.program!.version).toBe(2);
    expect(page.program!.phases.flatMap((p) => p.items).map((i) => i.exercise.id)).toEqual([lib.copenhagen]);

    const error = await refusal(
      patientPage().plan.setDone({ token, itemId: oldItem!.itemId, day: clinicToday(), done: true }),
    );
    expect({ code: error.code, message: error.message }).toEqual({
      code: "NOT_FOUND",
      message: "That exercise is no longer in your plan. Reload the page to see your current plan.",
    });
  });

  test("an archived program leaves the patient's plan, can't be changed, and its unsent email is skipped", async () => {
    const patient = await asClinician(a).patients.create(makePatient());
    const older = await assignAndOpenEmail(a, patient.id, [lib.bridge]);
    const saved = await asClinician(a).programs.save(programInput(patient.id, [lib.deadBug], { title: "Newer" }));
    const assigned = await asClinician(a).programs.assign({ id: saved.id, expectedRevision: saved.revision });
    expect((await patientPage().plan.today({ token: older.token })).program!.id).toBe(older.programId); // the link names its program

    const archived = await asClinician(a).programs.archive({ id: saved.id, expectedRevision: assigned.revision });
    expect(archived).toMatchObject({ status: "archived", revision: assigned.revision + 1 });
    expect((await deliverDue(new Date()))[planMessageKey(saved.id, 1)]).toBe("skipped");
    const generic = createPatientLinkToken({ clinicId: a.id, patientId: patient.id, purpose: "plan", ttlSeconds: 600 });
    expect((await patientPage().plan.today({ token: generic })).program!.id).toBe(older.programId);
    const error = await refusal(
      asClinician(a).programs.save({
        ...programInput(patient.id, [lib.bridge]),
        id: saved.id,
        expectedRevision: archived.revision,
      }),
    );
    expect(error.message).toBe("This program is archived and can't be changed.");
    expect(
      (await callerFor(a.clinician, a.slug).programs.adherence({ patientId: patient.id })).map((p) => p.programId),
    ).toEqual([older.programId]);
  });

  test("a patient with no assigned program sees no plan; a draft is not shown", async () => {
    const patient = await asClinician(a).patients.create(makePatient());
    await asClinician(a).programs.save(programInput(patient.id, [lib.deadBug]));
    const token = createPatientLinkToken({ clinicId: a.id, patientId: patient.id, purpose: "plan", ttlSeconds: 600 });
    expect(await patientPage().plan.today({ token })).toMatchObject({ program: null, feedbackToday: null });
    const error = await refusal(patientPage().plan.feedback({ token, day: clinicToday(), pain: 2 }));
    expect(error.message).toBe("You don't have an exercise plan at the moment.");
  });
});

describe("the days a patient may fill in", () => {
  let token: string;
  let itemId: string;
  beforeAll(async () => {
    const patient = await asClinician(a).patients.create(makePatient());
    ({ token } = await assignAndOpenEmail(a, patient.id, [lib.deadBug], { startDate: addDays(clinicToday(), -7) }));
    itemId = (await patientPage().plan.today({ token })).program!.phases[0]!.items[0]!.itemId;
  });

  test("today and the past week are fine", async () => {
    await patientPage().plan.setDone({ token, itemId, day: addDays(clinicToday(), -7), done: true });
    const page = await patientPage().plan.today({ token, day: addDays(clinicToday(), -7) });
    expect(page).toMatchObject({ today: clinicToday(), day: addDays(clinicToday(), -7) });
    expect(page.program!.phases[0]!.items[0]!.doneToday).toBe(true);
  });

  test("a future day or one more than a week back is refused with a message", async () => {
    const future = await refusal(
      patientPage().plan.setDone({ token, itemId, day: addDays(clinicToday(), 1), done: true }),
    );
    expect(future.message).toBe("That day hasn't come yet: you can log today or the past week.");
    const old = await refusal(patientPage().plan.feedback({ token, day: addDays(clinicToday(), -8), pain: 5 }));
    expect(old.message).toBe("That day is too long ago: you can log today or the past 7 days.");
    expect((await refusal(patientPage().plan.today({ token, day: addDays(clinicToday(), 2) }))).code).toBe(
      "BAD_REQUEST",
    );
  });

  test("pain outside 0–10 and long comments are refused", async () => {
    expect(shownMessage(await refusal(patientPage().plan.feedback({ token, day: clinicToday(), pain: 11 })))).toBe(
      "Pain: Rate your pain from 0 to 10",
    );
    expect(
      shownMessage(
        await refusal(patientPage().plan.feedback({ token, day: clinicToday(), pain: 5, comment: "x".repeat(1001) })),
      ),
    ).toBe("Comment: Keep your comment under 1000 characters");
  });
});

describe("links that must not open a plan", () => {
  let token: string;
  let itemId: string;
  let patientId: string;
  beforeAll(async () => {
    patientId = (await asClinician(a).patients.create(makePatient())).id;
    ({ token } = await assignAndOpenEmail(a, patientId, [lib.deadBug]));
    itemId = (await patientPage().plan.today({ token })).program!.phases[0]!.items[0]!.itemId;
  });

  test("an altered link is refused, and nothing is logged", async () => {
    const [body, signature] = token.split(".") as [string, string];
    const payload = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as { p: string };
    payload.p = a.patients[0]!.id;
    const altered = `${Buffer.from(JSON.stringify(payload)).toString("base64url")}.${signature}`;
    for (const call of [
      patientPage().plan.today({ token: altered }),
      patientPage().plan.setDone({ token: altered, itemId, day: clinicToday(), done: true }),
      patientPage().plan.feedback({ token: altered, day: clinicToday(), pain: 1 }),
    ]) {
      const error = await refusal(call);
      expect({ code: error.code, message: error.message }).toEqual({
        code: "UNAUTHORIZED",
        message: "This link is not valid.",
      });
    }
    expect(await adminDb().select().from(exerciseLogs).where(eq(exerciseLogs.itemId, itemId))).toEqual([]);
  });

  test("an expired link, or one made for another page, says so", async () => {
    const expired = createPatientLinkToken(
      { clinicId: a.id, patientId, purpose: "plan", ttlSeconds: 60 },
      { now: new Date(Date.now() - 3_600_000) },
    );
    expect((await refusal(patientPage().plan.today({ token: expired }))).message).toBe(
      "This link has expired. Ask the clinic to send a new one.",
    );
    const other = createPatientLinkToken({ clinicId: a.id, patientId, purpose: "appointment", ttlSeconds: 600 });
    expect(
      (await refusal(patientPage().plan.setDone({ token: other, itemId, day: clinicToday(), done: true }))).message,
    ).toBe("This link cannot be used for this page.");
  });

  test("a link of one patient cannot tick another patient's exercises", async () => {
    const other = createPatientLinkToken({
      clinicId: a.id,
      patientId: a.patients[1]!.id,
      purpose: "plan",
      ttlSeconds: 600,
    });
    const error = await refusal(patientPage().plan.setDone({ token: other, itemId, day: clinicToday(), done: true }));
    expect(error.code).toBe("NOT_FOUND");
    expect(await adminDb().select().from(exerciseLogs).where(eq(exerciseLogs.itemId, itemId))).toEqual([]);
  });

  test("a link signed for one clinic cannot reach another clinic's patient or plan", async () => {
    const crossed = createPatientLinkToken({ clinicId: b.id, patientId, purpose: "plan", ttlSeconds: 600 });
    expect((await refusal(patientPage().plan.today({ token: crossed }))).message).toBe("That patient was not found.");
    const error = await refusal(patientPage().plan.setDone({ token: crossed, itemId, day: clinicToday(), done: true }));
    expect(error.code).toBe("NOT_FOUND");
    expect(await adminDb().select().from(exerciseLogs).where(eq(exerciseLogs.itemId, itemId))).toEqual([]);
  });
});

describe("adherence, a worked example", () => {
  // Three days a week from Monday 2 March 2026, two exercises. The patient (clinic time, Denver):
  //   week 1 (2–8 Mar): both on Mon, Tue, Thu, Fri; only one on Wed → 4 sessions, counted 3 of 3
  //   week 2 (9–15 Mar): both on Tue 10th; "today" is Thu 12th, nothing yet → 1 session of 3 expected
  // Done 4 of 6 expected = 67 %. Completing today makes 5 of 6 = 83 %.
  test("counts sessions per week from the start date, capped at the prescribed days", async () => {
    const patient = await asClinician(a).patients.create(makePatient());
    const saved = await asClinician(a).programs.save(
      programInput(patient.id, [lib.deadBug, lib.bridge], { startDate: "2026-03-02", daysPerWeek: 3 }),
    );
    await asClinician(a).programs.assign({ id: saved.id, expectedRevision: saved.revision });
    const link: PatientLink = {
      clinicId: a.id,
      patientId: patient.id,
      purpose: "plan",
      ref: saved.id,
      expiresAt: new Date(Date.now() + 3_600_000),
    };
    const [first, second] = (await asClinician(a).programs.get({ id: saved.id })).phases.flatMap((p) =>
      p.items.map((i) => i.itemId),
    );
    const onDay = (day: string) => wallTimeToUtc(day, "18:00", a.timeZone);
    const tick = (day: string, itemId: string) =>
      withClinic(appDb(), a.id, (tx) => setItemDone(tx, link, { itemId, day, done: true }, onDay(day)));
    const rate = (day: string, pain: number) =>
      withClinic(appDb(), a.id, (tx) => givePlanFeedback(tx, link, { day, pain, comment: null }, onDay(day)));

    for (const day of ["2026-03-02", "2026-03-03", "2026-03-05", "2026-03-06", "2026-03-10"]) {
      await tick(day, first!);
      await tick(day, second!);
    }
    await tick("2026-03-04", first!);
    await rate("2026-03-02", 6);
    await rate("2026-03-05", 4);
    await rate("2026-03-10", 3);

    const adherence = (today: string) =>
      withClinic(appDb(), a.id, (tx) => patientAdherence(tx, a.id, patient.id, today));
    expect(await adherence("2026-03-12")).toEqual([
      {
        programId: saved.id,
        title: "Thoracolumbar junction: weeks 1–4",
        percentDone: 67,
        sessionsDone: 4,
        sessionsExpected: 6,
        lastActivityAt: onDay("2026-03-10"),
        // a tick (4 March: one of two exercises, not a session) or a pain rating makes a logged day
        loggedDays: ["2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05", "2026-03-06", "2026-03-10"],
        pain: [
          { day: "2026-03-02", pain: 6 },
          { day: "2026-03-05", pain: 4 },
          { day: "2026-03-10", pain: 3 },
        ],
        startsOn: "2026-03-02",
        phase: null,
      },
    ]);
    await tick("2026-03-12", first!);
    await tick("2026-03-12", second!);
    expect((await adherence("2026-03-12"))[0]).toMatchObject({
      percentDone: 83,
      sessionsDone: 5,
      sessionsExpected: 6,
      lastActivityAt: onDay("2026-03-12"),
    });
    expect((await adherence("2026-03-01"))[0]).toMatchObject({
      percentDone: null,
      sessionsDone: 0,
      sessionsExpected: 0,
    });
    const rows = await adminDb()
      .select()
      .from(exerciseLogs)
      .where(and(eq(exerciseLogs.clinicId, a.id), eq(exerciseLogs.programId, saved.id)));
    expect(rows).toHaveLength(13);
  });

  test("for several patients at once (the owner dashboard): each patient's own, as when asked alone", async () => {
    // Two patients on the same plan from Monday 2 March 2026: one does both exercises on Mon and Tue,
    // the other only one exercise on Monday and rates pain on Tuesday; a third has no plan.
    const [done, partly, none] = [
      await asClinician(a).patients.create(makePatient()),
      await asClinician(a).patients.create(makePatient()),
      await asClinician(a).patients.create(makePatient()),
    ];
    const onDay = (day: string) => wallTimeToUtc(day, "18:00", a.timeZone);
    const planFor = async (patientId: string) => {
      const saved = await asClinician(a).programs.save(
        programInput(patientId, [lib.deadBug, lib.bridge], { startDate: "2026-03-02", daysPerWeek: 3 }),
      );
      await asClinician(a).programs.assign({ id: saved.id, expectedRevision: saved.revision });
      const items = (await asClinician(a).programs.get({ id: saved.id })).phases.flatMap((p) =>
        p.items.map((i) => i.itemId),
      );
      const link: PatientLink = {
        clinicId: a.id,
        patientId,
        purpose: "plan",
        ref: saved.id,
        expiresAt: new Date(Date.now() + 3_600_000),
      };
      return { items, link };
    };
    const x = await planFor(done.id);
    for (const day of ["2026-03-02", "2026-03-03"])
      for (const itemId of x.items)
        await withClinic(appDb(), a.id, (tx) => setItemDone(tx, x.link, { itemId, day, done: true }, onDay(day)));
    const y = await planFor(partly.id);
    await withClinic(appDb(), a.id, (tx) =>
      setItemDone(tx, y.link, { itemId: y.items[0]!, day: "2026-03-02", done: true }, onDay("2026-03-02")),
    );
    await withClinic(appDb(), a.id, (tx) =>
      givePlanFeedback(tx, y.link, { day: "2026-03-03", pain: 5, comment: null }, onDay("2026-03-03")),
    );

    const today = "2026-03-04";
    const together = await withClinic(appDb(), a.id, (tx) =>
      adherenceOfPatients(tx, a.id, [done.id, partly.id, none.id], today),
    );
    const alone = (id: string) => withClinic(appDb(), a.id, (tx) => patientAdherence(tx, a.id, id, today));
    expect([...together.keys()].sort()).toEqual([done.id, partly.id].sort());
    expect(together.get(done.id)).toEqual(await alone(done.id));
    expect(together.get(partly.id)).toEqual(await alone(partly.id));
    expect(together.get(done.id)![0]).toMatchObject({
      sessionsDone: 2,
      sessionsExpected: 2,
      percentDone: 100,
      pain: [],
    });
    expect(together.get(partly.id)![0]).toMatchObject({
      sessionsDone: 0,
      sessionsExpected: 2,
      percentDone: 0,
      lastActivityAt: onDay("2026-03-03"),
      pain: [{ day: "2026-03-03", pain: 5 }],
    });
  });
});

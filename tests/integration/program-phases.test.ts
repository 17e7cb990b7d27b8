// Issue 15, items 4–6: a phased program shows the patient the phase due today (and when the next
// one starts), adherence counts that phase's exercises, the clinician can move the patient on
// early; clinician notes never reach the patient; before the first day the plan says when it starts.
import { beforeAll, describe, expect, test } from "vitest";
import { appDb } from "@/db/client";
import type { PatientLink } from "@/server/auth/patient-links";
import { planMessageKey } from "@/server/messages/plan";
import { patientAdherence } from "@/server/programs/adherence";
import { planToday, setItemDone } from "@/server/plan/plan";
import { addDays, wallTimeToUtc } from "@/server/scheduling/zoned-time";
import { withClinic } from "@/server/tenancy";
import { callerFor, refusal, shownMessage } from "../fixtures/callers";
import { makePatient, seedClinic, type SeededClinic } from "../fixtures/clinic";
import { clinicToday, ensureLibrary, libraryIdLike, programInput } from "../fixtures/programs";
import { deliverDue, outboxOf } from "./messages-fixtures";

let a: SeededClinic;
let maigne: Awaited<ReturnType<ReturnType<typeof callerFor>["programs"]["templates"]>>[number];

beforeAll(async () => {
  await ensureLibrary();
  a = await seedClinic();
  const templates = await callerFor(a.clinician, a.slug).programs.templates();
  maigne = templates.find((t) => t.id === "library:thoracolumbar-junction-maigne")!;
});

const asClinician = () => callerFor(a.clinician, a.slug);
const linkFor = (patientId: string, programId: string): PatientLink => ({
  clinicId: a.id,
  patientId,
  purpose: "plan",
  ref: programId,
  expiresAt: new Date(Date.now() + 3_600_000),
});
/** Six in the evening of a clinic day. */
const onDay = (day: string) => wallTimeToUtc(day, "18:00", a.timeZone);

/** A patient given the shipped Maigne's protocol (four phases, weeks 1, 3, 5 and 7) from `startDate`. */
async function givenMaigne(startDate: string) {
  const patient = await asClinician().patients.create(makePatient());
  const saved = await asClinician().programs.save({
    patientId: patient.id,
    title: maigne.name,
    startDate,
    daysPerWeek: 5,
    phases: maigne.phases,
  });
  const assigned = await asClinician().programs.assign({ id: saved.id, expectedRevision: saved.revision });
  const link = linkFor(patient.id, saved.id);
  const page = (day: string) => withClinic(appDb(), a.id, (tx) => planToday(tx, link, {}, onDay(day)));
  const tick = (day: string, itemId: string) =>
    withClinic(appDb(), a.id, (tx) => setItemDone(tx, link, { itemId, day, done: true }, onDay(day)));
  const adherence = async (today: string) =>
    (await withClinic(appDb(), a.id, (tx) => patientAdherence(tx, a.id, patient.id, today)))[0]!;
  return { patient, programId: saved.id, revision: assigned.revision, page, tick, adherence };
}

const names = (page: Awaited<ReturnType<typeof planToday>>) =>
  page.program!.phases.flatMap((p) => p.items.map((i) => i.exercise.name));

describe("a phased program (the shipped Maigne's protocol)", () => {
  test("the patient sees only the phase due today, with when the next one starts; a later phase in its week", async () => {
    const plan = await givenMaigne("2026-03-02");
    const week1 = await plan.page("2026-03-04");
    expect(week1.program!.phases.map((p) => p.title)).toEqual(["Restore thoracolumbar mobility"]);
    expect(names(week1)).toHaveLength(4);
    expect(names(week1).join(" ")).not.toMatch(/kettlebell/i);
    expect(week1.program!.phase).toEqual({
      number: 1,
      count: 4,
      title: "Restore thoracolumbar mobility",
      next: { number: 2, title: "Build deep core stability", startsOn: "2026-03-16" },
    });

    const week7 = await plan.page("2026-04-14");
    expect(week7.program!.phases.map((p) => p.title)).toEqual(["Retrain movement"]);
    expect(names(week7).join(" ")).toMatch(/kettlebell deadlift/i);
    expect(week7.program!.phase).toMatchObject({ number: 4, next: null });
  });

  test("adherence counts the current phase's exercises: doing all of phase 1 every day is 100%", async () => {
    const plan = await givenMaigne("2026-03-02");
    const phase1 = (await plan.page("2026-03-02")).program!.phases[0]!.items;
    for (const day of ["2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05", "2026-03-06"])
      for (const item of phase1) await plan.tick(day, item.itemId);
    expect(await plan.adherence("2026-03-07")).toMatchObject({
      sessionsDone: 5,
      sessionsExpected: 5,
      percentDone: 100,
      startsOn: "2026-03-02",
      phase: { number: 1, count: 4, next: { number: 2, startsOn: "2026-03-16" } },
    });
  });

  test("an exercise of a phase not due that day cannot be ticked", async () => {
    const plan = await givenMaigne("2026-03-02");
    const week7 = (await plan.page("2026-04-14")).program!.phases[0]!.items;
    const deadlift = week7.find((i) => /kettlebell/i.test(i.exercise.name))!;
    await expect(plan.tick("2026-03-04", deadlift.itemId)).rejects.toThrow(
      "That exercise isn't part of this day's phase of your plan. Reload the page to see today's exercises.",
    );
  });

  test("the clinician moves the patient to the next phase now: the plan and adherence follow from today", async () => {
    const plan = await givenMaigne(addDays(clinicToday(), -3));
    const moved = await asClinician().programs.advancePhase({ id: plan.programId, expectedRevision: plan.revision });
    expect(moved.phase).toMatchObject({
      number: 2,
      title: "Build deep core stability",
      next: { number: 3, title: "Rebalance hip function", startsOn: addDays(clinicToday(), 25) },
    });
    const page = await withClinic(appDb(), a.id, (tx) => planToday(tx, linkFor(plan.patient.id, plan.programId), {}));
    expect(page.program!.phases.map((p) => p.title)).toEqual(["Build deep core stability"]);
    expect((await asClinician().programs.adherence({ patientId: plan.patient.id }))[0]!.phase).toMatchObject({
      number: 2,
    });

    // The same click again (the revision it read is gone) changes nothing.
    const again = await refusal(
      asClinician().programs.advancePhase({ id: plan.programId, expectedRevision: plan.revision }),
    );
    expect(again.message).toBe("This program changed since you opened it. Reload to see the latest version.");
    const list = await asClinician().programs.forPatient({ patientId: plan.patient.id });
    expect(list[0]!.adherence.phase).toMatchObject({ number: 2 });
  });

  test("a program without phase starts cannot be moved on, and shows every exercise as before", async () => {
    const patient = await asClinician().patients.create(makePatient());
    const ids = [await libraryIdLike("dead bug"), await libraryIdLike("bridge")];
    const saved = await asClinician().programs.save(programInput(patient.id, ids));
    const assigned = await asClinician().programs.assign({ id: saved.id, expectedRevision: saved.revision });
    const page = await withClinic(appDb(), a.id, (tx) => planToday(tx, linkFor(patient.id, saved.id), {}));
    expect(page.program!.phases.flatMap((p) => p.items)).toHaveLength(2);
    expect(page.program!.phase).toBeNull();
    const error = await refusal(
      asClinician().programs.advancePhase({ id: saved.id, expectedRevision: assigned.revision }),
    );
    expect(error.message).toBe("This program's phases have no start dates, so all of its exercises are already due.");
  });

  test("phase starts must be all or none and in order", async () => {
    const patient = await asClinician().patients.create(makePatient());
    const base = { patientId: patient.id, title: "Phased", startDate: "2026-03-02", daysPerWeek: 5 };
    const partial = await refusal(
      asClinician().programs.save({
        ...base,
        phases: maigne.phases.map((p, i) => ({ ...p, startWeek: i === 2 ? null : p.startWeek })),
      }),
    );
    expect(shownMessage(partial)).toMatch(/Give every later phase a start, or none of them/);
    const backwards = await refusal(
      asClinician().programs.save({
        ...base,
        phases: maigne.phases.map((p, i) => ({ ...p, startWeek: i === 2 ? 2 : p.startWeek })),
      }),
    );
    expect(shownMessage(backwards)).toMatch(/Start each phase after the one before it/);
    // A date works as well as a week.
    const dated = await asClinician().programs.save({
      ...base,
      phases: maigne.phases.map((p, i) => (i === 1 ? { ...p, startWeek: null, startDate: "2026-03-10" } : p)),
    });
    const program = await asClinician().programs.get({ id: dated.id });
    expect(program.phases.map((p) => [p.startWeek, p.startDate])).toEqual([
      [null, null],
      [null, "2026-03-10"],
      [5, null],
      [7, null],
    ]);
  });
});

describe("clinician notes and patient instructions", () => {
  test("the clinician's note stays with staff: the plan page and the email show only the patient's instruction", async () => {
    const patient = await asClinician().patients.create(makePatient({ email: "notes.patient@example.com" }));
    const input = programInput(patient.id, [await libraryIdLike("dead bug")]);
    input.phases[0]!.items[0] = {
      ...input.phases[0]!.items[0]!,
      note: "Breathe out as you lower the leg.",
      clinicianNote: "Only if the lumbar flexion test is negative; remove otherwise.",
    };
    const saved = await asClinician().programs.save(input);
    const assigned = await asClinician().programs.assign({ id: saved.id, expectedRevision: saved.revision });

    const staffView = await asClinician().programs.get({ id: saved.id });
    expect(staffView.phases[0]!.items[0]).toMatchObject({
      note: "Breathe out as you lower the leg.",
      clinicianNote: "Only if the lumbar flexion test is negative; remove otherwise.",
    });

    const page = await withClinic(appDb(), a.id, (tx) => planToday(tx, linkFor(patient.id, saved.id), {}));
    expect(JSON.stringify(page)).toContain("Breathe out as you lower the leg.");
    expect(JSON.stringify(page)).not.toContain("lumbar flexion test");

    expect((await deliverDue(new Date()))[planMessageKey(saved.id, assigned.version)]).toBe("sent");
    const email = (await outboxOf(a.id)).at(-1)!;
    expect(email.html).toContain("Breathe out as you lower the leg.");
    expect(email.html).not.toContain("lumbar flexion test");
  });

  test("a program from the shipped Maigne's protocol does not email the patient the template's lines for clinicians", async () => {
    const patient = await asClinician().patients.create(makePatient({ email: "maigne.patient@example.com" }));
    const saved = await asClinician().programs.save({
      patientId: patient.id,
      title: maigne.name,
      startDate: clinicToday(),
      daysPerWeek: 5,
      phases: maigne.phases,
    });
    const assigned = await asClinician().programs.assign({ id: saved.id, expectedRevision: saved.revision });
    expect((await deliverDue(new Date()))[planMessageKey(saved.id, assigned.version)]).toBe("sent");
    const email = (await outboxOf(a.id)).at(-1)!;
    expect(email.html).not.toContain("For patients who sit most of the day");
    expect(email.html).not.toContain("remove otherwise");
    expect(email.html).toContain("Spend extra time on the band just below the ribs.");
    const staffView = await asClinician().programs.get({ id: saved.id });
    const desk = staffView.phases[0]!.items.find((i) => /desk/i.test(i.exercise.name))!;
    expect(desk.clinicianNote).toBe("For patients who sit most of the day; remove otherwise.");
    expect(desk.note).toBeNull();
  });
});

describe("before the plan's first day", () => {
  test("the patient page says when it starts and nothing can be ticked yet; the clinician sees the start, not 0 of 0", async () => {
    const plan = await givenMaigne("2026-03-09");
    const before = await plan.page("2026-03-06");
    expect(before.program).toMatchObject({ started: false, startDate: "2026-03-09" });
    expect(before.program!.phases.map((p) => p.title)).toEqual(["Restore thoracolumbar mobility"]);
    await expect(plan.tick("2026-03-06", before.program!.phases[0]!.items[0]!.itemId)).rejects.toThrow(
      "Your plan starts on Monday, March 9: you can tick exercises from then.",
    );
    expect(await plan.adherence("2026-03-06")).toMatchObject({
      sessionsExpected: 0,
      startsOn: "2026-03-09",
      phase: { number: 0, next: { number: 1, startsOn: "2026-03-09" } },
    });
    expect((await plan.page("2026-03-09")).program!.started).toBe(true);
  });
});

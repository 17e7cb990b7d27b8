// Programs as clinicians build them: save a draft, edit it, assign it (the plan email is queued in
// the same transaction), edit again (a new version; the history keeps what was given), and the
// refusals — stale revision, bad dosage, an empty program, another clinic's patient or exercise,
// the wrong role — each with a message and nothing written.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { messages, programItems, programs, programVersions } from "@/db/schema";
import { libraryExerciseId } from "@/db/seed/library";
import { LIBRARY_EXERCISES, PROGRAM_TEMPLATES } from "@/db/seed/library-source";
import { planMessageKey } from "@/server/messages/plan";
import { callerFor, refusal, shownFieldErrors, shownMessage } from "../fixtures/callers";
import { makePatient, seedClinic, type SeededClinic } from "../fixtures/clinic";
import { adminDb } from "../fixtures/db";
import { rowCounts } from "../fixtures/snapshot";
import { clinicExercise, dosage, ensureLibrary, libraryIdLike, programInput } from "../fixtures/programs";
import { deliverDue, outboxOf } from "./messages-fixtures";

let a: SeededClinic;
let b: SeededClinic;
let lib: { copenhagen: string; deadBug: string; bridge: string };

beforeAll(async () => {
  await ensureLibrary();
  a = await seedClinic();
  b = await seedClinic();
  lib = {
    copenhagen: await libraryIdLike("copenhagen"),
    deadBug: await libraryIdLike("dead bug"),
    bridge: await libraryIdLike("bridge"),
  };
});

const asClinician = (c: SeededClinic) => callerFor(c.clinician, c.slug);
const patientOf = (c: SeededClinic, i = 0) => c.patients[i]!.id;

async function programRows(programId: string) {
  const db = adminDb();
  return {
    program: (await db.select().from(programs).where(eq(programs.id, programId)))[0],
    versions: await db
      .select()
      .from(programVersions)
      .where(eq(programVersions.programId, programId))
      .orderBy(programVersions.version),
    items: await db
      .select()
      .from(programItems)
      .where(eq(programItems.programId, programId))
      .orderBy(programItems.version, programItems.position),
  };
}

describe("building a program", () => {
  test("a new program is a draft at revision 1, version 1, with its phases and exercises in order", async () => {
    const own = await clinicExercise(a, { name: "Thoracic opener on roller" });
    const saved = await asClinician(a).programs.save(programInput(patientOf(a), [own, lib.deadBug, lib.copenhagen]));
    expect(saved).toMatchObject({ revision: 1, version: 1, status: "draft" });

    const program = await callerFor(a.owner, a.slug).programs.get({ id: saved.id });
    expect(program).toMatchObject({
      id: saved.id,
      patientId: patientOf(a),
      title: "Thoracolumbar junction: weeks 1–4",
      status: "draft",
      version: 1,
      revision: 1,
      daysPerWeek: 5,
      assignedVersion: null,
      hasDraftChanges: true,
    });
    expect(program.patientName).toBe(`${a.patients[0]!.firstName} ${a.patients[0]!.lastName}`);
    expect(program.startDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(program.phases.map((p) => [p.title, p.items.map((i) => i.exercise.name)])).toEqual([
      ["Weeks 1–2: Restore thoracolumbar mobility", ["Thoracic opener on roller"]],
      ["Weeks 3–4: Core stability", [expect.stringMatching(/dead bug/i), expect.stringMatching(/copenhagen/i)]],
    ]);
    expect(program.phases[0]!.items[0]).toMatchObject({
      note: "Slow on the way down.",
      dosage: dosage(),
      exercise: { source: "clinic" },
    });
    expect(program.versions).toEqual([
      { version: 1, title: program.title, assignedAt: null, createdAt: expect.any(Date), itemCount: 3 },
    ]);
  });

  test("saving a draft again edits version 1 in place and moves the revision on", async () => {
    const caller = asClinician(a);
    const first = await caller.programs.save(programInput(patientOf(a), [lib.deadBug]));
    const second = await caller.programs.save({
      ...programInput(patientOf(a), [lib.bridge, lib.deadBug]),
      id: first.id,
      expectedRevision: 1,
      title: "Renamed",
    });
    expect(second).toMatchObject({ id: first.id, revision: 2, version: 1, status: "draft" });
    const rows = await programRows(first.id);
    expect(rows.versions).toHaveLength(1);
    expect(rows.items.map((i) => i.libraryExerciseId)).toEqual([lib.bridge, lib.deadBug]);
    expect(rows.program).toMatchObject({ title: "Renamed", revision: 2, currentVersion: 1 });
  });

  test("the patient's programs list them with their item count and (empty) adherence", async () => {
    const patient = await asClinician(a).patients.create(makePatient());
    const saved = await asClinician(a).programs.save(programInput(patient.id, [lib.deadBug, lib.bridge]));
    const list = await callerFor(a.owner, a.slug).programs.forPatient({ patientId: patient.id });
    expect(list).toEqual([
      expect.objectContaining({
        id: saved.id,
        title: "Thoracolumbar junction: weeks 1–4",
        status: "draft",
        version: 1,
        revision: 1,
        assignedAt: null,
        itemCount: 2,
        adherence: expect.objectContaining({
          percentDone: null,
          sessionsDone: 0,
          sessionsExpected: 0,
          lastActivityAt: null,
          pain: [],
        }),
      }),
    ]);
  });
});

describe("assigning and editing after", () => {
  test("assigning freezes version 1 and queues one plan email; editing then makes version 2 and version 1 stays as given", async () => {
    const caller = asClinician(a);
    const saved = await caller.programs.save(programInput(patientOf(a), [lib.deadBug, lib.bridge]));
    const assigned = await caller.programs.assign({ id: saved.id, expectedRevision: saved.revision });
    expect(assigned).toMatchObject({
      id: saved.id,
      version: 1,
      revision: 2,
      emailQueued: true,
      assignedAt: expect.any(Date),
    });

    const plan = await adminDb()
      .select()
      .from(messages)
      .where(and(eq(messages.clinicId, a.id), eq(messages.key, planMessageKey(saved.id, 1))));
    expect(plan).toEqual([
      expect.objectContaining({ kind: "plan", state: "pending", patientId: patientOf(a), appointmentId: null }),
    ]);
    expect((await caller.programs.get({ id: saved.id })).planEmail).toMatchObject({
      version: 1,
      state: "pending",
      skipReason: null,
    });

    const edited = await caller.programs.save({
      ...programInput(patientOf(a), [lib.copenhagen], { title: "Progressed" }),
      id: saved.id,
      expectedRevision: assigned.revision,
    });
    expect(edited).toMatchObject({ version: 2, revision: 3, status: "assigned" });
    const again = await caller.programs.save({
      ...programInput(patientOf(a), [lib.copenhagen, lib.bridge], { title: "Progressed twice" }),
      id: saved.id,
      expectedRevision: edited.revision,
    });
    expect(again).toMatchObject({ version: 2, revision: 4 }); // the draft version 2 is edited in place

    const now = await caller.programs.get({ id: saved.id });
    expect(now).toMatchObject({
      version: 2,
      assignedVersion: 1,
      hasDraftChanges: true,
      title: "Progressed twice",
      assignedAt: null,
    });
    expect(now.versions.map((v) => [v.version, v.itemCount, v.assignedAt !== null])).toEqual([
      [2, 2, false],
      [1, 2, true],
    ]);

    const given = await caller.programs.getVersion({ id: saved.id, version: 1 });
    expect(given).toMatchObject({
      version: 1,
      title: "Thoracolumbar junction: weeks 1–4",
      readOnly: true,
      assignedAt: assigned.assignedAt,
    });
    expect(given.phases.flatMap((p) => p.items.map((i) => i.exerciseId))).toEqual([lib.deadBug, lib.bridge]);

    const second = await caller.programs.assign({ id: saved.id, expectedRevision: again.revision });
    expect(second).toMatchObject({ version: 2, revision: 5, emailQueued: true });
    const third = await caller.programs.save({
      ...programInput(patientOf(a), [lib.deadBug]),
      id: saved.id,
      expectedRevision: second.revision,
    });
    expect(third.version).toBe(3);
    expect((await programRows(saved.id)).versions.map((v) => [v.version, v.assignedAt !== null])).toEqual([
      [1, true],
      [2, true],
      [3, false],
    ]);
  });

  test("assign queues exactly one plan message, however often it is retried", async () => {
    const caller = asClinician(a);
    const saved = await caller.programs.save(programInput(patientOf(a, 1), [lib.deadBug]));
    const assigned = await caller.programs.assign({ id: saved.id, expectedRevision: saved.revision });
    // The same request again (a double click, a retried POST): the revision has moved on.
    const retry = await refusal(caller.programs.assign({ id: saved.id, expectedRevision: saved.revision }));
    expect(retry.code).toBe("CONFLICT");
    // Assigned again on purpose, nothing changed in between: same version, still one message.
    const again = await caller.programs.assign({ id: saved.id, expectedRevision: assigned.revision });
    expect(again).toMatchObject({ version: 1, emailQueued: true, assignedAt: assigned.assignedAt });
    const planMessages = await adminDb()
      .select()
      .from(messages)
      .where(and(eq(messages.clinicId, a.id), eq(messages.key, planMessageKey(saved.id, 1))));
    expect(planMessages).toHaveLength(1);
  });

  test("a patient without a usable email: assigned all the same, the plan message skipped with the reason", async () => {
    const caller = asClinician(a);
    const noEmail = await caller.patients.create(makePatient({ email: "" }));
    const saved = await caller.programs.save(programInput(noEmail.id, [lib.deadBug]));
    const assigned = await caller.programs.assign({ id: saved.id, expectedRevision: 1 });
    expect(assigned).toMatchObject({ emailQueued: false, emailSkipReason: "no_email" });
    const [message] = await adminDb()
      .select()
      .from(messages)
      .where(and(eq(messages.clinicId, a.id), eq(messages.key, planMessageKey(saved.id, 1))));
    expect(message).toMatchObject({ state: "skipped", skipReason: "no_email" });
    expect((await caller.programs.get({ id: saved.id })).planEmail).toMatchObject({
      version: 1,
      state: "skipped",
      skipReason: "no_email",
    });
  });

  test("the worker sends the plan: exercises, dosage in words, cues, the note and a link to the plan page", async () => {
    const c = await seedClinic();
    const caller = asClinician(c);
    const saved = await caller.programs.save(programInput(patientOf(c), [lib.deadBug, lib.copenhagen]));
    await caller.programs.assign({ id: saved.id, expectedRevision: 1 });
    expect((await deliverDue(new Date()))[planMessageKey(saved.id, 1)]).toBe("sent");
    const [email] = await outboxOf(c.id);
    expect(email).toMatchObject({ template: "program-plan", to: c.patients[0]!.email });
    expect((await caller.programs.get({ id: saved.id })).planEmail).toMatchObject({
      state: "sent",
      toEmail: c.patients[0]!.email,
      sentAt: expect.any(Date),
    });
    expect(email!.subject).toBe(`Your exercise plan from ${c.name}: Thoracolumbar junction: weeks 1–4`);
    expect(email!.text).toContain("Weeks 1–2: Restore thoracolumbar mobility".toUpperCase());
    expect(email!.text).toMatch(/dead bug/i);
    expect(email!.text).toContain("3 sets × 10 reps, each side, once a day, 5 days a week");
    expect(email!.text).toContain("Note from your clinician: Slow on the way down.");
    // Email clients show no SVG: the plan email points at the PNG rendition.
    expect(email!.html).toMatch(/src="http:\/\/127\.0\.0\.1:\d+\/exercise-art\/[a-z0-9_-]+\.png"/);
    expect(email!.html).not.toMatch(/exercise-art\/[a-z0-9_-]+\.svg/);
    expect(email!.html).toMatch(/href="http:\/\/127\.0\.0\.1:\d+\/p\/[\w-]+\.[\w-]+"/);
  });

  test("a plan version replaced before its email went out is not sent; the newer one is", async () => {
    const c = await seedClinic();
    const caller = asClinician(c);
    const saved = await caller.programs.save(programInput(patientOf(c), [lib.deadBug]));
    const first = await caller.programs.assign({ id: saved.id, expectedRevision: 1 });
    const edited = await caller.programs.save({
      ...programInput(patientOf(c), [lib.bridge]),
      id: saved.id,
      expectedRevision: first.revision,
    });
    await caller.programs.assign({ id: saved.id, expectedRevision: edited.revision });
    const outcome = await deliverDue(new Date());
    expect(outcome[planMessageKey(saved.id, 1)]).toBe("skipped");
    expect(outcome[planMessageKey(saved.id, 2)]).toBe("sent");
    const [old] = await adminDb()
      .select()
      .from(messages)
      .where(and(eq(messages.clinicId, c.id), eq(messages.key, planMessageKey(saved.id, 1))));
    expect(old!.skipReason).toBe("superseded");
    const sent = await outboxOf(c.id);
    expect(sent.map((m) => m.subject)).toEqual([
      `Your updated exercise plan from ${c.name}: Thoracolumbar junction: weeks 1–4`,
    ]);
  });
});

describe("two clinicians editing one program", () => {
  test("the later save, made from an older revision, is refused and changes nothing", async () => {
    const saved = await asClinician(a).programs.save(programInput(patientOf(a), [lib.deadBug]));
    await callerFor(a.owner, a.slug).programs.save({
      ...programInput(patientOf(a), [lib.bridge], { title: "Owner's edit" }),
      id: saved.id,
      expectedRevision: 1,
    });
    const before = await programRows(saved.id);

    const error = await refusal(
      asClinician(a).programs.save({
        ...programInput(patientOf(a), [lib.copenhagen], { title: "Clinician's edit" }),
        id: saved.id,
        expectedRevision: 1,
      }),
    );
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toBe("This program changed since you opened it. Reload to see the latest version.");
    expect(await programRows(saved.id)).toEqual(before);

    const assign = await refusal(asClinician(a).programs.assign({ id: saved.id, expectedRevision: 1 }));
    expect(assign.message).toBe("This program changed since you opened it. Reload to see the latest version.");
    expect(await programRows(saved.id)).toEqual(before);
  });

  test("a change without the revision it was based on is refused", async () => {
    const saved = await asClinician(a).programs.save(programInput(patientOf(a), [lib.deadBug]));
    const error = await refusal(
      asClinician(a).programs.save({ ...programInput(patientOf(a), [lib.bridge]), id: saved.id }),
    );
    expect(shownFieldErrors(error)).toEqual({
      expectedRevision: "Say which revision you are changing (expectedRevision)",
    });
  });
});

describe("bad programs are refused with a message, and nothing is written", () => {
  let counts: Awaited<ReturnType<typeof rowCounts>>;
  const programCount = async () => (await adminDb().select().from(programs)).length;
  let before: number;
  beforeAll(async () => {
    before = await programCount();
    counts = await rowCounts();
  });

  test("dosage out of range, field by field", async () => {
    const input = programInput(patientOf(a), [lib.deadBug]);
    input.phases[0]!.items[0]!.dosage = {
      sets: 21,
      reps: 0,
      holdSeconds: -1,
      side: "both",
      timesPerDay: 0,
      daysPerWeek: 9,
    };
    const error = await refusal(asClinician(a).programs.save(input));
    expect(shownFieldErrors(error)).toEqual({
      "phases.0.items.0.dosage.sets": "Use 1–20 sets",
      "phases.0.items.0.dosage.reps": "Use 1–300 reps",
      "phases.0.items.0.dosage.holdSeconds": "Use a hold of 0–600 seconds",
      "phases.0.items.0.dosage.timesPerDay": "Use 1–5 times a day",
      "phases.0.items.0.dosage.daysPerWeek": "Use 1–7 days a week",
    });
    expect(shownMessage(error)).toContain("Sets: Use 1–20 sets");
  });

  test("neither reps nor a hold", async () => {
    const input = programInput(patientOf(a), [lib.deadBug]);
    input.phases[0]!.items[0]!.dosage = dosage({ reps: null, holdSeconds: null });
    expect(shownFieldErrors(await refusal(asClinician(a).programs.save(input)))).toEqual({
      "phases.0.items.0.dosage.reps": "Give reps, a hold time, or both",
    });
    input.phases[0]!.items[0]!.dosage = dosage({ reps: null, holdSeconds: 0 });
    expect(shownFieldErrors(await refusal(asClinician(a).programs.save(input)))).toEqual({
      "phases.0.items.0.dosage.reps": "Give reps, a hold time, or both",
    });
  });

  test("the program's own frequency and dates", async () => {
    const error = await refusal(
      asClinician(a).programs.save(
        programInput(patientOf(a), [lib.deadBug], { daysPerWeek: 0, startDate: "2026-02-30", title: "" }),
      ),
    );
    expect(shownFieldErrors(error)).toEqual({
      daysPerWeek: "Use 1–7 days a week",
      startDate: "The start date is not a real date",
      title: "Give the program a title",
    });
  });

  test("an empty program", async () => {
    const error = await refusal(asClinician(a).programs.save(programInput(patientOf(a), [])));
    expect(error.code).toBe("BAD_REQUEST");
    expect(shownMessage(error)).toBe("Add at least one exercise.");
    expect(
      shownMessage(await refusal(asClinician(a).programs.save({ ...programInput(patientOf(a), []), phases: [] }))),
    ).toBe("Phases: Add at least one exercise.");
  });

  test("another clinic's patient", async () => {
    const error = await refusal(asClinician(a).programs.save(programInput(patientOf(b), [lib.deadBug])));
    expect({ code: error.code, message: error.message }).toEqual({
      code: "NOT_FOUND",
      message: "That patient was not found.",
    });
  });

  test("another clinic's exercise", async () => {
    const theirs = await clinicExercise(b, { name: "B's secret drill" });
    counts = await rowCounts();
    const error = await refusal(asClinician(a).programs.save(programInput(patientOf(a), [lib.deadBug, theirs])));
    expect({ code: error.code, message: error.message }).toEqual({
      code: "NOT_FOUND",
      message: "That exercise was not found.",
    });
  });

  test("another clinic's program cannot be read, changed or assigned", async () => {
    const theirs = await asClinician(b).programs.save(programInput(patientOf(b), [lib.deadBug]));
    counts = await rowCounts();
    before = await programCount();
    const asA = asClinician(a);
    expect((await refusal(asA.programs.get({ id: theirs.id }))).code).toBe("NOT_FOUND");
    expect((await refusal(asA.programs.getVersion({ id: theirs.id, version: 1 }))).code).toBe("NOT_FOUND");
    expect(
      (
        await refusal(
          asA.programs.save({ ...programInput(patientOf(a), [lib.bridge]), id: theirs.id, expectedRevision: 1 }),
        )
      ).code,
    ).toBe("NOT_FOUND");
    expect((await refusal(asA.programs.assign({ id: theirs.id, expectedRevision: 1 }))).code).toBe("NOT_FOUND");
    expect((await refusal(asA.programs.saveAsTemplate({ programId: theirs.id, name: "Stolen" }))).code).toBe(
      "NOT_FOUND",
    );
    expect(await asA.programs.forPatient({ patientId: patientOf(b) })).toEqual([]);
    expect(await asA.programs.adherence({ patientId: patientOf(b) })).toEqual([]);
    const rows = await programRows(theirs.id);
    expect(rows.program).toMatchObject({ revision: 1, status: "draft" });
  });

  test("a program cannot be moved to another patient", async () => {
    const saved = await asClinician(a).programs.save(programInput(patientOf(a), [lib.deadBug]));
    counts = await rowCounts();
    before = await programCount();
    const error = await refusal(
      asClinician(a).programs.save({
        ...programInput(patientOf(a, 1), [lib.deadBug]),
        id: saved.id,
        expectedRevision: 1,
      }),
    );
    expect(error.message).toBe("This program belongs to another patient.");
  });

  test("the front desk may neither read programs nor save or assign them", async () => {
    const saved = await asClinician(a).programs.save(programInput(patientOf(a), [lib.deadBug]));
    counts = await rowCounts();
    before = await programCount();
    const desk = callerFor(a.frontDesk, a.slug);
    expect((await refusal(desk.programs.save(programInput(patientOf(a), [lib.deadBug])))).code).toBe("FORBIDDEN");
    expect((await refusal(desk.programs.assign({ id: saved.id, expectedRevision: 1 }))).code).toBe("FORBIDDEN");
    expect((await refusal(desk.programs.saveAsTemplate({ programId: saved.id, name: "Desk" }))).code).toBe("FORBIDDEN");
    expect((await refusal(desk.programs.get({ id: saved.id }))).code).toBe("FORBIDDEN");
    expect((await refusal(desk.programs.forPatient({ patientId: patientOf(a) }))).code).toBe("FORBIDDEN");
  });

  test("afterwards: no program, version, item or message was written by any refusal", async () => {
    expect(await programCount()).toBe(before);
    expect(await rowCounts()).toEqual(counts);
  });
});

describe("templates", () => {
  test("the shipped protocols come as written: phase titles, goals as notes, start weeks, each exercise with its dosage", async () => {
    const templates = await callerFor(a.clinician, a.slug).programs.templates();
    expect(templates.filter((t) => t.source === "library").map((t) => t.id)).toEqual(
      PROGRAM_TEMPLATES.map((t) => `library:${t.slug}`),
    );
    for (const shipped of PROGRAM_TEMPLATES) {
      const t = templates.find((x) => x.id === `library:${shipped.slug}`)!;
      expect(t).toMatchObject({ name: shipped.name, summary: shipped.summary });
      expect(t.phases.map((p) => [p.title, p.notes, p.startWeek])).toEqual(
        shipped.phases.map((p, i) => [p.title, p.goal, i === 0 ? null : p.startWeek]),
      );
      expect(t.phases.map((p) => p.items.map((i) => i.exerciseId))).toEqual(
        shipped.phases.map((p) => p.items.map((i) => libraryExerciseId(i.slug))),
      );
      const first = shipped.phases[0]!.items[0]!;
      const defaults = LIBRARY_EXERCISES.find((e) => e.slug === first.slug)!.dosage;
      expect(t.phases[0]!.items[0]!.dosage).toEqual({ ...defaults, ...first.dosage });
    }
    const maigne = templates.find((t) => /Maigne/.test(t.name))!;
    expect(maigne.phases.map((p) => p.title)).toContain("Restore thoracolumbar mobility");
  });

  test("the shipped protocols come with their phases and exercises", async () => {
    const templates = await callerFor(a.clinician, a.slug).programs.templates();
    for (const t of templates.filter((x) => x.source === "library")) {
      expect(t.id).toMatch(/^library:/);
      expect(t.phases.length).toBeGreaterThan(0);
      for (const item of t.phases.flatMap((p) => p.items)) expect(item.exercise.id).toBe(item.exerciseId);
    }
  });

  test("a program saved as a template comes back as the clinic's, for that clinic only; names are unique", async () => {
    const saved = await asClinician(a).programs.save(programInput(patientOf(a), [lib.deadBug, lib.copenhagen]));
    const template = await asClinician(a).programs.saveAsTemplate({ programId: saved.id, name: "Groin return to run" });
    expect(template).toMatchObject({
      name: "Groin return to run",
      source: "clinic",
      summary: "2 exercises in 2 phases, from “Thoracolumbar junction: weeks 1–4”.",
    });
    expect(template.phases.map((p) => p.items.map((i) => i.exerciseId))).toEqual([[lib.deadBug], [lib.copenhagen]]);
    expect((await asClinician(a).programs.templates()).find((t) => t.id === template.id)).toEqual(template);
    expect((await asClinician(b).programs.templates()).find((t) => t.id === template.id)).toBeUndefined();

    const duplicate = await refusal(
      asClinician(a).programs.saveAsTemplate({ programId: saved.id, name: "groin RETURN to run" }),
    );
    expect({ code: duplicate.code, message: duplicate.message }).toEqual({
      code: "CONFLICT",
      message: "Your clinic already has a template with that name. Choose another name.",
    });
  });

  test("every template can be used as it comes, as the builder does (its exercises' details are ignored)", async () => {
    const templates = await asClinician(a).programs.templates();
    expect(templates.length).toBeGreaterThanOrEqual(PROGRAM_TEMPLATES.length);
    for (const template of templates) {
      const saved = await asClinician(a).programs.save({
        patientId: patientOf(a),
        title: template.name,
        startDate: "2026-03-02",
        daysPerWeek: 5,
        phases: template.phases,
      });
      const program = await asClinician(a).programs.get({ id: saved.id });
      expect(program.phases.map((p) => p.items.map((i) => i.exerciseId))).toEqual(
        template.phases.map((p) => p.items.map((i) => i.exerciseId)),
      );
    }
  });
});

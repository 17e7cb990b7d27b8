// The generated cross-tenant sweep. Every procedure is either clinic-scoped or deliberately
// listed as public; every clinic-scoped procedure, called by a member of another clinic with a
// real request for clinic A's data, answers NOT_FOUND — exactly as for a clinic that does not
// exist — and clinic A's data is untouched afterwards.
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { emailOutbox, patients } from "@/db/schema";
import { createPatientLinkToken } from "@/server/auth/patient-links";
import { appRouter, NON_CLINIC_PROCEDURES } from "@/server/root";
import type { Meta } from "@/server/trpc";
import { anonymousCaller, callerFor, refusal, type Caller } from "../fixtures/callers";
import { makePatient, seedClinic, type SeededClinic, type StaffMember } from "../fixtures/clinic";
import { clinicExercise, ensureLibrary, libraryIdLike, makeExercise, programInput } from "../fixtures/programs";
import { adminDb } from "../fixtures/db";
import { clinicSnapshot, rowCounts } from "../fixtures/snapshot";

type StandardSchema = {
  "~standard": { validate: (value: unknown) => { issues?: unknown } | Promise<{ issues?: unknown }> };
};
type ProcedureLike = { _def: { type: string; meta?: Meta; inputs: unknown[] } };

// tRPC keeps a flat record of every procedure by its dotted path.
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, ProcedureLike>);
const clinicScoped = procedures.filter(([, p]) => p._def.meta?.scope === "clinic").map(([path]) => path);
const nonClinic: readonly string[] = NON_CLINIC_PROCEDURES;

/** Calls a procedure by its dotted path, as the browser's tRPC client would. */
function call(caller: Caller, path: string, input: unknown): Promise<unknown> {
  const fn = path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller);
  return (fn as (input: unknown) => Promise<unknown>)(input);
}

/** The input errors this procedure's schema finds in `input` (none: it would reach the handler). */
async function inputIssues(path: string, input: unknown): Promise<unknown[]> {
  const procedure = procedures.find(([p]) => p === path)![1];
  const issues: unknown[] = [];
  for (const parser of procedure._def.inputs as StandardSchema[]) {
    const result = await parser["~standard"].validate(input);
    if (result.issues) issues.push(result.issues);
  }
  return issues;
}

let a: SeededClinic;
let b: SeededClinic;
/** Clinic A's own exercise, and its program (assigned, with a template made from it). */
let aExerciseId: string;
let aProgramId: string;
/** Clinic A's episode of care and one of its questionnaire requests. */
let aEpisodeId: string;
let aRequestId: string;

/**
 * A request a member of another clinic might forge against clinic A: A's own patient and staff
 * ids, a full opening-hours week, a plausible profile. Every clinic-scoped procedure accepts it
 * (checked below), so a missing membership check could only show up as success, not a 400.
 */
function forgedRequest(path: string): unknown {
  const target = a.patients[0]!;
  // exercises.* and programs.* name A's own exercise or program by id; the rest A's patient.
  const id = path.startsWith("exercises.") ? aExerciseId : path.startsWith("programs.") ? aProgramId : target.id;
  const closedWeek = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
  return {
    // exercises and programs: A's exercise rewritten and hidden, A's program overwritten, assigned, templated
    ...makeExercise(),
    ...programInput(target.id, [target.id]),
    id,
    userId: path === "team.remove" ? a.owner.id : a.clinician.id,
    role: "owner",
    takesAppointments: false,
    email: "mallory@intruder.example",
    name: "Mallory's Takeover Clinic",
    timeZone: "UTC",
    phone: "(541) 555-0666",
    address: "Nowhere",
    ...makePatient({ firstName: "Mallory", lastName: "Intruder", email: "mallory@intruder.example" }),
    ...closedWeek,
    search: target.lastName,
    // patients.mergeSelfBooked: A's patient merged into A's other patient
    fromId: target.id,
    intoId: a.patients[1]!.id,
    limit: 100,
    offset: 0,
    // scheduling: A's clinician and patient, a time tomorrow, a week's range
    clinicianId: a.clinician.id,
    patientId: target.id,
    typeId: target.id,
    startsAt: new Date(Date.now() + 86_400_000),
    from: new Date(),
    to: new Date(Date.now() + 7 * 86_400_000),
    weekdays: ["mon", "thu"],
    weeks: 2,
    reason: "Cancelled by an intruder",
    status: "checked_in",
    // scheduling set-up
    endsAt: new Date(Date.now() + 2 * 86_400_000),
    hours: closedWeek,
    durationMinutes: 45,
    bufferMinutes: 0,
    priceMinor: 100,
    color: "#000000",
    onlineBookable: true,
    active: false,
    minNoticeMinutes: 0,
    maxAdvanceDays: 365,
    slotGranularityMinutes: 5,
    idleTimeoutMinutes: 240,
    // messages: an id of A's in the appointment's place, A's log, reminders switched off
    appointmentId: target.id,
    kind: "reminder_24h",
    state: "failed",
    reminder24h: false,
    reminder2h: false,
    hidden: true,
    expectedRevision: 1,
    version: 1,
    programId: aProgramId,
    ...(path === "exercises.search" ? { q: "wall slide", equipment: "wall" } : {}),
    // consent: a shorter consent period and another banner language for A
    consentMonths: 6,
    language: "fr",
    // outcomes: A's episode and questionnaire, answered, rescheduled, discharged, the ODI switched off
    episodeId: aEpisodeId,
    requestId: aRequestId,
    instrumentKey: "odi",
    enabled: false,
    mine: false,
    schedules: [{ instrumentKey: "nprs", atIntake: false, everyWeeks: 1, everyVisits: null, atDischarge: true }],
    answers: { values: { pain: 9 } },
    ...(path === "outcomes.sendNow" ? { email: true } : {}),
    // kiosk: A's questionnaire handed over, or left with a guessed password
    password: "mallory-guesses",
    // dashboard: A's numbers for a week, a drill-down into A's visits, A's late-cancel window and goal rewritten
    ...(path.startsWith("dashboard.") ? dashboardForgery(a.clinician.id) : {}),
    // after-visit money: A's patient charged, paid for and refunded; A's fees rewritten
    ...(path.startsWith("charges.") ? chargesForgery(target.id) : {}),
  };
}

function chargesForgery(id: string) {
  return {
    paymentId: id,
    cardId: id,
    method: "cash",
    amountMinor: 100_000,
    currency: "USD",
    note: "Mallory's cash",
    key: crypto.randomUUID(),
    noShowFeeMinor: 1_000_000,
    lateCancelFeeMinor: 1_000_000,
    autoChargeFees: true,
  };
}

function dashboardForgery(clinicianId: string) {
  const filters = { preset: "custom", from: "2026-03-02", to: "2026-03-08", clinicianId };
  return {
    ...filters,
    filters,
    kind: "visits",
    lateCancelHours: 1,
    noShowGoalPercent: 99,
    referralSources: ["Mallory"],
  };
}

beforeAll(async () => {
  a = await seedClinic({ name: "Cascade Physio" });
  b = await seedClinic({ name: "Riverbend Sports Rehab" });
  await ensureLibrary();
  aExerciseId = await clinicExercise(a);
  const asA = callerFor(a.clinician, a.slug);
  const program = await asA.programs.save(
    programInput(a.patients[0]!.id, [aExerciseId, await libraryIdLike("dead bug")]),
  );
  await asA.programs.assign({ id: program.id, expectedRevision: program.revision });
  await asA.programs.saveAsTemplate({ programId: program.id, name: "A's protocol" });
  aProgramId = program.id;
  const episode = await asA.outcomes.startEpisode({
    patientId: a.patients[0]!.id,
    title: "Low back pain",
    clinicianId: a.clinician.id,
    schedules: [{ instrumentKey: "nprs", atIntake: true, everyWeeks: null, everyVisits: null, atDischarge: false }],
  });
  aEpisodeId = episode.episodeId;
  aRequestId = (await asA.outcomes.sendNow({ episodeId: aEpisodeId, instrumentKey: "nprs", email: false })).requestId;
});

describe("the API surface", () => {
  test("every procedure is built with clinicProcedure or listed in NON_CLINIC_PROCEDURES", () => {
    const unaccounted = procedures
      .filter(([path, p]) => p._def.meta?.scope !== "clinic" && !nonClinic.includes(path))
      .map(([path]) => path);
    expect(unaccounted, "procedures neither clinic-scoped nor listed as public in server/root.ts").toEqual([]);
  });

  test("NON_CLINIC_PROCEDURES lists only procedures that exist and are not clinic-scoped", () => {
    const all = procedures.map(([path]) => path);
    for (const path of nonClinic) {
      expect(all, `${path} is listed but does not exist`).toContain(path);
      expect(clinicScoped, `${path} is listed as public but is clinic-scoped`).not.toContain(path);
    }
  });

  test("the clinic-scoped set includes the patient, team and settings procedures", () => {
    expect(clinicScoped).toEqual(
      expect.arrayContaining([
        "clinic.get",
        "clinic.updateProfile",
        "team.invite",
        "team.remove",
        "patients.get",
        "patients.update",
        "exercises.create",
        "exercises.setHidden",
        "programs.save",
        "programs.assign",
        "programs.advancePhase",
        "programs.adherence",
      ]),
    );
  });

  test.each(clinicScoped)("the forged request for %s passes its input validation", async (path) => {
    expect(await inputIssues(path, forgedRequest(path))).toEqual([]);
  });
});

describe("a member of clinic B naming clinic A", () => {
  let before: Awaited<ReturnType<typeof clinicSnapshot>>;
  let countsBefore: Awaited<ReturnType<typeof rowCounts>>;

  beforeAll(async () => {
    before = await clinicSnapshot(a.id);
    countsBefore = await rowCounts();
    expect(before.patients).toHaveLength(2);
    expect(before.memberships).toHaveLength(3);
    expect(before.auditLog.length).toBeGreaterThan(0);
  });

  const roles = ["owner", "clinician", "frontDesk"] as const;

  describe.each(roles)("as B's %s", (role) => {
    test.each(clinicScoped)("%s answers NOT_FOUND, the same as for a clinic that does not exist", async (path) => {
      const member: StaffMember = b[role];
      const foreign = await refusal(call(callerFor(member, a.slug), path, forgedRequest(path)));
      expect(foreign.code).toBe("NOT_FOUND");
      expect(foreign.message).toBe("Clinic not found.");

      const missing = await refusal(call(callerFor(member, "no-such-clinic"), path, forgedRequest(path)));
      expect({ code: missing.code, message: missing.message }).toEqual({
        code: foreign.code,
        message: foreign.message,
      });

      const noClinic = await refusal(call(callerFor(member, null), path, forgedRequest(path)));
      expect({ code: noClinic.code, message: noClinic.message }).toEqual({
        code: foreign.code,
        message: foreign.message,
      });
    });
  });

  test.each(clinicScoped)("signed out, %s on clinic A answers UNAUTHORIZED", async (path) => {
    const error = await refusal(call(anonymousCaller(a.slug), path, forgedRequest(path)));
    expect(error.code).toBe("UNAUTHORIZED");
  });

  test("afterwards, clinic A's clinic, team, patients, audit log and mail are exactly as before", async () => {
    expect(await clinicSnapshot(a.id)).toEqual(before);
    expect(await rowCounts()).toEqual(countsBefore);
  });
});

describe("a member of clinic B in B's own clinic, using clinic A's ids", () => {
  let asB: Caller;
  beforeAll(() => {
    asB = callerFor(b.frontDesk, b.slug);
  });

  test("cannot open A's patient", async () => {
    const error = await refusal(asB.patients.get({ id: a.patients[0]!.id }));
    expect(error.code).toBe("NOT_FOUND");
    expect(error.message).toBe("That patient was not found.");
  });

  test("cannot change A's patient, and the record stays as it was", async () => {
    const target = a.patients[0]!;
    const error = await refusal(asB.patients.update({ id: target.id, ...makePatient({ firstName: "Overwritten" }) }));
    expect(error.code).toBe("NOT_FOUND");
    const [stored] = await adminDb()
      .select()
      .from(patients)
      .where(and(eq(patients.clinicId, a.id), eq(patients.id, target.id)));
    expect(stored).toEqual(target);
  });

  test("sees no history, no appointments and can make no portal link for A's patient", async () => {
    expect(await asB.patients.history({ id: a.patients[0]!.id })).toEqual([]);
    expect((await refusal(asB.scheduling.forPatient({ patientId: a.patients[0]!.id }))).code).toBe("NOT_FOUND");
    // The plan link is clinical: B's clinician asks for it.
    const clinicianB = callerFor(b.clinician, b.slug);
    expect((await refusal(clinicianB.patients.portalLink({ id: a.patients[0]!.id }))).code).toBe("NOT_FOUND");
  });

  test("cannot read, charge, pay for or refund A's patient's payments", async () => {
    const target = a.patients[0]!;
    const paid = await callerFor(a.frontDesk, a.slug).charges.record({
      patientId: target.id,
      method: "cash",
      amountMinor: 2500,
      key: crypto.randomUUID(),
    });
    const ledgerOfA = async () =>
      (await adminDb().execute(sql`SELECT * FROM payments WHERE clinic_id = ${a.id} ORDER BY id`)).rows;
    const ledgerBefore = await ledgerOfA();
    expect((await refusal(asB.charges.patient({ patientId: target.id }))).message).toBe("That patient was not found.");
    const key = crypto.randomUUID();
    const record = { patientId: target.id, method: "cash" as const, amountMinor: 100, key };
    expect((await refusal(asB.charges.record(record))).code).toBe("NOT_FOUND");
    const refund = { paymentId: paid.payment.id, reason: "Mallory", key };
    expect((await refusal(asB.charges.refund(refund))).message).toBe("That payment was not found.");
    const edit = { id: paid.payment.id, amountMinor: 1, reason: "Mallory" };
    expect((await refusal(asB.charges.editCharge(edit))).code).toBe("NOT_FOUND");
    expect((await refusal(asB.charges.sendLink({ patientId: target.id, key }))).code).toBe("NOT_FOUND");
    expect(await ledgerOfA()).toEqual(ledgerBefore);
  });

  test("cannot find A's patients by searching for them", async () => {
    const target = a.patients[0]!;
    const found = await asB.patients.list({ search: target.email! });
    expect(found).toEqual({ patients: [], total: 0 });
    const everyone = await asB.patients.list({});
    expect(everyone.patients.map((p) => p.clinicId)).toEqual(b.patients.map(() => b.id));
  });

  test("cannot change the role of, or remove, A's staff", async () => {
    const asOwnerB = callerFor(b.owner, b.slug);
    expect((await refusal(asOwnerB.team.changeRole({ userId: a.owner.id, role: "front_desk" }))).code).toBe(
      "NOT_FOUND",
    );
    expect((await refusal(asOwnerB.team.remove({ userId: a.clinician.id }))).code).toBe("NOT_FOUND");
    expect(
      (await refusal(asOwnerB.team.setTakesAppointments({ userId: a.owner.id, takesAppointments: true }))).code,
    ).toBe("NOT_FOUND");
    const team = await callerFor(a.owner, a.slug).team.list();
    expect(team.map((m) => [m.email, m.role]).sort()).toEqual(a.staff.map((m) => [m.email, m.role]).sort());
  });

  test("sees only B's staff in the team list and only B in the clinic switcher", async () => {
    const team = await asB.team.list();
    expect(team.map((m) => m.email).sort()).toEqual(b.staff.map((m) => m.email).sort());
    const clinics = await asB.me.clinics();
    expect(clinics.map((c) => c.slug)).toEqual([b.slug]);
  });
});

describe("someone who works at both clinics", () => {
  test("reaches each clinic's patients only from inside that clinic", async () => {
    const shared = b.clinician;
    await callerFor(a.owner, a.slug).team.invite({ email: shared.email, name: shared.name, role: "clinician" });
    // They already have an account: the invitation is accepted from its email.
    const [mail] = await adminDb()
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.to, shared.email), eq(emailOutbox.template, "team-join")));
    const token = new URL(mail!.text.match(/https?:\/\/\S+\/auth\/join\?\S+/)![0]).searchParams.get("token")!;
    await anonymousCaller().auth.acceptInvitation({ token });

    const inA = callerFor(shared, a.slug);
    const inB = callerFor(shared, b.slug);
    expect((await inA.patients.get({ id: a.patients[0]!.id })).id).toBe(a.patients[0]!.id);
    expect((await refusal(inB.patients.get({ id: a.patients[0]!.id }))).code).toBe("NOT_FOUND");
    expect((await refusal(inA.patients.get({ id: b.patients[0]!.id }))).code).toBe("NOT_FOUND");

    const created = await inB.patients.create(makePatient({ firstName: "Only", lastName: "InB" }));
    expect(created.clinicId).toBe(b.id);
    expect((await inA.patients.list({ search: "InB" })).total).toBe(0);
    expect((await inA.me.clinics()).map((c) => c.slug).sort()).toEqual([a.slug, b.slug].sort());
  });
});

describe("a patient link", () => {
  const tokenOf = (url: string) => new URL(url).pathname.split("/").pop()!;

  test("made by staff opens that patient's page at that clinic, without signing in", async () => {
    const patient = a.patients[1]!;
    const { url, days } = await callerFor(a.clinician, a.slug).patients.portalLink({ id: patient.id });
    expect(new URL(url).pathname).toMatch(/^\/p\/[\w-]+\.[\w-]+$/);
    expect(days).toBe(30);
    const page = await anonymousCaller().portal.overview({ token: tokenOf(url) });
    expect(page).toMatchObject({ firstName: patient.firstName, clinic: { name: a.name, timeZone: a.timeZone } });
  });

  test("signed for one clinic cannot open another clinic's patient", async () => {
    const crossed = [
      createPatientLinkToken({ clinicId: a.id, patientId: b.patients[0]!.id, purpose: "plan", ttlSeconds: 600 }),
      createPatientLinkToken({ clinicId: b.id, patientId: a.patients[0]!.id, purpose: "plan", ttlSeconds: 600 }),
    ];
    for (const token of crossed) {
      const error = await refusal(anonymousCaller().portal.overview({ token }));
      expect(error.code).toBe("NOT_FOUND");
      expect(error.message).toBe("That patient was not found.");
    }
  });

  test("that was altered, or made for another page, is refused with a reason", async () => {
    const { url } = await callerFor(a.clinician, a.slug).patients.portalLink({ id: a.patients[0]!.id });
    const [body, signature] = tokenOf(url).split(".") as [string, string];
    const payload = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as { p: string };
    payload.p = b.patients[0]!.id;
    const altered = `${Buffer.from(JSON.stringify(payload)).toString("base64url")}.${signature}`;
    const forged = await refusal(anonymousCaller().portal.overview({ token: altered }));
    expect({ code: forged.code, message: forged.message }).toEqual({
      code: "UNAUTHORIZED",
      message: "This link is not valid.",
    });

    const logLink = createPatientLinkToken({
      clinicId: a.id,
      patientId: a.patients[0]!.id,
      purpose: "log",
      ttlSeconds: 600,
    });
    const wrongPage = await refusal(anonymousCaller().portal.overview({ token: logLink }));
    expect({ code: wrongPage.code, message: wrongPage.message }).toEqual({
      code: "UNAUTHORIZED",
      message: "This link cannot be used for this page.",
    });
  });
});

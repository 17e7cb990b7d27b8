// Bad input gets a 4xx, never a 500. Every public and patient procedure (the booking page, sign-up,
// a signed plan, questionnaire or appointment link) starts from an input it accepts; fast-check then
// swaps one field for a hostile value (NUL and other control characters, bidi overrides, lone
// surrogates, numbers beyond a column's range, year 275760, wrong types) and the call must be
// refused with a 4xx-class error, with nothing written anywhere.
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import fc from "fast-check";
import { beforeAll, describe, expect, test } from "vitest";
import { appointmentTypes, programItems } from "@/db/schema";
import { createPatientLinkToken } from "@/server/auth/patient-links";
import { appRouter, NON_CLINIC_PROCEDURES } from "@/server/root";
import { runStarts } from "@/server/scheduling/availability";
import { anonymousCaller, callerFor, shownMessage, type Caller } from "../fixtures/callers";
import { OWNER_PASSWORD, seedClinic, type SeededClinic } from "../fixtures/clinic";
import { adminDb } from "../fixtures/db";
import { clinicToday, ensureLibrary, libraryIdLike, programInput } from "../fixtures/programs";
import { clinicSnapshot, rowCounts } from "../fixtures/snapshot";
import { hostileFor, leavesOf, withLeaf, type Leaf } from "../fixtures/hostile";

type StandardSchema = {
  "~standard": { validate: (value: unknown) => { issues?: unknown } | Promise<{ issues?: unknown }> };
};
type ProcedureLike = { _def: { inputs: unknown[] } };
const procedures = appRouter._def.procedures as unknown as Record<string, ProcedureLike>;

const DAY = 86_400_000;
let a: SeededClinic;
const baselines: Record<string, unknown> = {};

/** Calls a procedure by its dotted path, as the browser's tRPC client would. */
function call(caller: Caller, path: string, input: unknown): Promise<unknown> {
  const fn = path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller);
  return (fn as (input: unknown) => Promise<unknown>)(input);
}

const callerOf = (path: string) => (path.startsWith("me.") ? callerFor(a.owner, null) : anonymousCaller());

beforeAll(async () => {
  a = await seedClinic({ name: "Hostile Input Physio" });
  await ensureLibrary();
  const patient = a.patients[0]!;
  const staff = callerFor(a.clinician, a.slug);

  // A plan link with one item to tick, a questionnaire link, an appointment link.
  const program = await staff.programs.save(programInput(patient.id, [await libraryIdLike("dead bug")]));
  await staff.programs.assign({ id: program.id, expectedRevision: program.revision });
  const [item] = await adminDb().select().from(programItems).where(eq(programItems.programId, program.id));
  const episode = await staff.outcomes.startEpisode({
    patientId: patient.id,
    title: "Low back pain",
    clinicianId: a.clinician.id,
    schedules: [{ instrumentKey: "nprs", atIntake: true, everyWeeks: null, everyVisits: null, atDischarge: false }],
  });
  const { requestId } = await staff.outcomes.sendNow({
    episodeId: episode.episodeId,
    instrumentKey: "nprs",
    email: false,
  });
  const types = await adminDb().select().from(appointmentTypes).where(eq(appointmentTypes.clinicId, a.id));
  const typeId = types.find((t) => t.name === "Follow-up")!.id;
  const from = new Date(Date.now() + 2 * DAY);
  const to = new Date(from.getTime() + 10 * DAY);
  const slots = await anonymousCaller().booking.slots({ slug: a.slug, typeId, from, to });
  const [first, second] = slots.flatMap((s) => runStarts(s.runs, s.stepMinutes));
  const booked = await staff.scheduling.book({
    clinicianId: a.clinician.id,
    patientId: patient.id,
    typeId,
    startsAt: first!,
  });

  const link = (purpose: "plan" | "questionnaire" | "appointment", ref?: string) =>
    createPatientLinkToken({ clinicId: a.id, patientId: patient.id, purpose, ref, ttlSeconds: 3600 });
  const plan = link("plan");
  const questionnaire = link("questionnaire", requestId);
  const appointment = link("appointment", booked.id);
  const answers = { values: { pain: 4 }, names: { pain: "Average pain" } };

  Object.assign(baselines, {
    "auth.requestMagicLink": { email: "nobody.here@example.com" },
    "auth.confirmSignUp": { token: "not-a-sign-up-link" },
    "auth.acceptInvitation": { token: "not-an-invitation" },
    "auth.signUp": {
      clinicName: "Fresh Start Physio",
      slug: "fresh-start-physio",
      timeZone: "America/Denver",
      ownerName: "Frankie Fresh",
      email: "frankie@fresh-start.example",
      password: "a-long-enough-password",
    },
    "me.changePassword": { currentPassword: OWNER_PASSWORD, newPassword: "a-brand-new-long-password" },
    "me.addClinic": { clinicName: "Second Site Physio", slug: "second-site-physio", timeZone: "America/Denver" },
    "portal.overview": { token: plan },
    "plan.today": { token: plan, day: clinicToday() },
    "plan.setDone": { token: plan, itemId: item!.id, day: clinicToday(), done: true },
    "plan.feedback": { token: plan, day: clinicToday(), pain: 3, comment: "A little sore", programId: program.id },
    "questionnaire.get": { token: questionnaire },
    "questionnaire.saveDraft": { token: questionnaire, answers },
    "questionnaire.submit": { token: questionnaire, answers },
    "booking.clinic": { slug: a.slug },
    "booking.slots": { slug: a.slug, typeId, clinicianId: a.clinician.id, from, to },
    "booking.days": { slug: a.slug, typeId, clinicianId: a.clinician.id, from: clinicToday(), days: 7 },
    "booking.book": {
      slug: a.slug,
      typeId,
      clinicianId: "any",
      startsAt: second!,
      firstName: "Noor",
      lastName: "Haddad",
      email: "noor.haddad@example.com",
      phone: "(541) 555-0142",
    },
    "booking.manage": { token: appointment },
    "booking.manageSlots": { token: appointment, from, to },
    "booking.manageDays": { token: appointment, from: clinicToday(), days: 7 },
    "booking.cancel": { token: appointment },
    "booking.reschedule": { token: appointment, startsAt: second! },
  });
});

/** Public and patient procedures that take input (me.clinics and me.signOutEverywhere take none). */
const fuzzed = NON_CLINIC_PROCEDURES.filter((path) => procedures[path]!._def.inputs.length > 0);

describe("the fuzzed surface", () => {
  test("covers every public and patient procedure that takes input", () => {
    expect(Object.keys(baselines).sort()).toEqual([...fuzzed].sort());
  });

  test.each(fuzzed)("the starting input of %s passes its validation", async (path) => {
    const issues: unknown[] = [];
    for (const parser of procedures[path]!._def.inputs as StandardSchema[]) {
      const result = await parser["~standard"].validate(baselines[path]);
      if (result.issues) issues.push(result.issues);
    }
    expect(issues).toEqual([]);
  });
});

describe("hostile input", () => {
  test.each(fuzzed)("%s refuses every hostile field with a 4xx and writes nothing", async (path) => {
    const baseline = baselines[path];
    const leaves: Leaf[] = leavesOf(baseline);
    expect(leaves.length).toBeGreaterThan(0);
    const [snapshotBefore, countsBefore] = await Promise.all([clinicSnapshot(a.id), rowCounts()]);

    const hostileCall = fc.constantFrom(...leaves).chain((leaf) => hostileFor(leaf).map((value) => ({ leaf, value })));
    await fc.assert(
      fc.asyncProperty(hostileCall, async ({ leaf, value }) => {
        const input = withLeaf(baseline, leaf.path, value);
        let refused: unknown = null;
        try {
          await call(callerOf(path), path, input);
        } catch (error) {
          refused = error;
        }
        expect(refused, `${path} accepted ${leaf.path.join(".")} = ${fc.stringify(value)}`).toBeInstanceOf(TRPCError);
        const error = refused as TRPCError;
        const status = getHTTPStatusCodeFromError(error);
        expect(
          { status: status >= 400 && status < 500, code: error.code },
          `${leaf.path.join(".")} = ${fc.stringify(value)}: ${shownMessage(error)}`,
        ).toEqual({ status: true, code: expect.not.stringMatching(/INTERNAL_SERVER_ERROR/) });
      }),
      { numRuns: 40 },
    );

    expect(await clinicSnapshot(a.id)).toEqual(snapshotBefore);
    expect(await rowCounts()).toEqual(countsBefore);
  });
});

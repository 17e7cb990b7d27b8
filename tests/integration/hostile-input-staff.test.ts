// The staff side of hostile-input.test.ts: every clinic-scoped procedure that takes input, called by
// a member allowed to use it, with one field of an input it accepts swapped for a hostile value
// (tests/fixtures/hostile.ts), answers a 4xx-class error and writes nothing.
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import fc from "fast-check";
import { beforeAll, describe, expect, test } from "vitest";
import { appointmentTypes } from "@/db/schema";
import { appRouter } from "@/server/root";
import type { Meta } from "@/server/trpc";
import { callerFor, shownMessage, type Caller } from "../fixtures/callers";
import { makePatient, seedClinic, type SeededClinic } from "../fixtures/clinic";
import { adminDb } from "../fixtures/db";
import { hostileFor, leavesOf, withLeaf } from "../fixtures/hostile";
import { clinicExercise, ensureLibrary, makeExercise, programInput } from "../fixtures/programs";
import { clinicSnapshot, rowCounts } from "../fixtures/snapshot";

type ZodLike = { safeParseAsync: (value: unknown) => Promise<{ success: boolean; data?: unknown }> };
type ProcedureLike = { _def: { type: string; meta?: Meta; inputs: ZodLike[] } };
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, ProcedureLike>);
const withInput = procedures
  .filter(([, p]) => p._def.meta?.scope === "clinic" && p._def.inputs.length > 0)
  .map(([path]) => path);

let a: SeededClinic;
let superset: Record<string, unknown>;

/** Where two procedures read one field differently (a list or a search word; an address or a yes/no). */
const OVERRIDES: Record<string, Record<string, unknown>> = {
  "exercises.create": { equipment: ["mat"] },
  "exercises.update": { equipment: ["mat"] },
  "outcomes.sendNow": { email: true },
  // The dashboard reads from/to as local days; drill-down's kind is a KPI, not a message kind.
  "dashboard.overview": { from: "2026-03-02", to: "2026-03-08" },
  "dashboard.drillDown": { kind: "visits" },
  // A page further into the audit log: its cursor is an encoded (time, id) pair.
  "audit.list": { cursor: Buffer.from(`${new Date().toISOString()}|${crypto.randomUUID()}`).toString("base64url") },
};
const inputFor = (path: string) => ({ ...superset, ...OVERRIDES[path] });

function call(caller: Caller, path: string, input: unknown): Promise<unknown> {
  const fn = path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller);
  return (fn as (input: unknown) => Promise<unknown>)(input);
}

/** The member who may call it: the owner, or the clinician where only prescribers may. */
function memberFor(path: string) {
  const roles = procedures.find(([p]) => p === path)![1]._def.meta?.roles;
  return !roles || roles.includes("owner") ? a.owner : a.clinician;
}

beforeAll(async () => {
  a = await seedClinic({ name: "Hostile Staff Physio" });
  await ensureLibrary();
  const exerciseId = await clinicExercise(a);
  const patient = a.patients[0]!;
  const asClinician = callerFor(a.clinician, a.slug);
  const program = await asClinician.programs.save(programInput(patient.id, [exerciseId]));
  const episode = await asClinician.outcomes.startEpisode({
    patientId: patient.id,
    title: "Low back pain",
    clinicianId: a.clinician.id,
    schedules: [{ instrumentKey: "nprs", atIntake: true, everyWeeks: null, everyVisits: null, atDischarge: false }],
  });
  const { requestId } = await asClinician.outcomes.sendNow({
    episodeId: episode.episodeId,
    instrumentKey: "nprs",
    email: false,
  });
  const [type] = await adminDb().select().from(appointmentTypes).where(eq(appointmentTypes.clinicId, a.id));
  const week = { mon: [{ start: "08:00", end: "17:00" }], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
  // One input with every field some staff procedure takes, each valid; procedures ignore the rest.
  superset = {
    ...makeExercise(),
    ...programInput(patient.id, [exerciseId]),
    ...makePatient({ firstName: "Robin", lastName: "Hale", email: "robin.hale@example.com" }),
    ...week,
    id: patient.id,
    userId: a.clinician.id,
    role: "clinician",
    takesAppointments: true,
    email: "robin.hale@example.com",
    name: "Robin Hale",
    timeZone: "America/Denver",
    phone: "(541) 555-0199",
    address: "12 Main St\nBend, OR",
    search: "Hale",
    limit: 20,
    offset: 0,
    clinicianId: a.clinician.id,
    patientId: patient.id,
    typeId: type!.id,
    startsAt: new Date(Date.now() + 3 * 86_400_000),
    endsAt: new Date(Date.now() + 4 * 86_400_000),
    from: new Date(),
    to: new Date(Date.now() + 7 * 86_400_000),
    weekdays: ["mon", "thu"],
    weeks: 2,
    reason: "Out sick",
    payment: { action: "skip", reason: "Pays cash at the desk" },
    status: "checked_in",
    hours: week,
    durationMinutes: 45,
    bufferMinutes: 5,
    priceMinor: 9000,
    paymentPolicy: "deposit",
    depositMinor: 2000,
    firstVisitPolicy: "card_on_file",
    firstVisitDepositMinor: 1500,
    color: "#0f766e",
    onlineBookable: true,
    active: true,
    minNoticeMinutes: 60,
    maxAdvanceDays: 60,
    slotGranularityMinutes: 15,
    appointmentId: patient.id,
    kind: "reminder_24h",
    state: "failed",
    cursor: "",
    reminder24h: true,
    reminder2h: false,
    hidden: true,
    expectedRevision: program.revision,
    version: 1,
    programId: program.id,
    q: "bridge",
    region: "lumbar",
    equipment: "mat",
    includeHidden: false,
    summary: "For the first month",
    consentMonths: 6,
    language: "en",
    tags: { analytics: { provider: "Plausible", scriptUrl: "https://plausible.io/js/script.js", cookies: ["_pl"] } },
    episodeId: episode.episodeId,
    requestId,
    instrumentKey: "nprs",
    enabled: true,
    mine: false,
    schedules: [{ instrumentKey: "nprs", atIntake: false, everyWeeks: 2, everyVisits: null, atDischarge: true }],
    answers: { values: { pain: 5 } },
    weeksBack: 4,
    // patients.mergeSelfBooked: the self-booked patient and the chart it joins
    fromId: a.patients[1]!.id,
    intoId: patient.id,
    // clinic.updateIdleTimeout
    idleTimeoutMinutes: 45,
    // kiosk.leave
    password: "not-the-password",
    // the dashboard's filters, drill-down and settings
    preset: "custom",
    filters: { preset: "custom", from: "2026-03-02", to: "2026-03-08", clinicianId: a.clinician.id },
    lateCancelHours: 24,
    noShowGoalPercent: 10,
    referralSources: ["Doctor referral", "Google"],
    // clinic.updateProfile's locale; the message log's section
    locale: "en-GB",
    section: "upcoming",
    // after-visit money (charges.*)
    paymentId: patient.id,
    cardId: patient.id,
    method: "cash",
    amountMinor: 1000,
    currency: "USD",
    note: "Paid by Aetna",
    key: crypto.randomUUID(),
    noShowFeeMinor: 5000,
    lateCancelFeeMinor: 3000,
    autoChargeFees: false,
  };
});

describe("staff procedures", () => {
  test.each(withInput)("%s refuses every hostile field with a 4xx and writes nothing", async (path) => {
    const parser = procedures.find(([p]) => p === path)![1]._def.inputs[0]!;
    const input = inputFor(path);
    const parsed = await parser.safeParseAsync(input);
    expect(parsed.success, `${path} accepts the superset input`).toBe(true);
    // The fields this procedure reads: those its schema kept (and that the superset holds).
    const leaves = leavesOf(parsed.data).filter((leaf) => leaf.path[0]! in input);
    if (leaves.length === 0) return;
    const caller = callerFor(memberFor(path), a.slug);
    const [snapshotBefore, countsBefore] = await Promise.all([clinicSnapshot(a.id), rowCounts()]);

    const hostileCall = fc.constantFrom(...leaves).chain((leaf) => hostileFor(leaf).map((value) => ({ leaf, value })));
    await fc.assert(
      fc.asyncProperty(hostileCall, async ({ leaf, value }) => {
        let refused: unknown = null;
        try {
          await call(caller, path, withLeaf(input, leaf.path, value));
        } catch (error) {
          refused = error;
        }
        const where = `${path}: ${leaf.path.join(".")} = ${fc.stringify(value)}`;
        expect(refused, `accepted ${where}`).toBeInstanceOf(TRPCError);
        const error = refused as TRPCError;
        const status = getHTTPStatusCodeFromError(error);
        expect(status, `${where}: ${error.code} ${shownMessage(error)}`).toBeGreaterThanOrEqual(400);
        expect(status, `${where}: ${error.code} ${shownMessage(error)}`).toBeLessThan(500);
      }),
      { numRuns: 15 },
    );

    expect(await clinicSnapshot(a.id)).toEqual(snapshotBefore);
    expect(await rowCounts()).toEqual(countsBefore);
  });
});

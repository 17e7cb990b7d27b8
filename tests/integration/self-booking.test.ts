// Knowing a patient's email must not put anything into their chart or tell anything about them: an
// online booking always creates a new, self-booked patient; the answer and the email are the same as
// for an address nobody knows; the front desk sees the possible match and merges it with one click.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import {
  appointments,
  appointmentTypes,
  auditLog,
  messages,
  outcomeRequests,
  outcomeResponses,
  patientMerges,
  patients,
  programs,
} from "@/db/schema";
import { env } from "@/server/env";
import { runStarts } from "@/server/scheduling/availability";
import { anonymousCaller, callerFor, refusal, shownMessage } from "../fixtures/callers";
import { seedClinic, type SeededClinic } from "../fixtures/clinic";
import { adminDb } from "../fixtures/db";
import { ensureLibrary, libraryIdLike, programInput } from "../fixtures/programs";
import { deliverDue, outboxOf } from "./messages-fixtures";

const DAY = 86_400_000;
let a: SeededClinic;
let b: SeededClinic;
let followUp: string;
const publicApi = () => anonymousCaller().booking;

beforeAll(async () => {
  env.LIMIT_BOOKING_PER_EMAIL_DAY = 100; // the limits have their own file
  await ensureLibrary();
  a = await seedClinic();
  b = await seedClinic();
  const rows = await adminDb().select().from(appointmentTypes).where(eq(appointmentTypes.clinicId, a.id));
  followUp = rows.find((t) => t.name === "Follow-up")!.id;
});

async function freeSlot() {
  const from = new Date(Date.now() + 2 * DAY);
  const slots = await publicApi().slots({
    slug: a.slug,
    typeId: followUp,
    from,
    to: new Date(from.getTime() + 10 * DAY),
  });
  return slots.flatMap((s) => runStarts(s.runs, s.stepMinutes))[0]!;
}

const bookAs = async (who: { firstName: string; lastName: string; email: string }) =>
  publicApi().book({
    slug: a.slug,
    typeId: followUp,
    clinicianId: a.clinician.id,
    startsAt: await freeSlot(),
    phone: "(541) 555-0199",
    ...who,
  });

const patientRow = async (id: string) =>
  (
    await adminDb()
      .select()
      .from(patients)
      .where(and(eq(patients.clinicId, a.id), eq(patients.id, id)))
  )[0];
const appointmentsOf = (patientId: string) =>
  adminDb()
    .select()
    .from(appointments)
    .where(and(eq(appointments.clinicId, a.id), eq(appointments.patientId, patientId)));

/** The answer with what always differs between two bookings (ids, times, the signed link) taken out. */
const shape = (answer: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(answer).map(([k, v]) => [k, ["clinicianName", "typeName"].includes(k) ? v : typeof v]),
  );

describe("booking online with the email of a patient the clinic already has", () => {
  test("creates a new self-booked patient; the chart is untouched and the answer matches an unknown email's", async () => {
    const chart = a.patients[0]!;
    const chartBefore = await patientRow(chart.id);
    const known = await bookAs({ firstName: "Mallory", lastName: "Stranger", email: chart.email!.toUpperCase() });
    const unknown = await bookAs({ firstName: "Mallory", lastName: "Stranger", email: "nobody-knows@example.com" });

    expect(shape(known)).toEqual(shape(unknown));
    expect(JSON.stringify(known)).not.toContain(chart.firstName);
    expect(JSON.stringify(known)).not.toContain(chart.id);

    expect(await patientRow(chart.id)).toEqual(chartBefore);
    expect(await appointmentsOf(chart.id)).toEqual([]);
    const [appt] = await adminDb().select().from(appointments).where(eq(appointments.id, known.appointmentId));
    const created = await patientRow(appt!.patientId);
    expect(created).toMatchObject({ firstName: "Mallory", lastName: "Stranger", selfBookedAt: expect.any(Date) });
    expect(created!.id).not.toBe(chart.id);

    // The confirmation greets the name typed at booking and says nothing of the chart.
    await deliverDue(new Date());
    const mail = (await outboxOf(a.id)).filter((m) => m.to.toLowerCase() === chart.email);
    expect(mail).toHaveLength(1);
    const text = mail[0]!.text.toLowerCase();
    expect(text).toContain("you're booked, mallory");
    expect(text).not.toContain(chart.firstName.toLowerCase());
    expect(text).not.toContain(chart.lastName.toLowerCase());
  });
});

describe("the front desk reviews a self-booked patient", () => {
  test("sees the chart with the same email as a possible match, on the patient and in the calendar", async () => {
    const chart = a.patients[1]!;
    const done = await bookAs({ firstName: chart.firstName, lastName: chart.lastName, email: chart.email! });
    const desk = callerFor(a.frontDesk, a.slug);
    const [appt] = await adminDb().select().from(appointments).where(eq(appointments.id, done.appointmentId));
    const matches = await desk.patients.possibleMatches({ id: appt!.patientId });
    expect(matches.map((m) => [m.id, m.reasons])).toEqual([[chart.id, ["email", "name"]]]);
    // A chart itself has nothing to review.
    expect(await desk.patients.possibleMatches({ id: chart.id })).toEqual([]);
    const calendar = await desk.scheduling.calendar({
      from: new Date(done.startsAt.getTime() - 3_600_000),
      to: new Date(done.endsAt.getTime() + 3_600_000),
    });
    const shown = calendar.appointments.find((x) => x.id === done.appointmentId);
    expect(shown).toMatchObject({ patientSelfBooked: true, patientPossibleMatch: true });
  });

  test("one click merges it: the appointment and its messages move to the chart, the duplicate goes, audited", async () => {
    const chart = a.patients[1]!;
    const chartBefore = await patientRow(chart.id);
    const done = await bookAs({ firstName: chart.firstName, lastName: chart.lastName, email: chart.email! });
    const [appt] = await adminDb().select().from(appointments).where(eq(appointments.id, done.appointmentId));
    const duplicate = appt!.patientId;
    const desk = callerFor(a.frontDesk, a.slug);

    const merged = await desk.patients.mergeSelfBooked({ fromId: duplicate, intoId: chart.id });
    expect(merged).toMatchObject({ intoId: chart.id, moved: { appointments: 1 } });

    expect((await appointmentsOf(chart.id)).map((x) => x.id)).toContain(done.appointmentId);
    const msgs = await adminDb().select().from(messages).where(eq(messages.appointmentId, done.appointmentId));
    expect(msgs.length).toBeGreaterThan(0);
    expect(msgs.every((m) => m.patientId === chart.id)).toBe(true);
    expect(await patientRow(duplicate)).toBeUndefined();
    expect(await patientRow(chart.id)).toEqual(chartBefore);
    const audit = await adminDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.clinicId, a.id), eq(auditLog.action, "patient.merge")));
    expect(audit.map((r) => [r.entityId, r.actorUserId])).toEqual(
      expect.arrayContaining([
        [chart.id, a.frontDesk.id],
        [duplicate, a.frontDesk.id],
      ]),
    );
    expect(await adminDb().select().from(patientMerges).where(eq(patientMerges.fromPatientId, duplicate))).toHaveLength(
      1,
    );
    // The patient's manage link from the confirmation still opens the (moved) appointment.
    expect((await publicApi().manage({ token: done.manageToken })).id).toBe(done.appointmentId);
  });

  test("a merge also moves episodes with their answers and programs with their versions", async () => {
    const chart = a.patients[0]!;
    const done = await bookAs({ firstName: chart.firstName, lastName: chart.lastName, email: chart.email! });
    const [appt] = await adminDb().select().from(appointments).where(eq(appointments.id, done.appointmentId));
    const duplicate = appt!.patientId;
    const clinician = callerFor(a.clinician, a.slug);
    // Before anyone noticed, the clinician started an episode (pain answered in clinic) and a program on it.
    const { episodeId } = await clinician.outcomes.startEpisode({
      patientId: duplicate,
      title: "Knee pain",
      clinicianId: a.clinician.id,
      schedules: [{ instrumentKey: "nprs", atIntake: true, everyWeeks: null, everyVisits: null, atDischarge: false }],
    });
    const [request] = await adminDb().select().from(outcomeRequests).where(eq(outcomeRequests.episodeId, episodeId));
    await clinician.outcomes.submitInClinic({ requestId: request!.id, answers: { values: { pain: 6 } } });
    const program = await clinician.programs.save(programInput(duplicate, [await libraryIdLike("bridge")]));
    await clinician.programs.assign({ id: program.id, expectedRevision: program.revision });

    const merged = await callerFor(a.frontDesk, a.slug).patients.mergeSelfBooked({
      fromId: duplicate,
      intoId: chart.id,
    });
    expect(merged.moved).toMatchObject({ appointments: 1, messages: expect.any(Number), episodes: 1, programs: 1 });
    const answers = await adminDb().select().from(outcomeResponses).where(eq(outcomeResponses.episodeId, episodeId));
    expect(answers.map((r) => [r.patientId, r.score])).toEqual([[chart.id, 6]]);
    const [moved] = await adminDb().select().from(programs).where(eq(programs.id, program.id));
    expect(moved!.patientId).toBe(chart.id);
    expect(await patientRow(duplicate)).toBeUndefined();
  });

  test("only a self-booked patient merges, only into a confirmed chart of the same clinic", async () => {
    const desk = callerFor(a.frontDesk, a.slug);
    const [first, second] = a.patients;
    const notSelfBooked = await refusal(desk.patients.mergeSelfBooked({ fromId: first!.id, intoId: second!.id }));
    expect(shownMessage(notSelfBooked)).toBe("Only a self-booked patient can be merged into a chart.");
    const done = await bookAs({ firstName: "Ana", lastName: "Ortiz", email: "ana.ortiz@example.com" });
    const [appt] = await adminDb().select().from(appointments).where(eq(appointments.id, done.appointmentId));
    const otherClinic = await refusal(
      desk.patients.mergeSelfBooked({ fromId: appt!.patientId, intoId: b.patients[0]!.id }),
    );
    expect(otherClinic.code).toBe("NOT_FOUND");
    expect((await appointmentsOf(appt!.patientId)).map((x) => x.id)).toEqual([done.appointmentId]);
  });

  test("'Keep as a new patient' clears the mark, and the record then has nothing to review", async () => {
    const done = await bookAs({ firstName: "Lee", lastName: "Park", email: "lee.park@example.com" });
    const [appt] = await adminDb().select().from(appointments).where(eq(appointments.id, done.appointmentId));
    const desk = callerFor(a.frontDesk, a.slug);
    await desk.patients.keepSelfBooked({ id: appt!.patientId });
    expect((await patientRow(appt!.patientId))!.selfBookedAt).toBeNull();
    const again = await refusal(desk.patients.mergeSelfBooked({ fromId: appt!.patientId, intoId: a.patients[0]!.id }));
    expect(again.code).toBe("CONFLICT");
  });
});

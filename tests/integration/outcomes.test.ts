// Outcome tracking end to end through the API: a clinician starts an episode of care with
// questionnaires on a schedule; due ones are emailed through the messages outbox with a signed
// link; the patient saves a draft and submits; staff enter answers in clinic; the patient's page
// shows the series against the MCID; discharge asks the discharge questionnaires. And the
// refusals: out-of-range answers, too many missing items, a link used twice or after closing,
// another clinic's patient, a switched-off instrument — each with a message and nothing written.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { messages, outcomeRequests, outcomeResponses } from "@/db/schema";
import { createPatientLinkToken } from "@/server/auth/patient-links";
import { outcomeMessageKey } from "@/server/messages/questionnaire-key";
import type { ScheduleInput } from "@/server/outcomes/views";
import { anonymousCaller, callerFor, refusal, shownMessage } from "../fixtures/callers";
import { makePatient, seedClinic, type SeededClinic } from "../fixtures/clinic";
import { adminDb } from "../fixtures/db";
import { clinicSnapshot } from "../fixtures/snapshot";
import { bookFollowUp, deliverDue, futureDate, at, outboxOf } from "./messages-fixtures";

let a: SeededClinic;
let b: SeededClinic;

beforeAll(async () => {
  a = await seedClinic();
  b = await seedClinic();
});

const DAY = 86_400_000;
const asClinician = (c: SeededClinic) => callerFor(c.clinician, c.slug);
const patientPage = () => anonymousCaller();
const schedule = (instrumentKey: ScheduleInput["instrumentKey"], s: Partial<ScheduleInput> = {}): ScheduleInput => ({
  instrumentKey,
  atIntake: false,
  everyWeeks: null,
  everyVisits: null,
  atDischarge: false,
  ...s,
});
const ODI_SECTIONS = [
  "pain_intensity",
  "personal_care",
  "lifting",
  "walking",
  "sitting",
  "standing",
  "sleeping",
  "sex_life",
  "social_life",
  "travelling",
];
/** ODI answers: section values in the published order. */
const odi = (values: (number | null)[]) => ({
  values: Object.fromEntries(values.flatMap((v, i) => (v === null ? [] : [[ODI_SECTIONS[i]!, v]]))),
});

async function newPatient(clinic: SeededClinic, overrides = {}) {
  return asClinician(clinic).patients.create(makePatient(overrides));
}

async function requestsOf(episodeId: string) {
  return adminDb()
    .select()
    .from(outcomeRequests)
    .where(eq(outcomeRequests.episodeId, episodeId))
    .orderBy(outcomeRequests.dueAt, outcomeRequests.instrumentKey);
}

/** Sends what is due at `now` and returns the questionnaire link token of the newest questionnaire email to that address. */
async function tokenFromEmail(clinic: SeededClinic, to: string, now = new Date()) {
  await deliverDue(now);
  const email = (await outboxOf(clinic.id)).filter((e) => e.to === to && e.template === "questionnaire-request").at(-1);
  expect(email, `a questionnaire email to ${to}`).toBeDefined();
  const link = /href="(https?:\/\/[^"]+\/q\/[^"]+)"/.exec(email!.html)![1]!;
  return { email: email!, token: decodeURIComponent(new URL(link).pathname.split("/").pop()!) };
}

describe("starting an episode of care", () => {
  test("asks the intake questionnaires now, lays out the weekly ones, and emails only what is due", async () => {
    const patient = await newPatient(a, { email: "intake.patient@example.com" });
    const { episodeId } = await asClinician(a).outcomes.startEpisode({
      patientId: patient.id,
      title: "Low back pain",
      clinicianId: a.clinician.id,
      schedules: [
        schedule("odi", { atIntake: true, everyWeeks: 4, atDischarge: true }),
        schedule("nprs", { atIntake: true }),
      ],
    });
    const requests = await requestsOf(episodeId);
    expect(
      requests
        .filter((r) => r.occasion === "intake")
        .map((r) => r.instrumentKey)
        .sort(),
    ).toEqual(["nprs", "odi"]);
    // ODI every 4 weeks for a year: weeks 4, 8, …, 52.
    expect(requests.filter((r) => r.occasion.startsWith("week:")).map((r) => r.occasion)).toEqual(
      [4, 8, 12, 16, 20, 24, 28, 32, 36, 40, 44, 48, 52].map((w) => `week:${w}`),
    );
    const week4 = requests.find((r) => r.occasion === "week:4")!;
    const start = requests.find((r) => r.occasion === "intake")!.dueAt;
    expect(week4.dueAt.getTime() - start.getTime()).toBe(28 * DAY);
    expect(week4.instrumentVersion).toBe("2.1a-plain");

    // The two intake questionnaires fall due together: one email (keyed by the first request) with a link to each.
    const sent = await deliverDue(new Date());
    const intakeIds = requests
      .filter((r) => r.occasion === "intake")
      .map((r) => r.id)
      .sort();
    expect(sent[outcomeMessageKey(intakeIds[0]!)]).toBe("sent");
    expect(sent[outcomeMessageKey(intakeIds[1]!)]).toBeUndefined();
    expect(sent[outcomeMessageKey(week4.id)]).toBeUndefined();
    const emails = (await outboxOf(a.id)).filter((e) => e.to === "intake.patient@example.com");
    expect(emails).toHaveLength(1);
    expect(emails[0]!.subject).toBe(`2 short questionnaires from ${a.name}`);
    expect(emails[0]!.text).toMatch(/Numeric Pain Rating Scale[\s\S]*Oswestry Disability Index/);
    const links = [...emails[0]!.html.matchAll(/href="(https?:\/\/[^"]+\/q\/[^"]+)"/g)].map((m) => m[1]);
    expect(new Set(links).size).toBe(2);
    // Each link opens its own questionnaire, and offers the other one.
    const opened = await Promise.all(
      links.map((l) =>
        patientPage().questionnaire.get({ token: decodeURIComponent(new URL(l!).pathname.split("/").pop()!) }),
      ),
    );
    expect(opened.map((v) => v.instrument.key).sort()).toEqual(["nprs", "odi"]);
    expect(opened.map((v) => v.others.map((o) => o.instrumentName))).toEqual(
      opened.map((v) => [v.instrument.key === "odi" ? "Numeric Pain Rating Scale" : "Oswestry Disability Index"]),
    );

    // Four weeks later the week-4 ODI goes out, once.
    const later = new Date(week4.dueAt.getTime() + 60_000);
    expect((await deliverDue(later))[outcomeMessageKey(week4.id)]).toBe("sent");
    expect(await deliverDue(later)).toEqual({});
  });

  test("refuses another clinic's patient, an unknown clinician and an empty schedule, writing nothing", async () => {
    const before = await clinicSnapshot(b.id);
    const otherPatient = await refusal(
      asClinician(b).outcomes.startEpisode({
        patientId: a.patients[0]!.id,
        title: "Neck pain",
        clinicianId: null,
        schedules: [schedule("nprs", { atIntake: true })],
      }),
    );
    expect(shownMessage(otherPatient)).toBe("That patient was not found.");
    const otherClinician = await refusal(
      asClinician(b).outcomes.startEpisode({
        patientId: b.patients[0]!.id,
        title: "Neck pain",
        clinicianId: a.clinician.id,
        schedules: [schedule("nprs", { atIntake: true })],
      }),
    );
    expect(shownMessage(otherClinician)).toBe("Choose a clinician of this clinic.");
    const noTime = await refusal(
      asClinician(b).outcomes.startEpisode({
        patientId: b.patients[0]!.id,
        title: "Neck pain",
        clinicianId: null,
        schedules: [schedule("nprs")],
      }),
    );
    expect(shownMessage(noTime)).toMatch(/Choose when to ask/);
    const twice = await refusal(
      asClinician(b).outcomes.startEpisode({
        patientId: b.patients[0]!.id,
        title: "Neck pain",
        clinicianId: null,
        schedules: [schedule("nprs", { atIntake: true }), schedule("nprs", { atDischarge: true })],
      }),
    );
    expect(shownMessage(twice)).toMatch(/Each questionnaire can be added once\.$/);
    const grocAtIntake = await refusal(
      asClinician(b).outcomes.startEpisode({
        patientId: b.patients[0]!.id,
        title: "Neck pain",
        clinicianId: null,
        schedules: [schedule("groc", { atIntake: true, atDischarge: true })],
      }),
    );
    expect(shownMessage(grocAtIntake)).toMatch(/can't be asked at intake\.$/);
    expect(await clinicSnapshot(b.id)).toEqual(before);
  });

  test("the front desk cannot start an episode or read a patient's outcomes", async () => {
    const desk = callerFor(a.frontDesk, a.slug);
    const before = await clinicSnapshot(a.id);
    const start = await refusal(
      desk.outcomes.startEpisode({
        patientId: a.patients[0]!.id,
        title: "Back",
        clinicianId: null,
        schedules: [schedule("nprs", { atIntake: true })],
      }),
    );
    expect(start.code).toBe("FORBIDDEN");
    expect((await refusal(desk.outcomes.forPatient({ patientId: a.patients[0]!.id }))).code).toBe("FORBIDDEN");
    expect(await clinicSnapshot(a.id)).toEqual(before);
  });
});

describe("answering on the emailed link", () => {
  test("the patient saves a draft, comes back to it, submits; answers, version and score are stored; a second submit changes nothing", async () => {
    const patient = await newPatient(a, { email: "odi.patient@example.com", firstName: "Priya" });
    const { episodeId } = await asClinician(a).outcomes.startEpisode({
      patientId: patient.id,
      title: "Thoracolumbar pain",
      clinicianId: a.clinician.id,
      schedules: [schedule("odi", { atIntake: true })],
    });
    const { token } = await tokenFromEmail(a, "odi.patient@example.com");

    const opened = await patientPage().questionnaire.get({ token });
    expect(opened).toMatchObject({
      state: "open",
      patientFirstName: "Priya",
      occasionLabel: "Intake",
      clinic: { name: a.name },
      draft: null,
      submitted: null,
    });
    expect(opened.instrument.key).toBe("odi");
    expect(opened.instrument.items).toHaveLength(10);

    await patientPage().questionnaire.saveDraft({ token, answers: odi([2, 1, 3]) });
    expect((await patientPage().questionnaire.get({ token })).draft).toEqual(odi([2, 1, 3]));

    // Total 2+1+3+1+2+2+1+(sex life skipped)+2+2 = 16 of 45 → 35.5556%: stored unrounded, shown
    // to one decimal as the ODI manual reports it, and marked as scored without a section.
    const result = await patientPage().questionnaire.submit({ token, answers: odi([2, 1, 3, 1, 2, 2, 1, null, 2, 2]) });
    expect(result).toMatchObject({
      score: 35.5556,
      scoreLabel: "35.6%",
      scoreNote: "1 section not answered, prorated",
      source: "patient",
      instrumentVersion: "2.1a-plain",
    });

    const [stored] = await adminDb().select().from(outcomeResponses).where(eq(outcomeResponses.episodeId, episodeId));
    expect(stored).toMatchObject({
      instrumentKey: "odi",
      instrumentVersion: "2.1a-plain",
      score: 35.5556,
      answeredItems: 9,
      totalItems: 10,
      prorated: true,
      source: "patient",
      enteredBy: null,
      answers: odi([2, 1, 3, 1, 2, 2, 1, null, 2, 2]),
    });

    const before = await clinicSnapshot(a.id);
    const again = await refusal(
      patientPage().questionnaire.submit({ token, answers: odi([0, 0, 0, 0, 0, 0, 0, 0, 0, 0]) }),
    );
    expect(again.code).toBe("CONFLICT");
    expect(shownMessage(again)).toMatch(/already sent this questionnaire/);
    expect(await clinicSnapshot(a.id)).toEqual(before);

    const readOnly = await patientPage().questionnaire.get({ token });
    expect(readOnly.state).toBe("submitted");
    expect(readOnly.submitted).toMatchObject({
      score: 35.5556,
      scoreLabel: "35.6%",
      scoreNote: "1 section not answered, prorated",
      answers: odi([2, 1, 3, 1, 2, 2, 1, null, 2, 2]),
    });
  });

  test("out-of-range answers, unknown items and answers that cannot be scored are refused with the reason, writing nothing", async () => {
    const patient = await newPatient(a, { email: "bad.input@example.com" });
    await asClinician(a).outcomes.startEpisode({
      patientId: patient.id,
      title: "Back pain",
      clinicianId: null,
      schedules: [schedule("odi", { atIntake: true }), schedule("nprs", { atIntake: true })],
    });
    await deliverDue(new Date());
    const tokens = (await outboxOf(a.id))
      .filter((e) => e.to === "bad.input@example.com")
      .flatMap((e) => [...new Set([...e.html.matchAll(/href="(https?:\/\/[^"]+\/q\/[^"]+)"/g)].map((m) => m[1]!))])
      .map((l) => decodeURIComponent(new URL(l).pathname.split("/").pop()!));
    expect(tokens).toHaveLength(2);
    const byKey = Object.fromEntries(
      await Promise.all(
        tokens.map(async (t) => [(await patientPage().questionnaire.get({ token: t })).instrument.key, t] as const),
      ),
    );
    const before = await clinicSnapshot(a.id);

    const eleven = await refusal(
      patientPage().questionnaire.submit({ token: byKey.nprs!, answers: { values: { pain: 11 } } }),
    );
    expect(eleven.code).toBe("BAD_REQUEST");
    expect(shownMessage(eleven)).toMatch(/0 (to|and) 10/);
    const half = await refusal(
      patientPage().questionnaire.submit({ token: byKey.nprs!, answers: { values: { pain: 2.5 } } }),
    );
    expect(shownMessage(half)).toMatch(/whole number/);
    const unknown = await refusal(
      patientPage().questionnaire.submit({ token: byKey.nprs!, answers: { values: { pain: 3, mood: 2 } } }),
    );
    expect(unknown.code).toBe("BAD_REQUEST");
    const six = await refusal(
      patientPage().questionnaire.submit({ token: byKey.odi!, answers: odi([6, 1, 1, 1, 1, 1, 1, 1, 1, 1]) }),
    );
    expect(shownMessage(six)).toMatch(/Pain intensity/);
    const draftSix = await refusal(patientPage().questionnaire.saveDraft({ token: byKey.odi!, answers: odi([6]) }));
    expect(shownMessage(draftSix)).toMatch(/Pain intensity/);
    const empty = await refusal(patientPage().questionnaire.submit({ token: byKey.nprs!, answers: { values: {} } }));
    expect(empty.code).toBe("BAD_REQUEST");

    // On the link every section but sex life must be answered; the first one missing is named.
    const sparse = await refusal(
      patientPage().questionnaire.submit({ token: byKey.odi!, answers: odi([2, 1, 3, 1, 2, 2, 1, null, null, null]) }),
    );
    expect(sparse.code).toBe("BAD_REQUEST");
    expect(shownMessage(sparse)).toBe('Choose one statement for "Social life".');
    // Typed in from a paper form with three sections left blank: the ODI allows one missing, so no score, and why.
    const [odiRequest] = await adminDb()
      .select()
      .from(outcomeRequests)
      .where(and(eq(outcomeRequests.patientId, patient.id), eq(outcomeRequests.instrumentKey, "odi")));
    const paper = await refusal(
      asClinician(a).outcomes.submitInClinic({
        requestId: odiRequest!.id,
        answers: odi([2, 1, 3, 1, 2, 2, 1, null, null, null]),
      }),
    );
    expect(paper.code).toBe("BAD_REQUEST");
    expect(shownMessage(paper)).toMatch(/^These answers cannot be scored: 3 of 10 sections are unanswered/);
    expect(await clinicSnapshot(a.id)).toEqual(before);
    // One blank section on paper is scored out of the nine answered: 15 of 45 = 33.3%.
    expect(
      await asClinician(a).outcomes.submitInClinic({
        requestId: odiRequest!.id,
        answers: odi([2, 1, 3, 1, 2, 2, 1, 1, 2, null]),
      }),
    ).toMatchObject({
      score: 33.3333,
      scoreLabel: "33.3%",
      scoreNote: "1 section not answered, prorated",
      source: "staff",
    });
  });

  test("after the answering window the link shows what was sent (or that it closed) and takes no answers", async () => {
    const patient = await newPatient(a, { email: "closing@example.com" });
    const { episodeId } = await asClinician(a).outcomes.startEpisode({
      patientId: patient.id,
      title: "Knee",
      clinicianId: null,
      schedules: [schedule("nprs", { atIntake: true })],
    });
    const { token } = await tokenFromEmail(a, "closing@example.com");
    // The window ended yesterday.
    await adminDb()
      .update(outcomeRequests)
      .set({ dueAt: new Date(Date.now() - 20 * DAY), closesAt: new Date(Date.now() - DAY) })
      .where(eq(outcomeRequests.episodeId, episodeId));
    const before = await clinicSnapshot(a.id);
    expect((await patientPage().questionnaire.get({ token })).state).toBe("closed");
    const late = await refusal(patientPage().questionnaire.submit({ token, answers: { values: { pain: 4 } } }));
    expect(late.code).toBe("CONFLICT");
    expect(shownMessage(late)).toMatch(new RegExp(`closed on .*Contact ${a.name}`));
    const lateDraft = await refusal(patientPage().questionnaire.saveDraft({ token, answers: { values: { pain: 4 } } }));
    expect(shownMessage(lateDraft)).toMatch(/closed on/);
    expect(await clinicSnapshot(a.id)).toEqual(before);

    // Staff can still enter an answer given on paper.
    const [request] = await requestsOf(episodeId);
    expect(
      await asClinician(a).outcomes.submitInClinic({ requestId: request!.id, answers: { values: { pain: 4 } } }),
    ).toMatchObject({ score: 4, source: "staff" });
    const view = await patientPage().questionnaire.get({ token });
    expect(view).toMatchObject({ state: "submitted", submitted: { score: 4, answers: { values: { pain: 4 } } } });
  });

  test("altered, expired and other-purpose links are refused; a link cannot open another patient's questionnaire", async () => {
    const patient = await newPatient(a, { email: "links@example.com" });
    const { episodeId } = await asClinician(a).outcomes.startEpisode({
      patientId: patient.id,
      title: "Hip",
      clinicianId: null,
      schedules: [schedule("nprs", { atIntake: true })],
    });
    const { token } = await tokenFromEmail(a, "links@example.com");
    const [request] = await requestsOf(episodeId);

    const altered = await refusal(patientPage().questionnaire.get({ token: `${token.slice(0, -2)}xx` }));
    expect(altered.code).toBe("UNAUTHORIZED");
    const expired = createPatientLinkToken(
      { clinicId: a.id, patientId: patient.id, purpose: "questionnaire", ref: request!.id, ttlSeconds: 60 },
      { now: new Date(Date.now() - 3600_000) },
    );
    expect(shownMessage(await refusal(patientPage().questionnaire.get({ token: expired })))).toMatch(/expired/);
    const noRequest = createPatientLinkToken({
      clinicId: a.id,
      patientId: patient.id,
      purpose: "questionnaire",
      ttlSeconds: 600,
    });
    expect(shownMessage(await refusal(patientPage().questionnaire.get({ token: noRequest })))).toBe(
      "This questionnaire is no longer available.",
    );
    const planLink = createPatientLinkToken({
      clinicId: a.id,
      patientId: patient.id,
      purpose: "plan",
      ref: request!.id,
      ttlSeconds: 600,
    });
    expect((await refusal(patientPage().questionnaire.get({ token: planLink }))).code).toBe("UNAUTHORIZED");
    // Signed for another patient (or clinic) with this request's id: not found, nothing shown.
    const otherPatient = createPatientLinkToken({
      clinicId: a.id,
      patientId: a.patients[0]!.id,
      purpose: "questionnaire",
      ref: request!.id,
      ttlSeconds: 600,
    });
    expect((await refusal(patientPage().questionnaire.get({ token: otherPatient }))).code).toBe("NOT_FOUND");
    const otherClinic = createPatientLinkToken({
      clinicId: b.id,
      patientId: patient.id,
      purpose: "questionnaire",
      ref: request!.id,
      ttlSeconds: 600,
    });
    expect((await refusal(patientPage().questionnaire.get({ token: otherClinic }))).code).toBe("NOT_FOUND");
    // Staff of clinic B cannot open or answer clinic A's request.
    expect((await refusal(asClinician(b).outcomes.inClinic({ requestId: request!.id }))).code).toBe("NOT_FOUND");
    expect(
      (
        await refusal(
          asClinician(b).outcomes.submitInClinic({ requestId: request!.id, answers: { values: { pain: 1 } } }),
        )
      ).code,
    ).toBe("NOT_FOUND");
  });

  test("PSFS follow-ups offer the activities the patient named at intake", async () => {
    const patient = await newPatient(a, { email: "psfs@example.com" });
    const { episodeId } = await asClinician(a).outcomes.startEpisode({
      patientId: patient.id,
      title: "Shoulder",
      clinicianId: null,
      schedules: [schedule("psfs", { atIntake: true, everyWeeks: 2 })],
    });
    const { token } = await tokenFromEmail(a, "psfs@example.com");
    const names = { activity1: "Lifting my toddler", activity2: "Reaching the top shelf" };
    const first = await patientPage().questionnaire.submit({
      token,
      answers: { values: { activity1: 3, activity2: 6 }, names },
    });
    expect(first).toMatchObject({ score: 4.5, scoreLabel: expect.stringContaining("4.5") });
    const week2 = (await requestsOf(episodeId)).find((r) => r.occasion === "week:2")!;
    // Two weeks on: the follow-up is due.
    await adminDb()
      .update(outcomeRequests)
      .set({ dueAt: new Date(Date.now() - DAY), closesAt: new Date(Date.now() + 13 * DAY) })
      .where(eq(outcomeRequests.id, week2.id));
    const view = await asClinician(a).outcomes.inClinic({ requestId: week2.id });
    expect(view.previousNames).toEqual(names);
    const named = await refusal(
      asClinician(a).outcomes.submitInClinic({ requestId: week2.id, answers: { values: { activity1: 5 } } }),
    );
    expect(shownMessage(named)).toMatch(/[Nn]ame the activity/);
  });
});

describe("schedules that follow visits and discharge", () => {
  test("every 2 attended visits brings the questionnaire due, once per occasion", async () => {
    const patient = await newPatient(a, { email: "visits@example.com" });
    const { episodeId } = await asClinician(a).outcomes.startEpisode({
      patientId: patient.id,
      title: "Ankle",
      clinicianId: a.clinician.id,
      schedules: [schedule("lefs", { everyVisits: 2 })],
    });
    expect(await requestsOf(episodeId)).toEqual([]);
    const day = futureDate(2);
    const first = await bookFollowUp(a, at(a, day, "09:00"), patient.id);
    const second = await bookFollowUp(a, at(a, day, "11:00"), patient.id);
    const desk = callerFor(a.frontDesk, a.slug);
    await desk.scheduling.setStatus({ id: first.id, status: "checked_in" });
    expect(await requestsOf(episodeId)).toEqual([]);
    await desk.scheduling.setStatus({ id: second.id, status: "checked_in" });
    await desk.scheduling.setStatus({ id: second.id, status: "completed" });
    const requests = await requestsOf(episodeId);
    expect(requests.map((r) => [r.instrumentKey, r.occasion, r.status])).toEqual([["lefs", "visit:2", "pending"]]);
    const [message] = await adminDb()
      .select()
      .from(messages)
      .where(eq(messages.key, outcomeMessageKey(requests[0]!.id)));
    expect(message).toMatchObject({ kind: "questionnaire", state: "pending" });
    // Undo and redo the check-in: still one request for visit 2.
    await desk.scheduling.setStatus({ id: first.id, status: "booked" });
    await desk.scheduling.setStatus({ id: first.id, status: "checked_in" });
    expect(await requestsOf(episodeId)).toHaveLength(1);
  });

  test("discharge withdraws later questionnaires, asks the discharge ones, and cannot happen twice", async () => {
    const patient = await newPatient(a, { email: "discharge@example.com" });
    const { episodeId } = await asClinician(a).outcomes.startEpisode({
      patientId: patient.id,
      title: "Low back",
      clinicianId: a.clinician.id,
      schedules: [schedule("nprs", { atIntake: true, everyWeeks: 2 }), schedule("groc", { atDischarge: true })],
    });
    await deliverDue(new Date());
    await asClinician(a).outcomes.discharge({ episodeId });
    const requests = await requestsOf(episodeId);
    expect(requests.filter((r) => r.occasion.startsWith("week:")).every((r) => r.status === "cancelled")).toBe(true);
    const discharge = requests.filter((r) => r.occasion === "discharge");
    expect(discharge.map((r) => [r.instrumentKey, r.status])).toEqual([["groc", "pending"]]);
    const week2 = requests.find((r) => r.occasion === "week:2")!;
    const [withdrawn] = await adminDb()
      .select()
      .from(messages)
      .where(eq(messages.key, outcomeMessageKey(week2.id)));
    expect(withdrawn).toMatchObject({ state: "skipped", skipReason: "withdrawn" });

    const { token } = await tokenFromEmail(a, "discharge@example.com");
    expect((await patientPage().questionnaire.get({ token })).instrument.key).toBe("groc");
    expect(await patientPage().questionnaire.submit({ token, answers: { values: { change: 5 } } })).toMatchObject({
      score: 5,
    });

    const again = await refusal(asClinician(a).outcomes.discharge({ episodeId }));
    expect(again.code).toBe("CONFLICT");
    expect(shownMessage(again)).toMatch(/already discharged/);
    const change = await refusal(
      asClinician(a).outcomes.setSchedules({ episodeId, schedules: [schedule("nprs", { everyWeeks: 1 })] }),
    );
    expect(shownMessage(change)).toMatch(/discharged/);
  });

  test("changing the schedule withdraws the occasions that no longer fit and adds the new ones", async () => {
    const patient = await newPatient(a, { email: "reschedule@example.com" });
    const { episodeId } = await asClinician(a).outcomes.startEpisode({
      patientId: patient.id,
      title: "Neck",
      clinicianId: null,
      schedules: [schedule("nprs", { atIntake: true, everyWeeks: 2 })],
    });
    await asClinician(a).outcomes.setSchedules({
      episodeId,
      schedules: [schedule("nprs", { atIntake: true, everyWeeks: 4 }), schedule("psfs", { atIntake: true })],
    });
    const requests = await requestsOf(episodeId);
    const nprsWeeks = requests.filter((r) => r.instrumentKey === "nprs" && r.occasion.startsWith("week:"));
    expect(
      nprsWeeks
        .filter((r) => r.status === "pending")
        .map((r) => r.occasion)
        .slice(0, 3),
    ).toEqual(["week:4", "week:8", "week:12"]);
    expect(
      nprsWeeks
        .filter((r) => r.status === "cancelled")
        .map((r) => r.occasion)
        .slice(0, 3),
    ).toEqual(["week:2", "week:6", "week:10"]);
    expect(
      requests
        .filter((r) => r.occasion === "intake")
        .map((r) => r.instrumentKey)
        .sort(),
    ).toEqual(["nprs", "psfs"]);
    // Back to every 2 weeks: week 2 is asked again (the same request, revived), not twice.
    await asClinician(a).outcomes.setSchedules({
      episodeId,
      schedules: [schedule("nprs", { atIntake: true, everyWeeks: 2 })],
    });
    const again = (await requestsOf(episodeId)).filter((r) => r.instrumentKey === "nprs" && r.occasion === "week:2");
    expect(again.map((r) => r.status)).toEqual(["pending"]);
    const [message] = await adminDb()
      .select()
      .from(messages)
      .where(eq(messages.key, outcomeMessageKey(again[0]!.id)));
    expect(message).toMatchObject({ state: "pending", skipReason: null });
  });
});

describe("instruments a clinic switches off", () => {
  test("cannot be added or sent, and pending emails for them are not sent", async () => {
    const patient = await newPatient(b, { email: "switch.off@example.com" });
    const { episodeId } = await asClinician(b).outcomes.startEpisode({
      patientId: patient.id,
      title: "Back",
      clinicianId: null,
      schedules: [schedule("odi", { atIntake: true })],
    });
    const off = await callerFor(b.owner, b.slug).outcomes.setInstrumentEnabled({
      instrumentKey: "odi",
      enabled: false,
    });
    expect(off.instruments.find((i) => i.key === "odi")).toMatchObject({
      enabled: false,
      licence: { commercialUseNeedsPermission: true },
    });
    const [request] = await requestsOf(episodeId);
    expect((await deliverDue(new Date()))[outcomeMessageKey(request!.id)]).toBe("skipped");
    const [message] = await adminDb()
      .select()
      .from(messages)
      .where(eq(messages.key, outcomeMessageKey(request!.id)));
    expect(message!.skipReason).toBe("instrument_off");

    const before = await clinicSnapshot(b.id);
    const start = await refusal(
      asClinician(b).outcomes.startEpisode({
        patientId: patient.id,
        title: "Back again",
        clinicianId: null,
        schedules: [schedule("odi", { atIntake: true })],
      }),
    );
    expect(shownMessage(start)).toBe(
      "The Oswestry Disability Index is switched off for this clinic. An owner can switch it on in Settings → Outcome measures.",
    );
    expect(
      shownMessage(await refusal(asClinician(b).outcomes.sendNow({ episodeId, instrumentKey: "odi", email: true }))),
    ).toMatch(/switched off/);
    expect(await clinicSnapshot(b.id)).toEqual(before);
    expect(
      (await refusal(asClinician(b).outcomes.setInstrumentEnabled({ instrumentKey: "odi", enabled: true }))).code,
    ).toBe("FORBIDDEN");
    await callerFor(b.owner, b.slug).outcomes.setInstrumentEnabled({ instrumentKey: "odi", enabled: true });
  });
});

describe("progress against the MCID", () => {
  /** An episode with answers entered in clinic at the given days since its start. */
  async function episodeWith(
    clinic: SeededClinic,
    key: "odi" | "lefs",
    answers: { day: number; values: Record<string, number> }[],
    opts: { discharge?: boolean } = {},
  ) {
    const patient = await newPatient(clinic);
    const { episodeId } = await asClinician(clinic).outcomes.startEpisode({
      patientId: patient.id,
      title: `${key} episode`,
      clinicianId: clinic.clinician.id,
      schedules: [schedule(key, { atIntake: true })],
    });
    const started = new Date(Date.now() - 70 * DAY);
    await adminDb().execute(
      // Move the episode back in time so the answers can be spread over weeks.
      (await import("drizzle-orm")).sql`UPDATE episodes SET started_at = ${started} WHERE id = ${episodeId}`,
    );
    for (const [i, a1] of answers.entries()) {
      const { requestId } = await asClinician(clinic).outcomes.sendNow({ episodeId, instrumentKey: key, email: false });
      await asClinician(clinic).outcomes.submitInClinic({ requestId, answers: { values: a1.values } });
      await adminDb()
        .update(outcomeResponses)
        .set({ completedAt: new Date(started.getTime() + a1.day * DAY + i) })
        .where(and(eq(outcomeResponses.requestId, requestId)));
    }
    if (opts.discharge) await asClinician(clinic).outcomes.discharge({ episodeId });
    return { patient, episodeId };
  }
  const odiValues = (total: number) => {
    // Spread a total over the 10 sections (each 0–5), sex life included.
    const values: Record<string, number> = {};
    let left = total;
    for (const s of ODI_SECTIONS) {
      values[s] = Math.min(5, left);
      left -= values[s]!;
    }
    return values;
  };
  const lefsValues = (total: number) => {
    const values: Record<string, number> = {};
    let left = total;
    for (let i = 1; i <= 20; i++) {
      values[`q${i}`] = Math.min(4, left);
      left -= values[`q${i}`]!;
    }
    return values;
  };

  test("the patient's page compares baseline and latest with the MCID, and flags a patient getting worse or not improving", async () => {
    const c = await seedClinic();
    const better = await episodeWith(c, "odi", [
      { day: 0, values: odiValues(20) },
      { day: 42, values: odiValues(14) },
    ]); // 40% → 28%: 12 better
    const worse = await episodeWith(c, "odi", [
      { day: 0, values: odiValues(15) },
      { day: 28, values: odiValues(21) },
    ]); // 30% → 42%: 12 worse
    const stuck = await episodeWith(c, "lefs", [
      { day: 0, values: lefsValues(40) },
      { day: 49, values: lefsValues(45) },
    ]); // +5 < MCID 9 after 10 weeks
    const silent = await episodeWith(c, "odi", [{ day: 0, values: odiValues(20) }]); // baseline only; its week-4 follow-up closed unanswered
    const missed = await asClinician(c).outcomes.sendNow({
      episodeId: silent.episodeId,
      instrumentKey: "odi",
      email: false,
    });
    await adminDb()
      .update(outcomeRequests)
      .set({ occasion: "week:4", dueAt: new Date(Date.now() - 42 * DAY), closesAt: new Date(Date.now() - 28 * DAY) })
      .where(eq(outcomeRequests.id, missed.requestId));
    await episodeWith(c, "odi", [{ day: 0, values: odiValues(20) }]); // baseline only, no follow-up asked yet: not flagged

    const view = await asClinician(c).outcomes.forPatient({ patientId: better.patient.id });
    const series = view.episodes[0]!.series.find((s) => s.instrumentKey === "odi")!;
    expect(series.points.map((p) => p.score)).toEqual([40, 28]);
    expect(series.progress).toMatchObject({
      baseline: 40,
      latest: 28,
      change: 12,
      reachedMcid: true,
      worse: false,
      flag: null,
    });
    expect(series.summary).toBe("Baseline 40% → latest 28%: 12 points better, past the MCID of 10 points.");

    const attention = await asClinician(c).outcomes.needsAttention({ mine: true });
    expect(attention.map((i) => [i.patientId, i.instrumentKey, i.flag])).toEqual([
      [worse.patient.id, "odi", "worse"],
      [stuck.patient.id, "lefs", "not_improving"],
      [silent.patient.id, "odi", "no_follow_up"],
    ]);
    expect(attention.map((i) => i.detail)).toEqual([
      "ODI 30% → 42% (12 points worse; MCID 10)",
      "LEFS 40/80 → 45/80, short of the MCID of 9 after 10 weeks",
      "ODI 40% at baseline; the Week 4 questionnaire closed unanswered",
    ]);
    // The owner is not these patients' clinician: "mine" is empty, the whole clinic is not.
    expect(await callerFor(c.owner, c.slug).outcomes.needsAttention({ mine: true })).toEqual([]);
    expect(await callerFor(c.owner, c.slug).outcomes.needsAttention({ mine: false })).toHaveLength(3);
    // Another clinic sees none of it.
    expect(await asClinician(b).outcomes.needsAttention({ mine: false })).toEqual(
      expect.not.arrayContaining([expect.objectContaining({ patientId: worse.patient.id })]),
    );
    expect((await asClinician(b).outcomes.forPatient({ patientId: better.patient.id })).episodes).toEqual([]);
  });

  test("the owner's summary: the share of discharged episodes that reached the MCID, by instrument and by clinician", async () => {
    const c = await seedClinic();
    await episodeWith(
      c,
      "odi",
      [
        { day: 0, values: odiValues(20) },
        { day: 42, values: odiValues(15) },
      ],
      { discharge: true },
    ); // 40 → 30: reached (10)
    await episodeWith(
      c,
      "odi",
      [
        { day: 0, values: odiValues(20) },
        { day: 42, values: odiValues(16) },
      ],
      { discharge: true },
    ); // 40 → 32: not
    await episodeWith(
      c,
      "lefs",
      [
        { day: 0, values: lefsValues(30) },
        { day: 42, values: lefsValues(39) },
      ],
      { discharge: true },
    ); // +9: reached
    await episodeWith(c, "lefs", [{ day: 0, values: lefsValues(30) }], { discharge: true }); // baseline only: not judged
    await episodeWith(c, "odi", [
      { day: 0, values: odiValues(20) },
      { day: 42, values: odiValues(5) },
    ]); // still active: not counted

    const summary = await callerFor(c.owner, c.slug).outcomes.clinicSummary();
    expect(summary.discharged).toBe(4);
    expect(summary.byInstrument).toEqual(
      expect.arrayContaining([
        { instrumentKey: "odi", instrumentName: "Oswestry Disability Index", evaluated: 2, reached: 1, share: 0.5 },
        {
          instrumentKey: "lefs",
          instrumentName: "Lower Extremity Functional Scale",
          evaluated: 1,
          reached: 1,
          share: 1,
        },
      ]),
    );
    expect(summary.byClinician).toEqual([
      { clinicianId: c.clinician.id, clinicianName: c.clinician.name, evaluated: 3, reached: 2, share: 2 / 3 },
    ]);
    expect(
      summary.byClinicianInstrument.map((r) => [r.clinicianName, r.instrumentKey, r.evaluated, r.reached]),
    ).toEqual([
      [c.clinician.name, "odi", 2, 1],
      [c.clinician.name, "lefs", 1, 1],
    ]);
    expect((await refusal(asClinician(c).outcomes.clinicSummary())).code).toBe("FORBIDDEN");
  });

  test("exact scores: ODI 16/45 → 13/50 is 9.6 points, short of the MCID of 10; a prorated LEFS says so", async () => {
    const c = await seedClinic();
    const { sex_life: _skipped, ...nineSections } = odiValues(16);
    expect(Object.keys(nineSections)).toHaveLength(9);
    const odiEpisode = await episodeWith(
      c,
      "odi",
      [
        { day: 0, values: nineSections }, // 16 of 45 = 35.56%
        { day: 42, values: odiValues(13) }, // 13 of 50 = 26%
      ],
      { discharge: true },
    );
    const view = await asClinician(c).outcomes.forPatient({ patientId: odiEpisode.patient.id });
    const series = view.episodes[0]!.series.find((s) => s.instrumentKey === "odi")!;
    expect(series.points.map((p) => [p.scoreLabel, p.scoreNote])).toEqual([
      ["35.6%", "1 section not answered, prorated"],
      ["26%", null],
    ]);
    expect(series.progress).toMatchObject({ change: 9.5556, reachedMcid: false });
    expect(series.summary).toBe("Baseline 35.6% → latest 26%: 9.6 points better; the MCID is 10 points.");
    const stored = await adminDb()
      .select()
      .from(outcomeResponses)
      .where(eq(outcomeResponses.episodeId, odiEpisode.episodeId));
    expect(stored.map((r) => [r.score, r.answeredItems, r.totalItems, r.prorated]).sort()).toEqual([
      [26, 10, 10, false],
      [35.5556, 9, 10, true],
    ]);
    // The owner's summary (and the dashboard, which reads it) judges the same unrounded change.
    const summary = await callerFor(c.owner, c.slug).outcomes.clinicSummary();
    expect(summary.byInstrument).toEqual(
      expect.arrayContaining([expect.objectContaining({ instrumentKey: "odi", evaluated: 1, reached: 0 })]),
    );

    // A LEFS with 19 of 20 answers: 57 × 20 / 19 = 60, shown as adjusted, not as a complete 60/80.
    const { q20: _left, ...nineteen } = lefsValues(57);
    const lefsEpisode = await episodeWith(c, "lefs", [{ day: 0, values: nineteen }]);
    const lefsView = await asClinician(c).outcomes.forPatient({ patientId: lefsEpisode.patient.id });
    const [point] = lefsView.episodes[0]!.series.find((s) => s.instrumentKey === "lefs")!.points;
    expect([point!.scoreLabel, point!.scoreNote]).toEqual(["60/80", "1 activity not answered, prorated"]);
  });
});

describe("review mends", () => {
  test("a year of weekly questionnaires: the link in a late email opens when it is sent", async () => {
    const patient = await newPatient(a, { email: "late.link@example.com" });
    const { episodeId } = await asClinician(a).outcomes.startEpisode({
      patientId: patient.id,
      title: "Long course",
      clinicianId: null,
      schedules: [schedule("nprs", { everyWeeks: 30 })],
    });
    const [week30] = await requestsOf(episodeId);
    expect(week30!.occasion).toBe("week:30");
    const sentAt = new Date(week30!.dueAt.getTime() + 60_000);
    const { token } = await tokenFromEmail(a, "late.link@example.com", sentAt);
    const { verifyPatientLinkToken } = await import("@/server/auth/patient-links");
    const link = verifyPatientLinkToken(token, "questionnaire", { now: new Date(week30!.closesAt.getTime() - 60_000) });
    expect(link.ref).toBe(week30!.id);
  });

  test("a patient without an email when the episode starts still gets later questionnaires once they give one", async () => {
    const patient = await newPatient(a, { email: "" });
    const { episodeId } = await asClinician(a).outcomes.startEpisode({
      patientId: patient.id,
      title: "No email yet",
      clinicianId: null,
      schedules: [schedule("lefs", { atIntake: true, everyWeeks: 2 })],
    });
    const requests = await requestsOf(episodeId);
    const intake = requests.find((r) => r.occasion === "intake")!;
    const week2 = requests.find((r) => r.occasion === "week:2")!;
    const stateOf = async (id: string) =>
      (
        await adminDb()
          .select()
          .from(messages)
          .where(eq(messages.key, outcomeMessageKey(id)))
      )[0]!;
    expect(await stateOf(intake.id)).toMatchObject({ state: "skipped", skipReason: "no_email" });
    expect(await stateOf(week2.id)).toMatchObject({ state: "pending", skipReason: null });
    await asClinician(a).patients.update({
      id: patient.id,
      ...makePatient({ firstName: patient.firstName, lastName: patient.lastName, email: "gave.email@example.com" }),
    });
    expect((await deliverDue(new Date(week2.dueAt.getTime() + 60_000)))[outcomeMessageKey(week2.id)]).toBe("sent");
  });

  test("taking an instrument off an episode withdraws its open questionnaire and email too", async () => {
    const patient = await newPatient(a, { email: "taken.off@example.com" });
    const { episodeId } = await asClinician(a).outcomes.startEpisode({
      patientId: patient.id,
      title: "Two measures",
      clinicianId: null,
      schedules: [schedule("odi", { atIntake: true }), schedule("nprs", { atIntake: true })],
    });
    await asClinician(a).outcomes.setSchedules({ episodeId, schedules: [schedule("nprs", { atIntake: true })] });
    const requests = await requestsOf(episodeId);
    const odiIntake = requests.find((r) => r.instrumentKey === "odi")!;
    expect(odiIntake.status).toBe("cancelled");
    expect(requests.find((r) => r.instrumentKey === "nprs")!.status).toBe("pending");
    // Their shared intake email still goes, for the pain scale alone.
    await deliverDue(new Date());
    const [email] = (await outboxOf(a.id)).filter((e) => e.to === "taken.off@example.com");
    expect(email!.subject).toBe(`A short questionnaire from ${a.name}`);
    expect(email!.text).toMatch(/Numeric Pain Rating Scale/);
    expect(email!.text).not.toMatch(/Oswestry/);
    // Taking the last one off withdraws an email that is still to go.
    const later = await newPatient(a, { email: "taken.off.later@example.com" });
    const second = await asClinician(a).outcomes.startEpisode({
      patientId: later.id,
      title: "One measure",
      clinicianId: null,
      schedules: [schedule("odi", { atIntake: true })],
    });
    await asClinician(a).outcomes.setSchedules({
      episodeId: second.episodeId,
      schedules: [schedule("nprs", { everyWeeks: 4 })],
    });
    const [odiOnly] = (await requestsOf(second.episodeId)).filter((r) => r.instrumentKey === "odi");
    const [withdrawn] = await adminDb()
      .select()
      .from(messages)
      .where(eq(messages.key, outcomeMessageKey(odiOnly!.id)));
    expect(withdrawn).toMatchObject({ state: "skipped", skipReason: "withdrawn" });
  });

  test("no extra questionnaire on a discharged episode; staff cannot answer a later occasion early; the front desk cannot open answers", async () => {
    const patient = await newPatient(a, { email: "mends@example.com" });
    const { episodeId } = await asClinician(a).outcomes.startEpisode({
      patientId: patient.id,
      title: "Mends",
      clinicianId: null,
      schedules: [schedule("nprs", { atIntake: true, everyWeeks: 2 })],
    });
    const requests = await requestsOf(episodeId);
    const intake = requests.find((r) => r.occasion === "intake")!;
    const week2 = requests.find((r) => r.occasion === "week:2")!;
    const before = await clinicSnapshot(a.id);
    expect((await asClinician(a).outcomes.inClinic({ requestId: week2.id })).state).toBe("scheduled");
    const early = await refusal(
      asClinician(a).outcomes.submitInClinic({ requestId: week2.id, answers: { values: { pain: 3 } } }),
    );
    expect(shownMessage(early)).toMatch(/^This questionnaire is not due until /);
    expect((await refusal(callerFor(a.frontDesk, a.slug).outcomes.inClinic({ requestId: intake.id }))).code).toBe(
      "FORBIDDEN",
    );
    expect(
      (
        await refusal(
          callerFor(a.frontDesk, a.slug).outcomes.submitInClinic({
            requestId: intake.id,
            answers: { values: { pain: 3 } },
          }),
        )
      ).code,
    ).toBe("FORBIDDEN");
    expect(await clinicSnapshot(a.id)).toEqual(before);
    await asClinician(a).outcomes.discharge({ episodeId });
    const extra = await refusal(asClinician(a).outcomes.sendNow({ episodeId, instrumentKey: "nprs", email: true }));
    expect(shownMessage(extra)).toBe(
      "This episode of care is discharged: start a new episode to ask for more answers.",
    );
  });

  test("a paper intake typed in after a later answer is still the baseline", async () => {
    const c = await seedClinic();
    const patient = await newPatient(c);
    const { episodeId } = await asClinician(c).outcomes.startEpisode({
      patientId: patient.id,
      title: "Late paper",
      clinicianId: c.clinician.id,
      schedules: [schedule("nprs", { atIntake: true })],
    });
    const [intake] = await requestsOf(episodeId);
    await adminDb()
      .update(outcomeRequests)
      .set({ dueAt: new Date(Date.now() - 21 * DAY), closesAt: new Date(Date.now() - 7 * DAY) })
      .where(eq(outcomeRequests.id, intake!.id));
    // Week 2 answered on the link (pain 3), then the intake's paper form (pain 8) typed in today.
    const { requestId } = await asClinician(c).outcomes.sendNow({ episodeId, instrumentKey: "nprs", email: false });
    await asClinician(c).outcomes.submitInClinic({ requestId, answers: { values: { pain: 3 } } });
    await adminDb()
      .update(outcomeResponses)
      .set({ source: "patient", enteredBy: null, completedAt: new Date(Date.now() - 7 * DAY) })
      .where(eq(outcomeResponses.requestId, requestId));
    await asClinician(c).outcomes.submitInClinic({ requestId: intake!.id, answers: { values: { pain: 8 } } });
    const series = (await asClinician(c).outcomes.forPatient({ patientId: patient.id })).episodes[0]!.series[0]!;
    expect(series.points.map((p) => [p.occasionLabel.split(" ")[0], p.score])).toEqual([
      ["Intake", 8],
      ["Extra", 3],
    ]);
    expect(series.progress).toMatchObject({ baseline: 8, latest: 3, change: 5, reachedMcid: true });
  });
});

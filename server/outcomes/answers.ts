// Answering a questionnaire: the patient on the signed link (/q/<token>, purpose "questionnaire",
// naming the request) or staff in clinic. Answers are checked item by item by the engine; an
// answer set the instrument cannot score (too many missing items) is refused with the reason, and
// nothing is written. A submitted request is answered once: the response row is unique per
// request and the request is locked while it is answered, so a second submit (another tab, a
// double tap, a forwarded link) gets a clear answer and the read-only view of what was sent.
import { and, asc, eq, gt, lte, ne } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { clinics, outcomeRequests, outcomeResponses, patients } from "@/db/schema";
import { recordAudit } from "@/server/audit";
import { createPatientLinkToken, type PatientLink } from "@/server/auth/patient-links";
import { DomainError } from "@/server/errors";
import { formatWhen, type ClinicLocale } from "@/server/scheduling/format";
import { getInstrument } from "./instruments";
import { occasionLabel, QUESTIONNAIRE_LINK_DAYS } from "./occasions";
import { enabledInstruments } from "./settings";
import { formatScore, scoreAnswers, scoreNote, validateAnswers } from "./scoring";
import type { Answers, Instrument } from "./types";
import type { QuestionnaireView, ResponseSummary } from "./views";

const dateLabel = (d: Date, clinic: { timeZone: string; locale: ClinicLocale }) =>
  formatWhen(d, clinic.timeZone, clinic.locale, { dateOnly: true });

type Loaded = {
  request: typeof outcomeRequests.$inferSelect;
  instrument: Instrument;
  clinic: { name: string; phone: string | null; timeZone: string; locale: ClinicLocale };
  patientFirstName: string;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function loadRequest(
  tx: Tx,
  clinicId: string,
  requestId: string,
  opts: { patientId?: string; lock?: boolean } = {},
): Promise<Loaded> {
  // A signed link without a request in it (made for another page) names nothing.
  if (!UUID.test(requestId))
    throw new DomainError("NOT_FOUND", "This questionnaire is no longer available.", "NOT_FOUND");
  const where = and(
    eq(outcomeRequests.clinicId, clinicId),
    eq(outcomeRequests.id, requestId),
    opts.patientId ? eq(outcomeRequests.patientId, opts.patientId) : undefined,
  );
  const query = tx.select().from(outcomeRequests).where(where);
  const [request] = opts.lock ? await query.for("update") : await query;
  if (!request) throw new DomainError("NOT_FOUND", "This questionnaire is no longer available.", "NOT_FOUND");
  const instrument = getInstrument(request.instrumentKey);
  if (!instrument) throw new DomainError("NOT_FOUND", "This questionnaire is no longer available.", "NOT_FOUND");
  const [row] = await tx
    .select({
      name: clinics.name,
      phone: clinics.phone,
      timeZone: clinics.timeZone,
      locale: clinics.locale,
      firstName: patients.firstName,
    })
    .from(clinics)
    .innerJoin(patients, and(eq(patients.clinicId, clinics.id), eq(patients.id, request.patientId)))
    .where(eq(clinics.id, clinicId));
  if (!row) throw new DomainError("NOT_FOUND", "This questionnaire is no longer available.", "NOT_FOUND");
  return {
    request,
    instrument,
    clinic: { name: row.name, phone: row.phone, timeZone: row.timeZone, locale: row.locale },
    patientFirstName: row.firstName,
  };
}

export function summarizeResponse(
  instrument: Instrument | null,
  r: typeof outcomeResponses.$inferSelect,
): ResponseSummary {
  return {
    id: r.id,
    score: r.score,
    scoreLabel: r.score !== null && instrument ? formatScore(instrument, r.score) : null,
    scoreNote: r.score !== null && instrument ? scoreNote(instrument, r) : null,
    unscoredReason: r.unscoredReason,
    completedAt: r.completedAt,
    source: r.source,
    instrumentVersion: r.instrumentVersion,
  };
}

type Audience = "patient" | "staff";

function stateOf(request: Loaded["request"], now: Date, audience: Audience): QuestionnaireView["state"] {
  if (request.status === "submitted") return "submitted";
  if (request.status === "cancelled") return "cancelled";
  // Staff may still enter answers given on paper after the link's window closed, but not answer a
  // later occasion early (an extra questionnaire now is "Answer in clinic" on the patient's page).
  if (audience === "patient" && now.getTime() >= request.closesAt.getTime()) return "closed";
  if (audience === "staff" && request.dueAt.getTime() > now.getTime()) return "scheduled";
  return "open";
}

/** PSFS: the activities the patient named at the first answer of this episode, to rate again. */
async function previousNames(tx: Tx, request: Loaded["request"]): Promise<Record<string, string> | null> {
  const instrument = getInstrument(request.instrumentKey);
  if (!instrument?.items.some((i) => i.patientNamed)) return null;
  const [first] = await tx
    .select({ answers: outcomeResponses.answers })
    .from(outcomeResponses)
    .where(
      and(
        eq(outcomeResponses.clinicId, request.clinicId),
        eq(outcomeResponses.episodeId, request.episodeId),
        eq(outcomeResponses.instrumentKey, request.instrumentKey),
      ),
    )
    .orderBy(asc(outcomeResponses.completedAt))
    .limit(1);
  return first?.answers.names ?? null;
}

/** The patient's other questionnaires answerable now, each with a link of its own (the email's siblings). */
async function otherOpen(tx: Tx, request: Loaded["request"], now: Date): Promise<QuestionnaireView["others"]> {
  const rows = await tx
    .select({
      id: outcomeRequests.id,
      instrumentKey: outcomeRequests.instrumentKey,
      occasion: outcomeRequests.occasion,
    })
    .from(outcomeRequests)
    .where(
      and(
        eq(outcomeRequests.clinicId, request.clinicId),
        eq(outcomeRequests.patientId, request.patientId),
        eq(outcomeRequests.status, "pending"),
        ne(outcomeRequests.id, request.id),
        lte(outcomeRequests.dueAt, now),
        gt(outcomeRequests.closesAt, now),
      ),
    )
    .orderBy(asc(outcomeRequests.dueAt), asc(outcomeRequests.id));
  const enabled = await enabledInstruments(tx, request.clinicId);
  return rows.flatMap((r) => {
    const instrument = getInstrument(r.instrumentKey);
    if (!instrument || !enabled.has(instrument.key)) return [];
    const token = createPatientLinkToken(
      {
        clinicId: request.clinicId,
        patientId: request.patientId,
        purpose: "questionnaire",
        ref: r.id,
        ttlSeconds: QUESTIONNAIRE_LINK_DAYS * 86_400,
      },
      { now },
    );
    return [{ instrumentName: instrument.name, occasionLabel: occasionLabel(r.occasion), token }];
  });
}

async function view(tx: Tx, loaded: Loaded, now: Date, audience: Audience): Promise<QuestionnaireView> {
  const { request, instrument } = loaded;
  const [response] = await tx
    .select()
    .from(outcomeResponses)
    .where(and(eq(outcomeResponses.clinicId, request.clinicId), eq(outcomeResponses.requestId, request.id)));
  return {
    requestId: request.id,
    patientId: request.patientId,
    clinic: loaded.clinic,
    patientFirstName: loaded.patientFirstName,
    instrument,
    occasionLabel: occasionLabel(request.occasion),
    dueAt: request.dueAt,
    closesAt: request.closesAt,
    state: stateOf(request, now, audience),
    draft: response ? null : request.draft,
    draftSavedAt: response ? null : request.draftSavedAt,
    previousNames: response ? null : await previousNames(tx, request),
    submitted: response ? { ...summarizeResponse(instrument, response), answers: response.answers } : null,
    others: audience === "patient" ? await otherOpen(tx, request, now) : [],
  };
}

function refuseClosed(loaded: Loaded, state: QuestionnaireView["state"]): never {
  const when = (d: Date) => dateLabel(d, loaded.clinic);
  if (state === "submitted") {
    throw new DomainError(
      "ALREADY_SUBMITTED",
      "You already sent this questionnaire. What you sent is shown below.",
      "CONFLICT",
    );
  }
  if (state === "cancelled")
    throw new DomainError(
      "CANCELLED",
      "This questionnaire was withdrawn by the clinic; there is nothing to answer.",
      "CONFLICT",
    );
  if (state === "scheduled") {
    throw new DomainError(
      "NOT_DUE",
      `This questionnaire is not due until ${when(loaded.request.dueAt)}. To ask it now, use "Answer in clinic" on the patient's page.`,
      "CONFLICT",
    );
  }
  throw new DomainError(
    "CLOSED",
    `This questionnaire closed on ${when(loaded.request.closesAt)}. Contact ${loaded.clinic.name}${loaded.clinic.phone ? ` on ${loaded.clinic.phone}` : ""} if you would like to answer it.`,
    "CONFLICT",
  );
}

/** The engine's first complaint about the answers, as a refusal that names the item. */
function refuseInvalid(instrument: Instrument, answers: Answers, complete: boolean): void {
  const errors = validateAnswers(instrument, answers, { complete });
  if (errors.length > 0) {
    throw new DomainError("INVALID_ANSWER", errors[0]!.message, "BAD_REQUEST", { itemErrors: errors });
  }
}

/** Only the items the instrument has (an unknown item is refused by validateAnswers first). */
function cleanAnswers(answers: Answers): Answers {
  const names =
    answers.names && Object.keys(answers.names).length > 0
      ? Object.fromEntries(Object.entries(answers.names).map(([k, v]) => [k, v.trim()]))
      : undefined;
  return { values: { ...answers.values }, ...(names ? { names } : {}) };
}

export async function openQuestionnaire(tx: Tx, link: PatientLink, now = new Date()): Promise<QuestionnaireView> {
  const loaded = await loadRequest(tx, link.clinicId, link.ref ?? "", { patientId: link.patientId });
  return view(tx, loaded, now, "patient");
}

export async function saveQuestionnaireDraft(tx: Tx, link: PatientLink, input: { answers: Answers }, now = new Date()) {
  const loaded = await loadRequest(tx, link.clinicId, link.ref ?? "", { patientId: link.patientId, lock: true });
  const state = stateOf(loaded.request, now, "patient");
  if (state !== "open") refuseClosed(loaded, state);
  refuseInvalid(loaded.instrument, input.answers, false);
  await tx
    .update(outcomeRequests)
    .set({ draft: cleanAnswers(input.answers), draftSavedAt: now, updatedAt: now })
    .where(and(eq(outcomeRequests.clinicId, link.clinicId), eq(outcomeRequests.id, loaded.request.id)));
  return { draftSavedAt: now };
}

async function submit(
  tx: Tx,
  loaded: Loaded,
  answers: Answers,
  now: Date,
  who: { audience: Audience; userId: string | null },
): Promise<ResponseSummary> {
  const state = stateOf(loaded.request, now, who.audience);
  if (state !== "open") refuseClosed(loaded, state);
  // Patients on the link must answer every required item; staff typing in a paper form may leave
  // out what the patient left out, and the instrument's missing-item rule then decides.
  refuseInvalid(loaded.instrument, answers, who.audience === "patient");
  const scored = scoreAnswers(loaded.instrument, answers);
  if (!scored.ok) {
    throw new DomainError("UNSCORABLE", `These answers cannot be scored: ${scored.reason}`, "BAD_REQUEST", {
      missing: scored.missing,
    });
  }
  const { request } = loaded;
  const [response] = await tx
    .insert(outcomeResponses)
    .values({
      clinicId: request.clinicId,
      requestId: request.id,
      episodeId: request.episodeId,
      patientId: request.patientId,
      instrumentKey: request.instrumentKey,
      instrumentVersion: loaded.instrument.version,
      answers: cleanAnswers(answers),
      score: scored.score,
      unscoredReason: null,
      answeredItems: scored.answered,
      totalItems: scored.total,
      prorated: scored.adjusted,
      source: who.audience,
      enteredBy: who.userId,
      completedAt: now,
      createdAt: now,
    })
    .returning();
  await tx
    .update(outcomeRequests)
    .set({ status: "submitted", draft: null, draftSavedAt: null, updatedAt: now })
    .where(and(eq(outcomeRequests.clinicId, request.clinicId), eq(outcomeRequests.id, request.id)));
  await recordAudit(tx, {
    clinicId: request.clinicId,
    actorUserId: who.userId,
    action: "outcomes.answer",
    entity: "outcome_request",
    entityId: request.id,
    details: { instrument: request.instrumentKey, source: who.audience, score: scored.score },
  });
  return summarizeResponse(loaded.instrument, response!);
}

export async function submitQuestionnaire(tx: Tx, link: PatientLink, input: { answers: Answers }, now = new Date()) {
  const loaded = await loadRequest(tx, link.clinicId, link.ref ?? "", { patientId: link.patientId, lock: true });
  return submit(tx, loaded, input.answers, now, { audience: "patient", userId: null });
}

export async function openInClinic(
  tx: Tx,
  clinicId: string,
  input: { requestId: string },
  now = new Date(),
): Promise<QuestionnaireView> {
  return view(tx, await loadRequest(tx, clinicId, input.requestId), now, "staff");
}

export async function submitInClinic(
  tx: Tx,
  actor: { clinicId: string; userId: string },
  input: { requestId: string; answers: Answers },
  now = new Date(),
) {
  const loaded = await loadRequest(tx, actor.clinicId, input.requestId, { lock: true });
  return submit(tx, loaded, input.answers, now, { audience: "staff", userId: actor.userId });
}

// The questionnaire email's facts: what a `questionnaire` message (key `outcome:<requestId>`) asks
// for. The sender loads them in its clinic transaction and skips the message when the request no
// longer wants an answer (answered in clinic first, withdrawn, closed) or the clinic switched the
// instrument off.
import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { episodes, outcomeRequests, users, type Message } from "@/db/schema";
import { getInstrument } from "@/server/outcomes/instruments";
import { occasionLabel } from "@/server/outcomes/occasions";
import { enabledInstruments } from "@/server/outcomes/settings";

export { outcomeMessageKey } from "./questionnaire-key";

export type QuestionnaireEmailData = {
  requestId: string;
  instrumentName: string;
  occasionLabel: string;
  /** A rough time to answer, for the email. */
  minutes: number;
  closesAt: Date;
  clinicianName: string | null;
  /** Why this request should not be emailed any more, or null. */
  stale: "answered" | "withdrawn" | "closed" | "instrument_off" | null;
};

export async function loadQuestionnaireEmail(tx: Tx, message: Pick<Message, "clinicId" | "details">, now: Date): Promise<QuestionnaireEmailData | null> {
  const requestId = message.details?.requestId;
  if (!requestId) return null;
  const [row] = await tx
    .select({ request: outcomeRequests, clinicianName: users.name })
    .from(outcomeRequests)
    .innerJoin(episodes, and(eq(episodes.clinicId, outcomeRequests.clinicId), eq(episodes.id, outcomeRequests.episodeId)))
    .leftJoin(users, eq(users.id, episodes.clinicianId))
    .where(and(eq(outcomeRequests.clinicId, message.clinicId), eq(outcomeRequests.id, requestId)))
    // FOR SHARE, before the message is locked (the order a schedule change or discharge takes):
    // a request being withdrawn is waited for, so its email is never sent after the withdrawal.
    .for("share", { of: outcomeRequests });
  if (!row) return null;
  const instrument = getInstrument(row.request.instrumentKey);
  if (!instrument) return null;
  const r = row.request;
  const stale = r.status === "submitted" ? "answered"
    : r.status === "cancelled" ? "withdrawn"
    : now.getTime() >= r.closesAt.getTime() ? "closed"
    : !(await enabledInstruments(tx, message.clinicId)).has(instrument.key) ? "instrument_off"
    : null;
  return {
    requestId: r.id, instrumentName: instrument.name, occasionLabel: occasionLabel(r.occasion),
    minutes: Math.max(1, Math.ceil(instrument.items.length * 0.3)), closesAt: r.closesAt, clinicianName: row.clinicianName, stale,
  };
}

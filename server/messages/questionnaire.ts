// The questionnaire email's facts: what a `questionnaire` message (key `outcome:<first requestId>`)
// asks for — the requests that fell due together (details.requestIds). The sender loads them in its
// clinic transaction; the email names those that still want an answer, and the message is skipped
// when none does (answered in clinic first, withdrawn, closed, or the clinic switched the
// instrument off).
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { episodes, outcomeRequests, users, type Message } from "@/db/schema";
import { getInstrument, INSTRUMENT_KEYS } from "@/server/outcomes/instruments";
import { occasionLabel } from "@/server/outcomes/occasions";
import { enabledInstruments } from "@/server/outcomes/settings";
import type { InstrumentKey } from "@/server/outcomes/types";

export { outcomeMessageKey } from "./questionnaire-key";

export type QuestionnaireEmailItem = {
  requestId: string;
  instrumentName: string;
  occasionLabel: string;
  /** A rough time to answer, for the email. */
  minutes: number;
  closesAt: Date;
};

export type QuestionnaireEmailData = {
  /** The questionnaires still wanting an answer, in the order the clinic lists instruments. */
  items: QuestionnaireEmailItem[];
  clinicianName: string | null;
  /** Why none of the requests should be emailed any more (the first request's reason), or null. */
  stale: "answered" | "withdrawn" | "closed" | "instrument_off" | null;
};

/** The requests a questionnaire message names (older messages name one, as details.requestId). */
export function messageRequestIds(details: Record<string, string> | null | undefined): string[] {
  if (details?.requestIds) return details.requestIds.split(",").filter(Boolean);
  return details?.requestId ? [details.requestId] : [];
}

export async function loadQuestionnaireEmail(
  tx: Tx,
  message: Pick<Message, "clinicId" | "details">,
  now: Date,
): Promise<QuestionnaireEmailData | null> {
  const ids = messageRequestIds(message.details);
  if (ids.length === 0) return null;
  const rows = await tx
    .select({ request: outcomeRequests, clinicianName: users.name })
    .from(outcomeRequests)
    .innerJoin(
      episodes,
      and(eq(episodes.clinicId, outcomeRequests.clinicId), eq(episodes.id, outcomeRequests.episodeId)),
    )
    .leftJoin(users, eq(users.id, episodes.clinicianId))
    .where(and(eq(outcomeRequests.clinicId, message.clinicId), inArray(outcomeRequests.id, ids)))
    .orderBy(asc(outcomeRequests.id))
    // FOR SHARE, before the message is locked (the order a schedule change or discharge takes):
    // a request being withdrawn is waited for, so its email is never sent after the withdrawal.
    .for("share", { of: outcomeRequests });
  if (rows.length === 0) return null;
  const enabled = await enabledInstruments(tx, message.clinicId);
  const judged = rows.map(({ request: r }) => {
    const instrument = getInstrument(r.instrumentKey);
    const stale = !instrument
      ? ("withdrawn" as const)
      : r.status === "submitted"
        ? ("answered" as const)
        : r.status === "cancelled"
          ? ("withdrawn" as const)
          : now.getTime() >= r.closesAt.getTime()
            ? ("closed" as const)
            : !enabled.has(instrument.key)
              ? ("instrument_off" as const)
              : null;
    return { r, instrument, stale };
  });
  const live = judged.filter((j) => j.stale === null && j.instrument);
  const order = (key: string) => INSTRUMENT_KEYS.indexOf(key as InstrumentKey);
  return {
    items: live
      .sort((a, b) => order(a.r.instrumentKey) - order(b.r.instrumentKey))
      .map(({ r, instrument }) => ({
        requestId: r.id,
        instrumentName: instrument!.name,
        occasionLabel: occasionLabel(r.occasion),
        minutes: Math.max(1, Math.ceil(instrument!.items.length * 0.3)),
        closesAt: r.closesAt,
      })),
    clinicianName: rows[0]!.clinicianName,
    stale: live.length > 0 ? null : judged[0]!.stale,
  };
}

// Which instruments a clinic uses. No row means the instrument's default; owners switch each one
// on or off (an instrument whose text needs a commercial licence is switched off by a clinic that
// holds none). Switched off: it cannot be added to an episode or sent; answers already given stay.
import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { clinicInstrumentSettings, clinics } from "@/db/schema";
import { recordAudit } from "@/server/audit";
import { DomainError } from "@/server/errors";
import { INSTRUMENT_KEYS, INSTRUMENTS } from "./instruments";
import type { InstrumentKey } from "./types";
import type { InstrumentSettingsView } from "./views";

export async function enabledInstruments(tx: Tx, clinicId: string): Promise<Set<InstrumentKey>> {
  const rows = await tx
    .select({ key: clinicInstrumentSettings.instrumentKey, enabled: clinicInstrumentSettings.enabled })
    .from(clinicInstrumentSettings)
    .where(eq(clinicInstrumentSettings.clinicId, clinicId));
  const chosen = new Map(rows.map((r) => [r.key, r.enabled]));
  return new Set(INSTRUMENT_KEYS.filter((k) => chosen.get(k) ?? INSTRUMENTS[k].enabledByDefault));
}

/** Refuses instruments the clinic has switched off, naming the first. */
export async function requireEnabled(tx: Tx, clinicId: string, keys: InstrumentKey[]): Promise<void> {
  const enabled = await enabledInstruments(tx, clinicId);
  const off = keys.find((k) => !enabled.has(k));
  if (off) {
    throw new DomainError(
      "INSTRUMENT_OFF",
      `The ${INSTRUMENTS[off].name} is switched off for this clinic. An owner can switch it on in Settings → Outcome measures.`,
    );
  }
}

export async function instrumentSettings(tx: Tx, clinicId: string): Promise<InstrumentSettingsView> {
  // One connection: one query at a time.
  const enabled = await enabledInstruments(tx, clinicId);
  const [clinic] = await tx
    .select({ reviewWeeks: clinics.outcomeReviewWeeks })
    .from(clinics)
    .where(eq(clinics.id, clinicId));
  return {
    reviewWeeks: clinic?.reviewWeeks ?? 6,
    instruments: INSTRUMENT_KEYS.map((key) => {
      const i = INSTRUMENTS[key];
      return {
        key,
        name: i.name,
        shortName: i.shortName,
        description: i.description,
        version: i.version,
        enabled: enabled.has(key),
        licence: i.licence,
        source: i.source,
        better: i.better,
        unit: i.unit,
        range: i.range,
        mcid: i.mcid,
        kind: i.kind,
        itemCount: i.items.length,
      };
    }),
  };
}

export async function setInstrumentEnabled(
  tx: Tx,
  actor: { clinicId: string; userId: string },
  input: { instrumentKey: InstrumentKey; enabled: boolean },
  now = new Date(),
) {
  await tx
    .insert(clinicInstrumentSettings)
    .values({
      clinicId: actor.clinicId,
      instrumentKey: input.instrumentKey,
      enabled: input.enabled,
      updatedBy: actor.userId,
      updatedAt: now,
    })
    .onConflictDoUpdate({
      target: [clinicInstrumentSettings.clinicId, clinicInstrumentSettings.instrumentKey],
      set: { enabled: input.enabled, updatedBy: actor.userId, updatedAt: now },
    });
  await recordAudit(tx, {
    clinicId: actor.clinicId,
    actorUserId: actor.userId,
    action: input.enabled ? "outcomes.instrument_on" : "outcomes.instrument_off",
    entity: "instrument",
    details: { instrument: input.instrumentKey },
  });
  return instrumentSettings(tx, actor.clinicId);
}

export async function setReviewWeeks(tx: Tx, actor: { clinicId: string; userId: string }, input: { weeks: number }) {
  await tx
    .update(clinics)
    .set({ outcomeReviewWeeks: input.weeks })
    .where(and(eq(clinics.id, actor.clinicId)));
  await recordAudit(tx, {
    clinicId: actor.clinicId,
    actorUserId: actor.userId,
    action: "outcomes.review_weeks",
    entity: "clinic",
    entityId: actor.clinicId,
    details: { weeks: input.weeks },
  });
  return instrumentSettings(tx, actor.clinicId);
}

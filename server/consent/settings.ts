// A clinic's consent settings (owners): how long a decision stands, the policy version, the
// banner's language and the third-party tags per category. A clinic without a row has the defaults.
import { eq, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { consentSettings, type ConsentTags } from "@/db/schema";
import { recordAudit } from "@/server/audit";
import { CONSENT_MONTHS, OPTIONAL_CATEGORIES } from "./categories";
import { consentTagSchema, type ConsentSettingsInput } from "./schemas";
import { isConsentLanguage, type ConsentLanguage } from "./texts";

export type ClinicConsentSettings = {
  consentMonths: number;
  policyVersion: number;
  policyUpdatedAt: Date | null;
  language: ConsentLanguage;
  tags: ConsentTags;
};

export const DEFAULT_CONSENT_SETTINGS: ClinicConsentSettings = {
  consentMonths: CONSENT_MONTHS.default,
  policyVersion: 1,
  policyUpdatedAt: null,
  language: "en",
  tags: {},
};

/** Tags as stored, re-checked on the way out: a row that no longer validates loads nothing. */
function cleanTags(stored: unknown): ConsentTags {
  const tags: ConsentTags = {};
  if (!stored || typeof stored !== "object") return tags;
  for (const category of OPTIONAL_CATEGORIES) {
    const parsed = consentTagSchema.safeParse((stored as Record<string, unknown>)[category]);
    if (parsed.success) tags[category] = parsed.data;
  }
  return tags;
}

const columns = {
  consentMonths: consentSettings.consentMonths,
  policyVersion: consentSettings.policyVersion,
  policyUpdatedAt: consentSettings.policyUpdatedAt,
  language: consentSettings.language,
  tags: consentSettings.tags,
};

function toSettings(
  row:
    | { consentMonths: number; policyVersion: number; policyUpdatedAt: Date; language: string; tags: unknown }
    | undefined,
): ClinicConsentSettings {
  if (!row) return DEFAULT_CONSENT_SETTINGS;
  return {
    consentMonths: row.consentMonths,
    policyVersion: row.policyVersion,
    policyUpdatedAt: row.policyUpdatedAt,
    language: isConsentLanguage(row.language) ? row.language : "en",
    tags: cleanTags(row.tags),
  };
}

export async function getConsentSettings(tx: Tx, clinicId: string): Promise<ClinicConsentSettings> {
  const [row] = await tx.select(columns).from(consentSettings).where(eq(consentSettings.clinicId, clinicId));
  return toSettings(row);
}

export async function updateConsentSettings(
  tx: Tx,
  actor: { clinicId: string; userId: string },
  input: ConsentSettingsInput,
): Promise<ClinicConsentSettings> {
  const tags: ConsentTags | undefined = input.tags
    ? Object.fromEntries(OPTIONAL_CATEGORIES.flatMap((c) => (input.tags?.[c] ? [[c, input.tags[c]]] : [])))
    : undefined;
  const changes = {
    ...(input.consentMonths === undefined ? {} : { consentMonths: input.consentMonths }),
    ...(input.language === undefined ? {} : { language: input.language }),
    ...(tags === undefined ? {} : { tags }),
  };
  const [row] = await tx
    .insert(consentSettings)
    .values({ clinicId: actor.clinicId, ...changes })
    .onConflictDoUpdate({ target: consentSettings.clinicId, set: { ...changes, updatedAt: sql`now()` } })
    .returning(columns);
  await recordAudit(tx, {
    clinicId: actor.clinicId,
    actorUserId: actor.userId,
    action: "consent.update_settings",
    entity: "clinic",
    entityId: actor.clinicId,
    details: {
      ...(input.consentMonths === undefined ? {} : { consentMonths: input.consentMonths }),
      ...(input.language === undefined ? {} : { language: input.language }),
      ...(tags === undefined
        ? {}
        : {
            tags: Object.fromEntries(
              Object.entries(tags).map(([c, t]) => [
                c,
                { provider: t.provider, scriptUrl: t.scriptUrl ?? null, inline: Boolean(t.inlineScript) },
              ]),
            ),
          }),
    },
  });
  return toSettings(row);
}

/** A new version of the clinic's cookie policy: every visitor's earlier decision stops counting. */
export async function publishPolicyVersion(
  tx: Tx,
  actor: { clinicId: string; userId: string },
): Promise<ClinicConsentSettings> {
  const [row] = await tx
    .insert(consentSettings)
    .values({ clinicId: actor.clinicId, policyVersion: 2 })
    .onConflictDoUpdate({
      target: consentSettings.clinicId,
      set: {
        policyVersion: sql`${consentSettings.policyVersion} + 1`,
        policyUpdatedAt: sql`now()`,
        updatedAt: sql`now()`,
      },
    })
    .returning(columns);
  await recordAudit(tx, {
    clinicId: actor.clinicId,
    actorUserId: actor.userId,
    action: "consent.publish_policy",
    entity: "clinic",
    entityId: actor.clinicId,
    details: { policyVersion: row?.policyVersion },
  });
  return toSettings(row);
}

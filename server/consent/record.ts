// Recording a visitor's decision: the proof row (in the clinic's log, or the platform's for
// Junction's own pages) and the signature the browser keeps in its consent cookie. GPC refuses
// analytics and marketing whatever was clicked; unknown categories are ignored.
import type { Db, Tx } from "@/db/client";
import { consentRecords, platformConsentRecords, type ConsentSource } from "@/db/schema";
import { DomainError } from "@/server/errors";
import { withPublicClinic } from "@/server/tenancy";
import { consentLifetimeDays, decideCategories, type ConsentCategory } from "./categories";
import { signConsent, type ConsentProof } from "./consent-cookie";
import { limitConsent } from "./rate-limit";
import { PLATFORM_CONSENT } from "./registry";
import type { ConsentDecisionInput } from "./schemas";
import { getConsentSettings } from "./settings";
import { bannerTextVersion } from "./banner-version";

export type RequestFacts = {
  ipTruncated: string | null;
  userAgentFamily: string;
  gpcHeader: boolean;
  /** The client's address (server/client-ip.ts), for the rate limit only; the log keeps ipTruncated. */
  clientIp: string | null;
};

export type RecordedConsent = {
  consentId: string;
  granted: ConsentCategory[];
  refused: ConsentCategory[];
  policyVersion: number;
  proof: ConsentProof;
  expiresAt: Date;
};

type Decided = Omit<RecordedConsent, "proof" | "expiresAt"> & { gpc: boolean; source: ConsentSource; at: Date };

function decide(input: ConsentDecisionInput, facts: RequestFacts, currentVersion: number, now: Date): Decided {
  if (input.policyVersion > currentVersion) {
    throw new DomainError("POLICY_VERSION", "That policy version does not exist. Please reload the page.");
  }
  const gpc = input.gpc || facts.gpcHeader;
  const { granted, refused } = decideCategories(input.accepted, { gpc });
  // The signal decided it when the visitor asked for something GPC refuses.
  const overridden = gpc && input.accepted.some((c) => c === "analytics" || c === "marketing");
  return {
    consentId: input.consentId.toLowerCase(),
    granted,
    refused,
    policyVersion: input.policyVersion,
    gpc,
    source: overridden ? "gpc" : input.source,
    at: now,
  };
}

function rowValues(d: Decided, input: ConsentDecisionInput, facts: RequestFacts, months: number) {
  const expiresAt = new Date(d.at.getTime() + consentLifetimeDays(months) * 86_400_000);
  return {
    consentId: d.consentId,
    granted: d.granted,
    refused: d.refused,
    policyVersion: d.policyVersion,
    bannerVersion: bannerTextVersion(input.language),
    source: d.source,
    gpc: d.gpc,
    ipTruncated: facts.ipTruncated,
    userAgentFamily: facts.userAgentFamily,
    decidedAt: d.at,
    expiresAt,
  };
}

function recorded(d: Decided, scope: string, expiresAt: Date, secret: string): RecordedConsent {
  const at = d.at.getTime();
  const sig = signConsent(
    { scope, consentId: d.consentId, policyVersion: d.policyVersion, at, granted: d.granted },
    secret,
  );
  return {
    consentId: d.consentId,
    granted: d.granted,
    refused: d.refused,
    policyVersion: d.policyVersion,
    proof: { v: 1, at, sig },
    expiresAt,
  };
}

/** Records one decision made on a clinic's page (input.clinic) or on Junction's own pages (null). */
export async function recordConsent(
  db: Db,
  input: ConsentDecisionInput,
  facts: RequestFacts,
  opts: { secret: string; now?: Date },
): Promise<RecordedConsent> {
  const now = opts.now ?? new Date();
  await limitConsent(db, facts.clientIp);
  if (input.clinic === null) {
    const d = decide(input, facts, PLATFORM_CONSENT.policyVersion, now);
    const values = rowValues(d, input, facts, PLATFORM_CONSENT.months);
    await db.insert(platformConsentRecords).values(values);
    return recorded(d, "platform", values.expiresAt, opts.secret);
  }
  return withPublicClinic(db, input.clinic, async (tx: Tx, clinic) => {
    if (!clinic) throw new DomainError("NOT_FOUND", "There is no clinic at this address.", "NOT_FOUND");
    const settings = await getConsentSettings(tx, clinic.id);
    const d = decide(input, facts, settings.policyVersion, now);
    const values = rowValues(d, input, facts, settings.consentMonths);
    await tx.insert(consentRecords).values({ clinicId: clinic.id, ...values });
    return recorded(d, clinic.id, values.expiresAt, opts.secret);
  });
}

// Signed, expiring, single-purpose links for patients (no passwords). The token carries the
// clinic, the patient, what it may be used for and when it expires, signed with HMAC-SHA256.
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { authSecret } from "@/server/env";

export const PATIENT_LINK_PURPOSES = ["plan", "log", "questionnaire", "appointment", "unsubscribe"] as const;
export type PatientLinkPurpose = (typeof PATIENT_LINK_PURPOSES)[number];

const payloadSchema = z.object({
  v: z.literal(1),
  c: z.string().uuid(),
  p: z.string().uuid(),
  u: z.enum(PATIENT_LINK_PURPOSES),
  r: z.string().max(100).optional(),
  e: z.number().int(),
});

export type PatientLink = {
  clinicId: string;
  patientId: string;
  purpose: PatientLinkPurpose;
  ref?: string;
  expiresAt: Date;
};

export type PatientLinkFailure = "malformed" | "bad-signature" | "expired" | "wrong-purpose";

export class PatientLinkError extends Error {
  constructor(readonly reason: PatientLinkFailure) {
    super(
      {
        malformed: "This link is not valid.",
        "bad-signature": "This link is not valid.",
        expired: "This link has expired. Ask the clinic to send a new one.",
        "wrong-purpose": "This link cannot be used for this page.",
      }[reason],
    );
  }
}

function sign(body: string, secret: string): string {
  return createHmac("sha256", `patient-link:${secret}`).update(body).digest("base64url");
}

export function createPatientLinkToken(
  link: { clinicId: string; patientId: string; purpose: PatientLinkPurpose; ref?: string; ttlSeconds: number },
  opts: { now?: Date; secret?: string } = {},
): string {
  const now = opts.now ?? new Date();
  const payload = {
    v: 1 as const,
    c: link.clinicId,
    p: link.patientId,
    u: link.purpose,
    ...(link.ref ? { r: link.ref } : {}),
    e: Math.floor(now.getTime() / 1000) + link.ttlSeconds,
  };
  const body = Buffer.from(JSON.stringify(payload)).toString("base64url");
  return `${body}.${sign(body, opts.secret ?? authSecret())}`;
}

export function verifyPatientLinkToken(
  token: string,
  purpose: PatientLinkPurpose,
  opts: { now?: Date; secret?: string } = {},
): PatientLink {
  const [body, signature, extra] = token.split(".");
  if (!body || !signature || extra !== undefined) throw new PatientLinkError("malformed");
  const expected = Buffer.from(sign(body, opts.secret ?? authSecret()));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    throw new PatientLinkError("bad-signature");
  let parsed;
  try {
    parsed = payloadSchema.safeParse(JSON.parse(Buffer.from(body, "base64url").toString("utf8")));
  } catch {
    throw new PatientLinkError("malformed");
  }
  if (!parsed.success) throw new PatientLinkError("malformed");
  const p = parsed.data;
  const now = opts.now ?? new Date();
  if (p.e * 1000 <= now.getTime()) throw new PatientLinkError("expired");
  if (p.u !== purpose) throw new PatientLinkError("wrong-purpose");
  return { clinicId: p.c, patientId: p.p, purpose: p.u, ref: p.r, expiresAt: new Date(p.e * 1000) };
}

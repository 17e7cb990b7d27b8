// The one place that builds tRPC context and procedures. Clinic data is reachable only through
// clinicProcedure(), which resolves the clinic from the request, checks membership and role,
// and runs the handler inside a transaction scoped to that clinic (server/tenancy.ts).
import { initTRPC, TRPCError } from "@trpc/server";
import { ZodError } from "zod";
import type { Db, Tx } from "@/db/client";
import type { Role } from "@/db/schema";
import { idsUnder, PATIENT_LINK, recordRead, type ReadAudit } from "./audit";
import { billingBookingRefusal, billingWriteRefusal } from "./billing/access";
import { DomainError, toTRPCError } from "./errors";
import {
  PatientLinkError,
  verifyPatientLinkToken,
  type PatientLink,
  type PatientLinkPurpose,
} from "./auth/patient-links";
import { kioskAllows, type KioskLock } from "./kiosk/lock";
import type { OriginKind } from "./origins";
import { apiTransformer } from "./plain-json";
import { withClinic, withMemberClinic, withPublicClinic, type ClinicMembership, type ClinicRef } from "./tenancy";

/** Who is signed in; sessionId names their staff_sessions row (server/auth/sessions.ts) when known. */
export type SessionUser = { id: string; email: string; name: string; sessionId?: string };

export type Context = {
  db: Db;
  /**
   * Which origin the request came to (server/origins.ts): "staff" only on the staff host and, for
   * API requests, sent from the staff origin; "foreign" when the browser says another site sent it.
   */
  origin: OriginKind | "foreign";
  user: SessionUser | null;
  /** The clinic named by the request (the x-clinic-slug header, or the caller's own choice). */
  clinicSlug: string | null;
  ip: string | null;
  /** Set while this browser is handed to a patient (server/kiosk/lock.ts): only that questionnaire answers. */
  kiosk?: KioskLock | null;
  /** Response headers of an HTTP request (absent for server components and tests): the kiosk sets its cookie here. */
  resHeaders?: Headers;
};

export type Meta = {
  scope?: "clinic" | "patient" | "public-clinic";
  roles?: readonly Role[];
  /** A read of patient data: one audit_log row per call, in the call's own transaction (auditRead). */
  audit?: ReadAudit;
};

const DAY_NAMES: Record<string, string> = {
  mon: "Monday",
  tue: "Tuesday",
  wed: "Wednesday",
  thu: "Thursday",
  fri: "Friday",
  sat: "Saturday",
  sun: "Sunday",
};

const TIME_PARTS: Record<string, string> = { start: "opening time", end: "closing time" };

/** "dateOfBirth" → "Date of birth"; ["fri", 0, "end"] → "Friday closing time". */
function fieldLabel(path: readonly PropertyKey[]): string {
  const day = path.find((p): p is string => typeof p === "string" && p in DAY_NAMES);
  const last = [...path].reverse().find((p): p is string => typeof p === "string" && p.length > 0);
  if (day) return last && last !== day && TIME_PARTS[last] ? `${DAY_NAMES[day]} ${TIME_PARTS[last]}` : DAY_NAMES[day]!;
  if (!last) return "";
  const words = last.replace(/([A-Z])/g, " $1").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function describeZodError(error: ZodError): string {
  return error.issues
    .map((issue) => {
      const label = fieldLabel(issue.path);
      return label ? `${label}: ${issue.message}` : issue.message;
    })
    .join("; ");
}

export const INTERNAL_ERROR_MESSAGE = "Something went wrong on our side. Please try again.";

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    transformer: apiTransformer,
    errorFormatter({ shape, error }) {
      const zod = error.cause instanceof ZodError ? error.cause : null;
      // An unexpected failure's own message can hold SQL and patient data: never show it.
      const internal = error.code === "INTERNAL_SERVER_ERROR";
      return {
        ...shape,
        message: zod ? describeZodError(zod) : internal ? INTERNAL_ERROR_MESSAGE : shape.message,
        data: {
          ...shape.data,
          domainCode: error.cause instanceof DomainError ? error.cause.code : null,
          details: error.cause instanceof DomainError ? (error.cause.details ?? null) : null,
          fieldErrors: zod ? Object.fromEntries(zod.issues.map((i) => [i.path.join("."), i.message])) : null,
        },
      };
    },
  });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const middleware = t.middleware;

/** Turns DomainErrors and constraint violations thrown anywhere below into readable answers. */
const readableErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const mapped = toTRPCError(result.error.cause);
    if (mapped) throw mapped;
  }
  return result;
});

export const publicProcedure = t.procedure.use(readableErrors);

export const KIOSK_REFUSAL = "This tablet is with a patient. Return to staff with your password first.";

/**
 * Staff procedures run only for requests to the staff origin from the staff origin: on the public
 * origin (where clinic tags run) and from any other site they answer NOT_FOUND, as if they did not
 * exist there, whatever cookie the request carries. Then: signed in? And while the kiosk lock
 * holds, only the locked questionnaire and leaving it.
 */
export const authedProcedure = publicProcedure.use(async ({ ctx, next, path, getRawInput }) => {
  if (ctx.origin !== "staff") throw new TRPCError({ code: "NOT_FOUND", message: "Not found." });
  if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Please sign in." });
  if (ctx.kiosk && !kioskAllows(ctx.kiosk, { path, clinicSlug: ctx.clinicSlug, input: await getRawInput() })) {
    throw new TRPCError({ code: "FORBIDDEN", message: KIOSK_REFUSAL });
  }
  return next({ ctx: { ...ctx, user: ctx.user } });
});

export type ClinicContext = Context & {
  user: SessionUser;
  tx: Tx;
  clinic: ClinicMembership;
  /** Work to do once the clinic transaction has committed (e.g. telling Stripe about a seat change). */
  afterCommit: (fn: () => Promise<void>) => void;
};

/**
 * The tenant-scoped builder. A clinic you do not belong to answers NOT_FOUND (its existence is
 * not revealed); a role not in `roles` answers FORBIDDEN. The handler gets `ctx.tx`, a
 * transaction in which PostgreSQL shows only this clinic's rows; any error rolls it back. A read
 * with `auditRead` meta leaves its audit row in that transaction (auditCall).
 * Billing is decided here too: a clinic whose subscription leaves it read-only (paused, cancelled,
 * unpaid, past due beyond the grace period; server/billing/state.ts) has every mutation but
 * billing.* refused with FORBIDDEN / BILLING_READ_ONLY. Work passed to ctx.afterCommit runs once
 * the transaction has committed (never after a rollback).
 */
export function clinicProcedure(opts: { roles?: readonly Role[] } = {}) {
  return authedProcedure.meta({ scope: "clinic", roles: opts.roles }).use(async ({ ctx, next, ...call }) => {
    const slug = ctx.clinicSlug;
    if (!slug) throw new TRPCError({ code: "NOT_FOUND", message: "Clinic not found." });
    const committed: Array<() => Promise<void>> = [];
    const afterCommit = (fn: () => Promise<void>) => void committed.push(fn);
    const answer = await withMemberClinic(ctx.db, ctx.user.id, slug, async (tx, membership) => {
      if (!membership) throw new TRPCError({ code: "NOT_FOUND", message: "Clinic not found." });
      if (opts.roles && !opts.roles.includes(membership.role)) {
        throw new TRPCError({ code: "FORBIDDEN", message: "Your role in this clinic does not allow that." });
      }
      // Billing: a paused, cancelled or unpaid clinic is read-only (queries still answer, so its
      // data stays visible and exportable); billing.* stays open so owners can put it right.
      if (call.type === "mutation" && !call.path.startsWith("billing.")) {
        const refusal = await billingWriteRefusal(tx, membership);
        if (refusal) throw toTRPCError(refusal) ?? refusal;
      }
      const result = await next({ ctx: { ...ctx, tx, clinic: membership, afterCommit } });
      if (!result.ok) throw result.error; // roll the transaction back
      await auditCall(tx, call, result.data, { clinicId: membership.id, actorUserId: ctx.user.id });
      return result;
    });
    for (const fn of committed) await fn();
    return answer;
  });
}

/** Procedure meta for a read of patient data: `.meta(auditRead("patient.read", "patient", { key: "id" }))`. */
export function auditRead(action: string, entity: string, where: Pick<ReadAudit, "key" | "from"> = {}): Meta {
  return { audit: { action, entity, ...where } };
}

type Call = { meta: Meta | undefined; path: string; getRawInput: () => Promise<unknown> };

/**
 * A successful call of a procedure with `audit` meta leaves one row in its own transaction: who
 * (a staff member, or the patient's link), what, and the patient ids found in the result or the
 * input (`patientIds` when the caller already knows them).
 */
async function auditCall(
  tx: Tx,
  call: Call,
  data: unknown,
  who: { clinicId: string; actorUserId: string | null; patientIds?: string[] },
): Promise<void> {
  const audit = call.meta?.audit;
  if (!audit) return;
  const input = (await call.getRawInput()) as { id?: unknown } | undefined;
  await recordRead(tx, {
    clinicId: who.clinicId,
    actorUserId: who.actorUserId,
    action: audit.action,
    entity: audit.entity,
    entityId: typeof input?.id === "string" ? input.id : null,
    patientIds: who.patientIds ?? idsUnder(audit.from === "input" ? input : data, audit.key ?? "patientId"),
    details: who.actorUserId ? { procedure: call.path } : { procedure: call.path, via: PATIENT_LINK },
  });
}

export type PatientContext = Context & { tx: Tx; link: PatientLink };

/**
 * For pages opened from a patient's emailed link: the signed token (input.token) names the
 * clinic, the patient and the one purpose it may be used for; the handler runs in that clinic's
 * transaction. An expired, altered or wrong-purpose link answers UNAUTHORIZED with a reason.
 */
export function patientProcedure(purpose: PatientLinkPurpose) {
  return publicProcedure.meta({ scope: "patient" }).use(async ({ ctx, next, ...call }) => {
    const raw = (await call.getRawInput()) as { token?: unknown } | undefined;
    let link: PatientLink;
    try {
      link = verifyPatientLinkToken(typeof raw?.token === "string" ? raw.token : "", purpose);
    } catch (error) {
      if (error instanceof PatientLinkError) throw new TRPCError({ code: "UNAUTHORIZED", message: error.message });
      throw error;
    }
    return withClinic(ctx.db, link.clinicId, async (tx) => {
      const result = await next({ ctx: { ...ctx, tx, link } });
      if (!result.ok) throw result.error;
      await auditCall(tx, call, result.data, {
        clinicId: link.clinicId,
        actorUserId: null,
        patientIds: [link.patientId],
      });
      return result;
    });
  });
}

export type PublicClinicContext = Context & { tx: Tx; clinic: ClinicRef };

/**
 * For a clinic's public pages (self-booking): the clinic named by input.slug, no sign-in. The
 * handler runs in that clinic's transaction and can only do what its procedure allows.
 */
export const publicClinicProcedure = publicProcedure
  .meta({ scope: "public-clinic" })
  .use(async ({ ctx, next, getRawInput, type }) => {
    const raw = (await getRawInput()) as { slug?: unknown } | undefined;
    const noClinic = () => new TRPCError({ code: "NOT_FOUND", message: "There is no clinic at this address." });
    if (typeof raw?.slug !== "string") throw noClinic();
    return withPublicClinic(ctx.db, raw.slug, async (tx, clinic) => {
      if (!clinic) throw noClinic();
      // Billing: no online bookings while the clinic is read-only ("please call us").
      if (type === "mutation") {
        const refusal = await billingBookingRefusal(tx, clinic.id);
        if (refusal) throw toTRPCError(refusal) ?? refusal;
      }
      const result = await next({ ctx: { ...ctx, tx, clinic } });
      if (!result.ok) throw result.error;
      return result;
    });
  });

export const STAFF: readonly Role[] = ["owner", "clinician", "front_desk"];
export const OWNER_ONLY: readonly Role[] = ["owner"];
/** Moving money (charging, refunding, recording, payment links, changing a charge): owners and the front desk. */
export const MONEY: readonly Role[] = ["owner", "front_desk"];

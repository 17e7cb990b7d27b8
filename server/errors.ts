// DomainError: a stable code for programs and a sentence for people. The tRPC error formatter
// (server/trpc.ts) turns these, zod issues and database constraint errors into readable answers.
import { TRPCError } from "@trpc/server";

type TRPCCode = ConstructorParameters<typeof TRPCError>[0]["code"];

const codeMap: Record<string, TRPCCode> = {
  NOT_FOUND: "NOT_FOUND",
  FORBIDDEN: "FORBIDDEN",
  CONFLICT: "CONFLICT",
  UNAUTHORIZED: "UNAUTHORIZED",
  TOO_MANY_REQUESTS: "TOO_MANY_REQUESTS",
};

/**
 * SQLSTATEs only bad input causes: 22P02 invalid text representation, 22003 numeric out of range,
 * 22007/22008 bad or out-of-range date/time, 22021 invalid byte sequence (NUL), 22P05 untranslatable
 * character (\u0000 in jsonb), 22001 string too long, 22023 invalid parameter, 2201X bad OFFSET,
 * 54000/54001 program limit exceeded / statement too complex.
 */
const BAD_INPUT_SQLSTATES = new Set([
  "22P02",
  "22003",
  "22007",
  "22008",
  "22021",
  "22P05",
  "22001",
  "22023",
  "2201X",
  "54000",
  "54001",
]);

export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly userMessage: string,
    readonly kind:
      "BAD_REQUEST" | "NOT_FOUND" | "FORBIDDEN" | "CONFLICT" | "UNAUTHORIZED" | "TOO_MANY_REQUESTS" = "BAD_REQUEST",
    /** Data the client may use, e.g. the next free times after a lost race. */
    readonly details?: Record<string, unknown>,
  ) {
    super(userMessage);
    this.name = "DomainError";
  }
}

export function toTRPCError(error: unknown): TRPCError | null {
  if (error instanceof DomainError) {
    return new TRPCError({ code: codeMap[error.kind] ?? "BAD_REQUEST", message: error.userMessage, cause: error });
  }
  // drizzle wraps the driver's error (DrizzleQueryError); the SQLSTATE is on its cause.
  const pgError = error as { code?: unknown; cause?: { code?: unknown } } | null;
  const pgCode = pgError?.code ?? pgError?.cause?.code;
  if (pgCode === "23505") {
    return new TRPCError({ code: "CONFLICT", message: "That already exists.", cause: error as Error });
  }
  // A value PostgreSQL cannot take (text it cannot read as the column's type, a number or date out of
  // range, a NUL byte, a statement too complex): the input was bad. The zod schemas (server/validation.ts)
  // refuse these first; this is the safety net, so a missed field is a 400, never a 500.
  if (typeof pgCode === "string" && BAD_INPUT_SQLSTATES.has(pgCode)) {
    return new TRPCError({ code: "BAD_REQUEST", message: "Some of that input cannot be used.", cause: error as Error });
  }
  return null;
}

export const notFound = (what = "That record") => new DomainError("NOT_FOUND", `${what} was not found.`, "NOT_FOUND");

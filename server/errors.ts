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
  return null;
}

export const notFound = (what = "That record") => new DomainError("NOT_FOUND", `${what} was not found.`, "NOT_FOUND");

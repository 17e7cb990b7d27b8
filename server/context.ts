// Builds the tRPC context for HTTP requests and for server components.
import { headers } from "next/headers";
import { appDb } from "@/db/client";
import { getSessionUser } from "./auth";
import { pageUser } from "./page-access";
import { createCaller } from "./root";
import type { Context } from "./trpc";

export const CLINIC_HEADER = "x-clinic-slug";

export async function createRequestContext(req: Request): Promise<Context> {
  return {
    db: appDb(),
    user: await getSessionUser(),
    clinicSlug: req.headers.get(CLINIC_HEADER),
    ip: req.headers.get("x-forwarded-for")?.split(",")[0]?.trim() ?? null,
  };
}

/** A caller for server components, acting as the signed-in user in the given clinic. */
export async function serverCaller(clinicSlug: string | null = null) {
  const h = await headers();
  return createCaller({
    db: appDb(),
    // The same answer as the layout's access check: one session check per page render.
    user: await pageUser(),
    clinicSlug,
    ip: h.get("x-forwarded-for")?.split(",")[0]?.trim() ?? null,
  });
}

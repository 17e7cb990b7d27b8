// Builds the tRPC context for HTTP requests and for server components.
import { headers } from "next/headers";
import { appDb } from "@/db/client";
import { getSessionUser } from "./auth";
import { clientIp } from "./client-ip";
import { createCaller } from "./root";
import type { Context } from "./trpc";

export const CLINIC_HEADER = "x-clinic-slug";

export async function createRequestContext(req: Request): Promise<Context> {
  return {
    db: appDb(),
    user: await getSessionUser(),
    clinicSlug: req.headers.get(CLINIC_HEADER),
    ip: clientIp(req.headers),
  };
}

/** A caller for server components, acting as the signed-in user in the given clinic. */
export async function serverCaller(clinicSlug: string | null = null) {
  const h = await headers();
  return createCaller({
    db: appDb(),
    user: await getSessionUser(),
    clinicSlug,
    ip: clientIp(h),
  });
}

// Builds the tRPC context for HTTP requests and for server components.
import { cookies, headers } from "next/headers";
import { appDb } from "@/db/client";
import { getSessionUser } from "./auth";
import { KIOSK_COOKIE, kioskCookieFrom, readKioskLock } from "./kiosk/lock";
import { createCaller } from "./root";
import type { Context } from "./trpc";

export const CLINIC_HEADER = "x-clinic-slug";

export async function createRequestContext(req: Request, resHeaders?: Headers): Promise<Context> {
  const user = await getSessionUser();
  return {
    db: appDb(),
    user,
    clinicSlug: req.headers.get(CLINIC_HEADER),
    ip: req.headers.get("x-forwarded-for")?.split(",")[0]?.trim() ?? null,
    kiosk: user ? readKioskLock(kioskCookieFrom(req.headers.get("cookie")), user.id) : null,
    resHeaders,
  };
}

/** A caller for server components, acting as the signed-in user in the given clinic. */
export async function serverCaller(clinicSlug: string | null = null) {
  const h = await headers();
  const user = await getSessionUser();
  return createCaller({
    db: appDb(),
    user,
    clinicSlug,
    ip: h.get("x-forwarded-for")?.split(",")[0]?.trim() ?? null,
    kiosk: user ? readKioskLock((await cookies()).get(KIOSK_COOKIE)?.value, user.id) : null,
  });
}

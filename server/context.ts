// Builds the tRPC context for HTTP requests and for server components.
import { cookies, headers } from "next/headers";
import { appDb } from "@/db/client";
import { getSessionUser } from "./auth";
import { clientIp } from "./client-ip";
import { configuredOrigins } from "./env";
import { KIOSK_COOKIE, kioskCookieFrom, readKioskLock } from "./kiosk/lock";
import { originKindOfHost, requestOrigin } from "./origins";
import { pageUser } from "./page-access";
import { createCaller } from "./root";
import type { Context } from "./trpc";

export const CLINIC_HEADER = "x-clinic-slug";

/**
 * An API request acts for the staff origin only when it came to the staff host from the staff
 * origin (server/origins.ts); elsewhere nobody is signed in, whatever cookie arrives.
 */
export async function createRequestContext(req: Request, resHeaders?: Headers): Promise<Context> {
  const origin = requestOrigin(
    {
      host: req.headers.get("host"),
      origin: req.headers.get("origin"),
      fetchSite: req.headers.get("sec-fetch-site"),
    },
    configuredOrigins(),
  );
  const user = origin === "staff" ? await getSessionUser() : null;
  return {
    db: appDb(),
    origin,
    user,
    clinicSlug: req.headers.get(CLINIC_HEADER),
    ip: clientIp(req.headers),
    kiosk: user ? readKioskLock(kioskCookieFrom(req.headers.get("cookie")), user) : null,
    resHeaders,
  };
}

/**
 * A caller for server components, acting as the signed-in user in the given clinic. The page was
 * opened on one origin (a navigation may come from any site, so only the Host counts); on the
 * public origin nobody is signed in.
 */
export async function serverCaller(clinicSlug: string | null = null) {
  const h = await headers();
  const origin = originKindOfHost(h.get("host"), configuredOrigins());
  // The same answer as the layout's access check: one session check per page render.
  const user = origin === "staff" ? await pageUser() : null;
  return createCaller({
    db: appDb(),
    origin,
    user,
    clinicSlug,
    ip: clientIp(h),
    kiosk: user ? readKioskLock((await cookies()).get(KIOSK_COOKIE)?.value, user) : null,
  });
}

// Access for server-rendered pages: who is signed in and in which clinic, decided once per
// request (React cache). Not signed in → sign-in page; not a member → 404; wrong role → 403;
// a tablet handed to a patient (the kiosk lock) → back to its questionnaire, whatever the URL.
import { cookies, headers } from "next/headers";
import { forbidden, notFound, redirect } from "next/navigation";
import { cache } from "react";
import { appDb } from "@/db/client";
import type { Role } from "@/db/schema";
import { getSessionUser } from "./auth";
import { KIOSK_COOKIE, kioskPath, readKioskLock, type KioskLock } from "./kiosk/lock";
import { safeRedirect } from "./auth/safe-redirect";
import { findMembership, listUserClinics } from "./tenancy";

const SESSION_COOKIE = /^(__Secure-)?next-auth\.session-token(\.\d+)?$/;

export const pageUser = cache(getSessionUser);

/** The kiosk lock of the signed-in user, if this browser is handed to a patient. */
export const pageKioskLock = cache(async (): Promise<KioskLock | null> => {
  const user = await pageUser();
  return user ? readKioskLock((await cookies()).get(KIOSK_COOKIE)?.value, user) : null;
});

/** For every staff page but the kiosk's own: while the lock holds, the only page is the questionnaire. */
export async function refuseDuringKiosk(): Promise<void> {
  const lock = await pageKioskLock();
  if (lock) redirect(kioskPath(lock));
}

export const pageUserClinics = cache(async (userId: string) => listUserClinics(appDb(), userId));

export const pageClinic = cache(async (slug: string) => {
  await refuseDuringKiosk();
  const user = await pageUser();
  if (!user) {
    const requested = safeRedirect((await headers()).get("x-pathname"), { fallback: `/c/${slug}` });
    const back = requested.startsWith(`/c/${slug}`) ? requested : `/c/${slug}`;
    // A session cookie that no longer signs anyone in: the session was ended (signed out elsewhere, idle…).
    const ended = (await cookies()).getAll().some((c) => SESSION_COOKIE.test(c.name));
    redirect(`/signin?callbackUrl=${encodeURIComponent(back)}${ended ? "&ended=ended" : ""}`);
  }
  // The layout lists the user's clinics anyway (the switcher): one read answers both (React cache).
  const membership = (await pageUserClinics(user.id)).find((c) => c.slug === slug);
  if (!membership) notFound();
  return { user, clinic: membership };
});

export async function requireRole(slug: string, roles: readonly Role[]) {
  const access = await pageClinic(slug);
  if (!roles.includes(access.clinic.role)) forbidden();
  return access;
}

/** The kiosk page: the signed-in member's lock must name this clinic and questionnaire. */
export async function pageKiosk(slug: string, requestId: string) {
  const lock = await pageKioskLock();
  if (!lock) redirect(`/c/${slug}`);
  if (lock.clinicSlug !== slug || lock.requestId !== requestId) redirect(kioskPath(lock));
  const user = (await pageUser())!;
  const membership = await findMembership(appDb(), user.id, slug);
  if (!membership) notFound();
  return { user, clinic: membership, lock };
}

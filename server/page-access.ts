// Access for server-rendered pages: who is signed in and in which clinic, decided once per
// request (React cache). Not signed in → sign-in page; not a member → 404; wrong role → 403.
import { cookies, headers } from "next/headers";
import { forbidden, notFound, redirect } from "next/navigation";
import { cache } from "react";
import { appDb } from "@/db/client";
import type { Role } from "@/db/schema";
import { getSessionUser } from "./auth";
import { safeRedirect } from "./auth/safe-redirect";
import { findMembership, listUserClinics } from "./tenancy";

const SESSION_COOKIE = /^(__Secure-)?next-auth\.session-token(\.\d+)?$/;

export const pageUser = cache(getSessionUser);

export const pageClinic = cache(async (slug: string) => {
  const user = await pageUser();
  if (!user) {
    const requested = safeRedirect((await headers()).get("x-pathname"), { fallback: `/c/${slug}` });
    const back = requested.startsWith(`/c/${slug}`) ? requested : `/c/${slug}`;
    // A session cookie that no longer signs anyone in: the session was ended (signed out elsewhere, idle…).
    const ended = (await cookies()).getAll().some((c) => SESSION_COOKIE.test(c.name));
    redirect(`/signin?callbackUrl=${encodeURIComponent(back)}${ended ? "&ended=ended" : ""}`);
  }
  const membership = await findMembership(appDb(), user.id, slug);
  if (!membership) notFound();
  return { user, clinic: membership };
});

export async function requireRole(slug: string, roles: readonly Role[]) {
  const access = await pageClinic(slug);
  if (!roles.includes(access.clinic.role)) forbidden();
  return access;
}

export const pageUserClinics = cache(async (userId: string) => listUserClinics(appDb(), userId));

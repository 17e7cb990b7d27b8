// Access for server-rendered pages: who is signed in and in which clinic, decided once per
// request (React cache). Not signed in → sign-in page; not a member → 404; wrong role → 403.
import { headers } from "next/headers";
import { forbidden, notFound, redirect } from "next/navigation";
import { cache } from "react";
import { appDb } from "@/db/client";
import type { Role } from "@/db/schema";
import { getSessionUser } from "./auth";
import { findMembership, listUserClinics } from "./tenancy";

export const pageUser = cache(getSessionUser);

export const pageClinic = cache(async (slug: string) => {
  const user = await pageUser();
  if (!user) {
    const requested = (await headers()).get("x-pathname");
    const back = requested?.startsWith(`/c/${slug}`) ? requested : `/c/${slug}`;
    redirect(`/signin?callbackUrl=${encodeURIComponent(back)}`);
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

import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CookiePolicy } from "@/app/_components/consent/cookie-policy";
import { PublicShell } from "@/app/_components/consent/public-shell";
import { appDb } from "@/db/client";
import { consentScopeForSlug } from "@/server/consent/page-config";

export async function generateMetadata({ params }: { params: Promise<{ clinicSlug: string }> }): Promise<Metadata> {
  const scope = await consentScopeForSlug(appDb(), (await params).clinicSlug);
  return { title: scope.kind === "clinic" ? `Cookie policy · ${scope.clinic.name}` : "Cookie policy" };
}

export default async function ClinicCookiePolicyPage({ params }: { params: Promise<{ clinicSlug: string }> }) {
  const scope = await consentScopeForSlug(appDb(), (await params).clinicSlug);
  if (scope.kind !== "clinic") notFound();
  return (
    <PublicShell scope={scope}>
      <CookiePolicy scope={scope} />
    </PublicShell>
  );
}

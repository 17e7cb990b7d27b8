// The clinic's public booking pages carry its cookie banner and footer (consent is per clinic).
import type { ReactNode } from "react";
import "./booking.css";
import { PublicShell } from "@/app/_components/consent/public-shell";
import { appDb } from "@/db/client";
import { consentScopeForSlug } from "@/server/consent/page-config";

export default async function BookLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ clinicSlug: string }>;
}) {
  const scope = await consentScopeForSlug(appDb(), (await params).clinicSlug);
  return <PublicShell scope={scope}>{children}</PublicShell>;
}

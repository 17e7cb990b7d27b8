import type { Metadata } from "next";
import { publicUrl } from "@/server/env";
import { requireRole } from "@/server/page-access";
import { OWNER_ONLY } from "@/server/trpc";
import { ConsentLog } from "./consent-log";
import { PrivacySettings } from "./privacy-settings";

export const metadata: Metadata = { title: "Privacy & cookies" };

export default async function PrivacyPage({ params }: { params: Promise<{ clinicSlug: string }> }) {
  const { clinic } = await requireRole((await params).clinicSlug, OWNER_ONLY);
  return (
    <>
      <PrivacySettings slug={clinic.slug} publicOrigin={publicUrl()} />
      <ConsentLog slug={clinic.slug} timeZone={clinic.timeZone} />
    </>
  );
}

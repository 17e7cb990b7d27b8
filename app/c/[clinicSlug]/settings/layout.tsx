import type { ReactNode } from "react";
import { requireRole } from "@/server/page-access";
import { OWNER_ONLY } from "@/server/trpc";
import { SettingsTabs } from "./tabs";

export default async function SettingsLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ clinicSlug: string }>;
}) {
  const { clinic } = await requireRole((await params).clinicSlug, OWNER_ONLY);
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Settings</h1>
          <p>{clinic.name}</p>
        </div>
      </div>
      <SettingsTabs slug={clinic.slug} />
      {children}
    </>
  );
}

import Link from "next/link";
import type { ReactNode } from "react";
import { ClinicLocaleProvider } from "@/app/_components/clinic-locale";
import { ReloadOnRestore } from "@/app/_components/reload-on-restore";
import { SignOutButton } from "@/app/_components/sign-out-button";
import { TRPCReactProvider } from "@/app/_lib/trpc";
import { billingEnabled } from "@/server/billing/config";
import { serverCaller } from "@/server/context";
import { env } from "@/server/env";
import { pageClinic, pageKioskLock, pageUserClinics } from "@/server/page-access";
import { ROLE_LABELS } from "@/server/team/schemas";
import { BillingBanner } from "./billing-banner";
import { IdleWarning } from "./idle-warning";
import { ClinicNav, ClinicSwitcher } from "./nav";

export default async function ClinicLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ clinicSlug: string }>;
}) {
  const { clinicSlug } = await params;
  // Handed to a patient: no navigation, no names; every page but the kiosk's sends back to it.
  const lock = await pageKioskLock();
  if (lock?.clinicSlug === clinicSlug) {
    return (
      <TRPCReactProvider clinicSlug={clinicSlug}>
        <main className="kiosk" id="main">
          {children}
        </main>
      </TRPCReactProvider>
    );
  }
  const { user, clinic } = await pageClinic(clinicSlug);
  const clinics = await pageUserClinics(user.id);
  const caller = await serverCaller(clinic.slug);
  const banner = billingEnabled() ? await caller.billing.banner() : null;
  const { locale } = await caller.clinic.get();
  return (
    <TRPCReactProvider clinicSlug={clinic.slug}>
      <ClinicLocaleProvider locale={locale}>
        <ReloadOnRestore />
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <div className="shell">
          <aside className="sidebar" aria-label="Clinic navigation">
            <div className="brand">
              Junction
              <small>{clinic.name}</small>
            </div>
            <ClinicNav slug={clinic.slug} role={clinic.role} />
            <div className="sidebar-footer">
              {clinics.length > 1 ? (
                <ClinicSwitcher current={clinic.slug} clinics={clinics.map((c) => ({ slug: c.slug, name: c.name }))} />
              ) : null}
              <a href="/clinics">All clinics</a>
              {env.NODE_ENV !== "production" ? <a href="/dev/outbox">Mail outbox (development)</a> : null}
              <div>
                <div style={{ color: "#fff", fontWeight: 600 }}>{user.name}</div>
                <div>{ROLE_LABELS[clinic.role]}</div>
              </div>
              <Link href={`/c/${clinic.slug}/account`}>Your account</Link>
              <SignOutButton />
            </div>
          </aside>
          <main className="main" id="main">
            <BillingBanner banner={banner} slug={clinic.slug} timeZone={clinic.timeZone} />
            {children}
          </main>
        </div>
        <IdleWarning />
      </ClinicLocaleProvider>
    </TRPCReactProvider>
  );
}

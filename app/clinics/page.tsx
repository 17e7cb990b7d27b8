import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { appDb } from "@/db/client";
import { SignOutButton } from "@/app/_components/sign-out-button";
import { TRPCReactProvider } from "@/app/_lib/trpc";
import { getSessionUser } from "@/server/auth";
import { refuseDuringKiosk } from "@/server/page-access";
import { ROLE_LABELS } from "@/server/team/schemas";
import { listUserClinics } from "@/server/tenancy";
import { AddClinicForm } from "./add-clinic-form";

export const metadata: Metadata = { title: "Your clinics" };

export default async function ClinicsPage() {
  const user = await getSessionUser();
  if (!user) redirect("/signin?callbackUrl=/clinics");
  await refuseDuringKiosk();
  const clinics = await listUserClinics(appDb(), user.id);
  return (
    <main className="center-page">
      <div className="card auth-card" style={{ maxWidth: 560 }}>
        <div className="page-header">
          <div>
            <h1>Your clinics</h1>
            <p>Signed in as {user.email}</p>
          </div>
          <SignOutButton />
        </div>
        {clinics.length === 0 ? (
          <div className="empty">
            <h2>You are not on any clinic&apos;s team yet</h2>
            <p>Ask a clinic owner to invite you, or create a clinic below.</p>
          </div>
        ) : (
          <ul style={{ listStyle: "none", padding: 0, display: "grid", gap: "0.5rem" }}>
            {clinics.map((c) => (
              <li key={c.id}>
                <Link className="btn" style={{ width: "100%", justifyContent: "space-between" }} href={`/c/${c.slug}`}>
                  <span>{c.name}</span>
                  <span className="badge">{ROLE_LABELS[c.role]}</span>
                </Link>
              </li>
            ))}
          </ul>
        )}
        <h2 style={{ marginTop: "1.5rem" }}>Add a clinic</h2>
        <TRPCReactProvider>
          <AddClinicForm />
        </TRPCReactProvider>
      </div>
    </main>
  );
}

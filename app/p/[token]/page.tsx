import type { Metadata } from "next";
import { TRPCError } from "@trpc/server";
import { createCaller } from "@/server/root";
import { appDb } from "@/db/client";

export const metadata: Metadata = { title: "Your care plan", robots: { index: false } };

export default async function PatientLinkPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const caller = createCaller({ db: appDb(), user: null, clinicSlug: null, ip: null });
  const overview = await caller.portal.overview({ token: decodeURIComponent(token) }).catch((error: unknown) => {
    if (error instanceof TRPCError) return { error: error.message };
    throw error;
  });
  return (
    <main className="center-page">
      <div className="card auth-card">
        {"error" in overview ? (
          <>
            <h1>This link can&apos;t be opened</h1>
            <div className="alert alert-error" role="alert">{overview.error}</div>
          </>
        ) : (
          <>
            <p className="muted">{overview.clinic.name}</p>
            <h1>Hi {overview.firstName}</h1>
            <p>This is your personal page from {overview.clinic.name}. Your home-exercise plan will appear here once your physical therapist assigns it.</p>
            <p className="muted">
              Questions? {overview.clinic.phone ? `Call ${overview.clinic.phone}` : null}
              {overview.clinic.phone && overview.clinic.email ? " or email " : null}
              {overview.clinic.email ?? null}.
            </p>
            <p className="muted" style={{ fontSize: "0.85rem" }}>
              This link is personal and works until{" "}
              {new Intl.DateTimeFormat("en-US", { timeZone: overview.clinic.timeZone, dateStyle: "long" }).format(overview.expiresAt)}. Please don&apos;t share it.
            </p>
          </>
        )}
      </div>
    </main>
  );
}

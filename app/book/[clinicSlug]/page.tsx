import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { TRPCError } from "@trpc/server";
import { appDb } from "@/db/client";
import { ClinicLocaleProvider } from "@/app/_components/clinic-locale";
import { TRPCReactProvider } from "@/app/_lib/trpc";
import { bookingPausedMessage } from "@/server/billing/access";
import { createCaller } from "@/server/root";
import { ClinicInfo } from "./clinic-info";
import { BookingWizard } from "./booking-wizard";

// The page renders from the clinic alone (no free times: the date strip asks for them after first
// paint); cache() lets the metadata and the page share one lookup per request.
const loadClinic = cache(async (slug: string) => {
  const caller = createCaller({ db: appDb(), origin: "public", user: null, clinicSlug: null, ip: null });
  return caller.booking.clinic({ slug }).catch((error: unknown) => {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
});

export async function generateMetadata({ params }: { params: Promise<{ clinicSlug: string }> }): Promise<Metadata> {
  const clinic = await loadClinic((await params).clinicSlug);
  return { title: `Book at ${clinic.name}` };
}

export default async function BookPage({ params }: { params: Promise<{ clinicSlug: string }> }) {
  const clinic = await loadClinic((await params).clinicSlug);
  return (
    <TRPCReactProvider>
      <main className="book-page">
        <header className="book-header">
          <p className="muted">Online booking</p>
          <h1>{clinic.name}</h1>
        </header>
        <div className="book-layout">
          {clinic.bookingPaused ? (
            <section className="card" aria-labelledby="paused-h">
              <h2 id="paused-h">Online booking is paused</h2>
              <p>{bookingPausedMessage(clinic.name, clinic.phone)}</p>
            </section>
          ) : (
            <ClinicLocaleProvider locale={clinic.locale}>
              <BookingWizard clinic={clinic} />
            </ClinicLocaleProvider>
          )}
          <ClinicInfo clinic={clinic} />
        </div>
      </main>
    </TRPCReactProvider>
  );
}

import type { Metadata } from "next";
import { serverCaller } from "@/server/context";
import { HoursForm } from "./hours-form";

export const metadata: Metadata = { title: "Opening hours" };

export default async function HoursPage({ params }: { params: Promise<{ clinicSlug: string }> }) {
  const { clinicSlug } = await params;
  const clinic = await (await serverCaller(clinicSlug)).clinic.get();
  return (
    <section className="card" aria-labelledby="hours-h">
      <h2 id="hours-h">Opening hours</h2>
      <p className="muted">
        Times are in the clinic&apos;s time zone, {clinic.timeZone}. A day may have several intervals, e.g. a lunch
        break.
      </p>
      <HoursForm initial={clinic.openingHours} />
    </section>
  );
}

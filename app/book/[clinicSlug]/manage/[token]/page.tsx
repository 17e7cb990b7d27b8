import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { TRPCReactProvider } from "@/app/_lib/trpc";
import { appDb } from "@/db/client";
import { manageLinkMatchesSlug } from "@/server/booking/manage-online";
import { ManageAppointment } from "./manage-appointment";

export const metadata: Metadata = { title: "Your appointment", robots: { index: false } };

export default async function ManagePage({ params }: { params: Promise<{ clinicSlug: string; token: string }> }) {
  const { clinicSlug, token } = await params;
  let decoded = "";
  try {
    decoded = decodeURIComponent(token);
  } catch {
    notFound();
  }
  // Another clinic's address around this clinic's link: not found (its banner, its consent log).
  if ((await manageLinkMatchesSlug(appDb(), decoded, clinicSlug)) === false) notFound();
  return (
    <TRPCReactProvider>
      <main className="book-page" style={{ maxWidth: 720 }}>
        <ManageAppointment token={decoded} />
      </main>
    </TRPCReactProvider>
  );
}

import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { pathToken } from "@/app/_lib/path-token";
import { TRPCReactProvider } from "@/app/_lib/trpc";
import { appDb } from "@/db/client";
import { manageLinkMatchesSlug } from "@/server/booking/manage-online";
import { ManageAppointment } from "./manage-appointment";

export const metadata: Metadata = { title: "Your appointment", robots: { index: false } };

export default async function ManagePage({ params }: { params: Promise<{ clinicSlug: string; token: string }> }) {
  const { clinicSlug, token: raw } = await params;
  const token = pathToken(raw);
  // Another clinic's address around this clinic's link: not found (its banner, its consent log).
  if ((await manageLinkMatchesSlug(appDb(), token, clinicSlug)) === false) notFound();
  return (
    <TRPCReactProvider>
      <main className="book-page" style={{ maxWidth: 720 }}>
        <ManageAppointment token={token} />
      </main>
    </TRPCReactProvider>
  );
}

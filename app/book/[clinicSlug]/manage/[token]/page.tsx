import type { Metadata } from "next";
import { TRPCReactProvider } from "@/app/_lib/trpc";
import { ManageAppointment } from "./manage-appointment";

export const metadata: Metadata = { title: "Your appointment", robots: { index: false } };

export default async function ManagePage({ params }: { params: Promise<{ clinicSlug: string; token: string }> }) {
  const { token } = await params;
  return (
    <TRPCReactProvider>
      <main className="book-page" style={{ maxWidth: 720 }}>
        <ManageAppointment token={decodeURIComponent(token)} />
      </main>
    </TRPCReactProvider>
  );
}

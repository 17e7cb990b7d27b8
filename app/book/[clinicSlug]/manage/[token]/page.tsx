import type { Metadata } from "next";
import { pathToken } from "@/app/_lib/path-token";
import { TRPCReactProvider } from "@/app/_lib/trpc";
import { ManageAppointment } from "./manage-appointment";

export const metadata: Metadata = { title: "Your appointment", robots: { index: false } };

export default async function ManagePage({ params }: { params: Promise<{ clinicSlug: string; token: string }> }) {
  const { token } = await params;
  return (
    <TRPCReactProvider>
      <main className="book-page" style={{ maxWidth: 720 }}>
        <ManageAppointment token={pathToken(token)} />
      </main>
    </TRPCReactProvider>
  );
}

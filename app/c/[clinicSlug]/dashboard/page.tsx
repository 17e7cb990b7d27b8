import type { Metadata } from "next";
import { ComingSoon } from "@/app/_components/coming-soon";
import { requireRole } from "@/server/page-access";
import { OWNER_ONLY } from "@/server/trpc";

export const metadata: Metadata = { title: "Dashboard" };

export default async function Page({ params }: { params: Promise<{ clinicSlug: string }> }) {
  await requireRole((await params).clinicSlug, OWNER_ONLY);
  return <ComingSoon title="Dashboard" what="Utilization, no-shows, revenue, outcomes and adherence." />;
}

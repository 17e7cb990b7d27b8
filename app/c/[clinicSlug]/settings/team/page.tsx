import type { Metadata } from "next";
import { pageClinic } from "@/server/page-access";
import { TeamManager } from "./team-manager";

export const metadata: Metadata = { title: "Team" };

export default async function TeamPage({ params }: { params: Promise<{ clinicSlug: string }> }) {
  const { user } = await pageClinic((await params).clinicSlug);
  return <TeamManager currentUserId={user.id} />;
}

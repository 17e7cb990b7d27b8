import type { Metadata } from "next";
import { z } from "zod";
import { serverCaller } from "@/server/context";
import { requireRole } from "@/server/page-access";
import { OWNER_ONLY } from "@/server/trpc";
import { AuditLog } from "./audit-log";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({
  params,
  searchParams,
}: {
  params: Promise<{ clinicSlug: string }>;
  searchParams: Promise<{ patient?: string }>;
}) {
  const { clinic } = await requireRole((await params).clinicSlug, OWNER_ONLY);
  const caller = await serverCaller(clinic.slug);
  const patientId = z
    .string()
    .uuid()
    .safeParse((await searchParams).patient);
  const patient = patientId.success ? await caller.patients.get({ id: patientId.data }).catch(() => null) : null;
  const team = await caller.team.list();
  return (
    <AuditLog
      slug={clinic.slug}
      timeZone={clinic.timeZone}
      staff={team.map((m) => ({ id: m.userId, name: m.name }))}
      initialPatient={patient ? { id: patient.id, name: `${patient.firstName} ${patient.lastName}` } : null}
    />
  );
}

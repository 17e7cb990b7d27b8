"use client";
// Owners: "Who looked at this patient" — the latest reads and changes of this patient's data,
// with the full audit view and its CSV a click away.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { errorMessage, useTRPC } from "@/app/_lib/trpc";
import { AuditTable } from "../../settings/audit/audit-log";

export function PatientAccesses({ slug, timeZone, patientId }: { slug: string; timeZone: string; patientId: string }) {
  const trpc = useTRPC();
  const log = useQuery(trpc.audit.list.queryOptions({ patientId, limit: 10 }));
  return (
    <section className="card" aria-labelledby="accesses-h">
      <h2 id="accesses-h">Who looked at this patient</h2>
      {log.isError ? (
        <div className="alert alert-error" role="alert">
          {errorMessage(log.error)}
        </div>
      ) : log.data?.items.length ? (
        <AuditTable items={log.data.items} timeZone={timeZone} testId="patient-accesses" showPatients={false} />
      ) : (
        <p className="muted">{log.isPending ? "Loading…" : "Nobody yet."}</p>
      )}
      <div className="actions">
        <Link className="btn" href={`/c/${slug}/settings/audit?patient=${patientId}`}>
          Full audit log
        </Link>
        <a className="btn" href={`/c/${slug}/settings/audit/export?patient=${patientId}`} download>
          Export CSV
        </a>
      </div>
    </section>
  );
}

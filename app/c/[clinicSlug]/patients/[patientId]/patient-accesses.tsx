"use client";
// Owners: "Who looked at this patient" — each staff member (and the patient's own link) once,
// with how often and when last; the full audit view and its CSV a click away.
import { useClinicLocale } from "@/app/_components/clinic-locale";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { errorMessage, useTRPC } from "@/app/_lib/trpc";
import { actorLabel } from "@/server/audit-log/labels";
import { formatInstant } from "../../calendar/time";

export function PatientAccesses({ slug, timeZone, patientId }: { slug: string; timeZone: string; patientId: string }) {
  const trpc = useTRPC();
  const locale = useClinicLocale();
  const people = useQuery(trpc.audit.patientAccess.queryOptions({ patientId }));
  return (
    <section className="card" aria-labelledby="accesses-h">
      <h2 id="accesses-h">Who looked at this patient</h2>
      {people.isError ? (
        <div className="alert alert-error" role="alert">
          {errorMessage(people.error)}
        </div>
      ) : people.data?.length ? (
        <table className="table" data-testid="patient-accesses">
          <thead>
            <tr>
              <th>Who</th>
              <th>Accesses</th>
              <th>First</th>
              <th>Latest</th>
            </tr>
          </thead>
          <tbody>
            {people.data.map((p) => (
              <tr key={`${p.actor?.id ?? "none"}:${p.via ?? ""}`}>
                <td>{actorLabel(p)}</td>
                <td>{p.accesses}</td>
                <td>{formatInstant(p.firstAt, timeZone, locale)}</td>
                <td>{formatInstant(p.lastAt, timeZone, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">{people.isPending ? "Loading…" : "Nobody yet."}</p>
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

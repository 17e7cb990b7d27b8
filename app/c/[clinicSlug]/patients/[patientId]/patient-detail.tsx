"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { errorMessage, useTRPC } from "@/app/_lib/trpc";
import { PatientForm } from "../patient-form";
import { PatientAppointments } from "./patient-appointments";
import { PaymentsPanel } from "../../_payments/payments-panel";
import { PatientOutcomes } from "./patient-outcomes";
import { PatientPrograms } from "./patient-programs";
import { PersonName } from "@/app/_components/person-name";
import { MergedNotice, SelfBookedReview } from "./self-booked-review";

const ACTIONS: Record<string, string> = {
  "patient.create": "Created",
  "patient.update": "Updated",
  "patient.portal_link": "Patient link created",
  "patient.merge": "Self-booked record merged",
  "patient.keep_self_booked": "Kept as a new patient",
};

export function PatientDetail({
  slug,
  timeZone,
  patientId,
  justCreated,
  canEditPrograms,
  meId = null,
}: {
  /** Clinicians and owners: clinical notes, programs, outcomes and the plan link. The front desk: scheduling details. */
  slug: string;
  timeZone: string;
  patientId: string;
  justCreated: boolean;
  canEditPrograms: boolean;
  meId?: string | null;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState(false);
  const patient = useQuery(trpc.patients.get.queryOptions({ id: patientId }));
  const history = useQuery(trpc.patients.history.queryOptions({ id: patientId }));
  const update = useMutation(
    trpc.patients.update.mutationOptions({
      onSuccess: async () => {
        setSaved(true);
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.patients.get.queryKey({ id: patientId }) }),
          queryClient.invalidateQueries({ queryKey: trpc.patients.history.queryKey({ id: patientId }) }),
          queryClient.invalidateQueries({ queryKey: trpc.patients.list.queryKey() }),
        ]);
      },
    }),
  );
  const clinical = canEditPrograms;
  const link = useMutation(
    trpc.patients.portalLink.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.patients.history.queryKey({ id: patientId }) }),
    }),
  );
  const when = (d: Date) =>
    new Intl.DateTimeFormat("en-US", { timeZone, dateStyle: "medium", timeStyle: "short" }).format(d);

  if (patient.isPending)
    return (
      <div aria-busy="true">
        <div className="skeleton" style={{ height: "2rem", width: "40%" }} />
        <div className="skeleton" />
        <div className="skeleton" />
      </div>
    );
  if (patient.isError) {
    return (
      <div className="card empty">
        <h1>Patient not found</h1>
        <p>{errorMessage(patient.error)}</p>
        <Link className="btn" href={`/c/${slug}/patients`}>
          Back to patients
        </Link>
      </div>
    );
  }
  const p = patient.data;
  return (
    <>
      <div className="page-header">
        <div>
          <Link href={`/c/${slug}/patients`}>← Patients</Link>
          <h1>
            <PersonName first={p.firstName} last={p.lastName} />
          </h1>
          <p>Added {when(p.createdAt)}</p>
        </div>
      </div>
      <MergedNotice />
      {p.selfBookedAt ? <SelfBookedReview slug={slug} patientId={patientId} bookedAt={when(p.selfBookedAt)} /> : null}
      {justCreated && !saved ? (
        <div className="alert alert-ok" role="status">
          Patient created.
        </div>
      ) : null}
      {saved ? (
        <div className="alert alert-ok" role="status">
          Changes saved.
        </div>
      ) : null}
      <section className="card" aria-labelledby="details-h">
        <h2 id="details-h">Details</h2>
        <PatientForm
          key={p.updatedAt.toISOString()}
          initial={p}
          submitLabel="Save changes"
          showNotes={clinical}
          pending={update.isPending}
          error={update.error}
          onSubmit={(v) => {
            setSaved(false);
            update.mutate({ ...v, id: patientId });
          }}
        />
      </section>
      <PatientAppointments
        slug={slug}
        patientId={patientId}
        patientName={`${p.firstName} ${p.lastName}`}
        timeZone={timeZone}
      />
      <section className="card">
        <PaymentsPanel patientId={patientId} timeZone={timeZone} />
      </section>
      {clinical ? <PatientPrograms slug={slug} patientId={patientId} timeZone={timeZone} canEdit /> : null}
      {clinical ? <PatientOutcomes slug={slug} patientId={patientId} timeZone={timeZone} meId={meId} /> : null}
      {clinical ? (
        <section className="card" aria-labelledby="link-h">
          <h2 id="link-h">Patient link</h2>
          <p className="muted">
            A personal link the patient opens without a password. It is signed, works only for their own page and
            expires after 30 days.
          </p>
          {link.isError ? (
            <div className="alert alert-error" role="alert">
              {errorMessage(link.error)}
            </div>
          ) : null}
          {link.data ? (
            <div className="field">
              <label htmlFor="portal-link">
                Link for {p.firstName} (valid {link.data.days} days)
              </label>
              <div className="actions">
                <input
                  id="portal-link"
                  className="input"
                  readOnly
                  value={link.data.url}
                  onFocus={(e) => e.currentTarget.select()}
                  style={{ flex: 1 }}
                />
                <button
                  className="btn"
                  type="button"
                  onClick={() => void navigator.clipboard?.writeText(link.data.url)}
                >
                  Copy
                </button>
              </div>
            </div>
          ) : (
            <button
              className="btn"
              type="button"
              disabled={link.isPending}
              onClick={() => link.mutate({ id: patientId })}
            >
              {link.isPending ? "Creating…" : "Create patient link"}
            </button>
          )}
        </section>
      ) : null}
      <section className="card" aria-labelledby="history-h">
        <h2 id="history-h">History</h2>
        {history.data?.length ? (
          <ul>
            {history.data.map((h) => (
              <li key={h.id}>
                {ACTIONS[h.action] ?? h.action} {when(h.at)}
                {Array.isArray(h.details?.fields) && h.details.fields.length
                  ? ` — ${(h.details.fields as string[]).join(", ")}`
                  : ""}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{history.isPending ? "Loading…" : "No changes recorded."}</p>
        )}
      </section>
    </>
  );
}

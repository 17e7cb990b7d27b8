"use client";
// A patient's program: for a new one, first a choice of template (or a blank program); then the builder.
import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { errorMessage, useTRPC } from "@/app/_lib/trpc";
import { ProgramBuilder } from "./program-builder";
import { displayName } from "@/server/validation";

export function ProgramPage(props: {
  slug: string;
  patientId: string;
  programId: string | null;
  today: string;
  canEdit: boolean;
}) {
  const trpc = useTRPC();
  const patient = useQuery(trpc.patients.get.queryOptions({ id: props.patientId }));
  const [blank, setBlank] = useState(false);
  if (patient.isPending)
    return (
      <div aria-busy="true">
        <div className="skeleton" style={{ height: "2rem" }} />
      </div>
    );
  if (patient.isError)
    return (
      <div className="card empty">
        <h1>Patient not found</h1>
        <p>{errorMessage(patient.error)}</p>
      </div>
    );
  const name = `${displayName(patient.data.firstName)} ${displayName(patient.data.lastName)}`;
  if (!props.canEdit) {
    return (
      <div className="card empty">
        <h1>Programs are built by clinicians</h1>
        <p>Ask a clinician or the owner to change this program.</p>
        <Link className="btn" href={`/c/${props.slug}/patients/${props.patientId}`}>
          Back to {name}
        </Link>
      </div>
    );
  }
  if (props.programId === null && !blank)
    return <TemplateChoice {...props} patientName={name} onBlank={() => setBlank(true)} />;
  return (
    <ProgramBuilder
      slug={props.slug}
      patientId={props.patientId}
      programId={props.programId}
      today={props.today}
      patientName={name}
    />
  );
}

function TemplateChoice(props: {
  slug: string;
  patientId: string;
  today: string;
  patientName: string;
  onBlank: () => void;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const templates = useQuery(trpc.programs.templates.queryOptions());
  const create = useMutation(
    trpc.programs.save.mutationOptions({
      onSuccess: (saved) => router.replace(`/c/${props.slug}/patients/${props.patientId}/programs/${saved.id}`),
    }),
  );
  return (
    <>
      <div className="page-header">
        <div>
          <Link href={`/c/${props.slug}/patients/${props.patientId}`}>← {props.patientName}</Link>
          <h1>New program for {props.patientName}</h1>
          <p>Start from a template and adjust it, or start blank.</p>
        </div>
      </div>
      {create.error ? (
        <div className="alert alert-error" role="alert">
          {errorMessage(create.error)}
        </div>
      ) : null}
      <section className="card" aria-labelledby="tpl-h">
        <h2 id="tpl-h">Templates</h2>
        {templates.isPending ? (
          <div className="skeleton" style={{ height: "6rem" }} />
        ) : templates.isError ? (
          <div className="alert alert-error" role="alert">
            {errorMessage(templates.error)}
          </div>
        ) : (
          <ul className="tpl-list">
            {templates.data.map((t) => (
              <li key={t.id} className="tpl-card">
                <div>
                  <strong>{t.name}</strong>{" "}
                  {t.source === "clinic" ? <span className="badge">Clinic template</span> : null}
                  <p className="muted">{t.summary}</p>
                  <p className="muted">
                    {t.phases.map((p) => p.title).join(" → ")} · {t.phases.reduce((n, p) => n + p.items.length, 0)}{" "}
                    exercises
                  </p>
                </div>
                <button
                  type="button"
                  className="btn btn-primary"
                  disabled={create.isPending}
                  aria-label={`Use template ${t.name}`}
                  onClick={() =>
                    create.mutate({
                      patientId: props.patientId,
                      title: t.name,
                      startDate: props.today,
                      daysPerWeek: 5,
                      phases: t.phases,
                    })
                  }
                >
                  Use this template
                </button>
              </li>
            ))}
          </ul>
        )}
        <div className="actions">
          <button type="button" className="btn" onClick={props.onBlank}>
            Start blank
          </button>
        </div>
      </section>
    </>
  );
}

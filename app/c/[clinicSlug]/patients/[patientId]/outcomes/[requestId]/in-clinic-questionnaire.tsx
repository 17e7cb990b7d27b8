"use client";
// A questionnaire answered in clinic: staff open it on a tablet and hand it to the patient, who
// answers on the same form as the emailed link (larger text, no "save for later"). Then a short
// "done" screen with the score and a way back to the patient. In the kiosk (`kiosk`), there are
// no links back: only "Return to staff", which asks for the staff member's password.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { QuestionnaireAnswers, ScoreLine } from "@/app/_components/outcomes/questionnaire-answers";
import { QuestionnaireForm } from "@/app/_components/outcomes/questionnaire-form";
import { errorMessage, useTRPC } from "@/app/_lib/trpc";
import type { Answers } from "@/server/outcomes/types";
import type { SubmitResult } from "@/server/outcomes/views";
import { ReturnToStaff } from "@/app/_components/kiosk";

type Props = { slug: string; timeZone: string; patientId: string; requestId: string; kiosk?: boolean };

export function InClinicQuestionnaire({ slug, timeZone, patientId, requestId, kiosk = false }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const query = useQuery({ ...trpc.outcomes.inClinic.queryOptions({ requestId }), retry: false });
  const [done, setDone] = useState<{ result: SubmitResult; answers: Answers } | null>(null);
  const submit = useMutation(
    trpc.outcomes.submitInClinic.mutationOptions({
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.outcomes.pathKey() }),
    }),
  );
  const back = `/c/${slug}/patients/${patientId}`;
  const day = (d: Date) =>
    new Intl.DateTimeFormat("en-US", { timeZone, weekday: "short", month: "short", day: "numeric" }).format(d);

  if (query.isPending) {
    return (
      <div className="card" aria-busy="true" aria-label="Loading the questionnaire">
        <div className="skeleton" style={{ height: "2rem" }} />
        <div className="skeleton" style={{ height: "12rem" }} />
      </div>
    );
  }
  if (query.isError) {
    return (
      <div className="card empty">
        <h1>This questionnaire can&apos;t be opened</h1>
        <div className="alert alert-error" role="alert">
          {errorMessage(query.error)}
        </div>
        {kiosk ? (
          <ReturnToStaff />
        ) : (
          <Link className="btn" href={back}>
            Back to the patient
          </Link>
        )}
      </div>
    );
  }

  const view = query.data;
  const backLink = kiosk ? (
    <ReturnToStaff />
  ) : (
    <Link className="btn q-big" href={back}>
      Back to {view.patientFirstName}&apos;s record
    </Link>
  );

  if (done) {
    return (
      <div className="q-staff">
        <div className="card">
          <h1>Done — thank you, {view.patientFirstName}</h1>
          <p>Please hand the tablet back to the front desk or your physical therapist.</p>
          <ScoreLine instrument={view.instrument} result={done.result} />
          <div className="actions">{backLink}</div>
        </div>
        <details className="card">
          <summary>What was answered</summary>
          <QuestionnaireAnswers
            instrument={view.instrument}
            answers={done.answers}
            result={null}
            title="Answers"
            headingLevel={3}
          />
        </details>
      </div>
    );
  }

  if (view.state !== "open") {
    const why =
      view.state === "submitted" && view.submitted
        ? `${view.patientFirstName} already answered this on ${day(view.submitted.completedAt)} (${view.submitted.source === "staff" ? "in clinic" : "from the emailed link"}).`
        : view.state === "closed"
          ? `This questionnaire closed on ${day(view.closesAt)}, unanswered.`
          : view.state === "cancelled"
            ? "This questionnaire was cancelled, so there is nothing to answer."
            : view.state === "scheduled"
              ? `This questionnaire is not due until ${day(view.dueAt)}. To ask it now, use “Answer in clinic” on ${view.patientFirstName}’s page.`
              : "This questionnaire has already been answered.";
    return (
      <div className="q-staff">
        <div className="card">
          <h1>
            {view.instrument.name} · {view.occasionLabel}
          </h1>
          <p>{why}</p>
          {view.submitted ? (
            <QuestionnaireAnswers
              instrument={view.instrument}
              answers={view.submitted.answers}
              result={view.submitted}
              title="Answers"
            />
          ) : null}
          <div className="actions">{backLink}</div>
        </div>
      </div>
    );
  }

  return (
    <div className="q-staff">
      <div className="page-header">
        <div>
          {kiosk ? null : <Link href={back}>← Back without answering</Link>}
          <h1>Hand the tablet to {view.patientFirstName}</h1>
          <p>
            {view.instrument.name} · {view.occasionLabel}
          </p>
        </div>
      </div>
      <section className="card q-card" aria-label={view.instrument.name}>
        <QuestionnaireForm
          view={view}
          mode="staff"
          onSubmit={async (answers) => {
            const result = await submit.mutateAsync({ requestId, answers });
            setDone({ result, answers });
            window.scrollTo({ top: 0 });
          }}
          submitting={submit.isPending}
          serverError={submit.error ? errorMessage(submit.error) : null}
        />
      </section>
      {kiosk ? <ReturnToStaff /> : null}
    </div>
  );
}

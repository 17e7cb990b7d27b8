"use client";
// The patient's questionnaire from their emailed link (no password): answer it (or save and come
// back), then a thank-you with what was sent. A link used twice, a closed or cancelled request
// shows what happened instead of a form. Mobile first.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { QuestionnaireAnswers } from "@/app/_components/outcomes/questionnaire-answers";
import { QuestionnaireForm } from "@/app/_components/outcomes/questionnaire-form";
import { errorMessage, useTRPC } from "@/app/_lib/trpc";
import type { Answers } from "@/server/outcomes/types";
import type { QuestionnaireView, SubmitResult } from "@/server/outcomes/views";

/** Dates on the page are the clinic's. */
const clinicZone = (view: QuestionnaireView): string => view.clinic.timeZone;

const dayLabel = (d: Date, timeZone: string | undefined) =>
  new Intl.DateTimeFormat("en-US", { timeZone, weekday: "long", month: "long", day: "numeric" }).format(d);

const errorCode = (error: unknown) => (error as { data?: { code?: string } } | null)?.data?.code;

export function QuestionnairePage({ token }: { token: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const query = useQuery({ ...trpc.questionnaire.get.queryOptions({ token }), retry: false });
  // Sent already, closed or withdrawn (another tab or device): show that page instead of the form.
  const onConflict = (error: unknown) => {
    if (errorCode(error) === "CONFLICT")
      void queryClient.invalidateQueries({ queryKey: trpc.questionnaire.get.queryKey({ token }) });
  };
  const saveDraft = useMutation(trpc.questionnaire.saveDraft.mutationOptions({ onError: onConflict }));
  const submit = useMutation(trpc.questionnaire.submit.mutationOptions({ onError: onConflict }));
  const [sent, setSent] = useState<{ result: SubmitResult; answers: Answers } | null>(null);

  if (query.isPending) {
    return (
      <div className="card" aria-busy="true" aria-label="Loading your questionnaire">
        <div className="skeleton" style={{ height: "1rem", width: "40%" }} />
        <div className="skeleton" style={{ height: "2rem", width: "60%" }} />
        <div className="skeleton" style={{ height: "12rem" }} />
      </div>
    );
  }
  if (query.isError) {
    const badLink = errorCode(query.error) === "UNAUTHORIZED";
    return (
      <div className="card">
        <h1>{badLink ? "This link can\u2019t be opened" : "Something went wrong"}</h1>
        <div className="alert alert-error" role="alert">
          {errorMessage(query.error)}
        </div>
        {badLink ? (
          <p className="muted">Ask your clinic to send you a new link.</p>
        ) : (
          <button type="button" className="btn" onClick={() => void query.refetch()}>
            Try again
          </button>
        )}
      </div>
    );
  }

  const view = query.data;
  const zone = clinicZone(view);
  // "PhysioFIT Bend on (541) 697-4700": a phone number in brackets would read "((541) …)".
  const contact = `${view.clinic.name}${view.clinic.phone ? ` on ${view.clinic.phone}` : ""}`;
  const conflict = submit.error && errorCode(submit.error) === "CONFLICT" ? errorMessage(submit.error) : null;

  const header = (
    <header className="plan-header q-header">
      <p className="muted">{view.clinic.name}</p>
      <h1>Hi {view.patientFirstName}</h1>
      <p>
        {view.instrument.name} · {view.occasionLabel}
      </p>
    </header>
  );

  // The patient's other questionnaires open now (sent in the same email): one tap to the next.
  const others =
    view.others.length > 0 ? (
      <nav className="card q-others" aria-labelledby="q-others-h">
        <h2 id="q-others-h">
          {view.others.length === 1 ? "One more questionnaire" : `${view.others.length} more questionnaires`}
        </h2>
        <ul>
          {view.others.map((o) => (
            <li key={o.token}>
              <Link className="btn btn-primary q-big" href={`/q/${encodeURIComponent(o.token)}`}>
                Answer the {o.instrumentName}
              </Link>
              <span className="muted"> {o.occasionLabel}</span>
            </li>
          ))}
        </ul>
      </nav>
    ) : null;

  if (sent) {
    return (
      <>
        {header}
        <div className="card">
          <div className="alert alert-ok" role="status">
            <strong>Thank you — your answers were sent to {view.clinic.name}.</strong>{" "}
            {view.others.length > 0 ? "There is more to answer below." : "You can close this page."}
          </div>
          <QuestionnaireAnswers instrument={view.instrument} answers={sent.answers} result={sent.result} />
        </div>
        {others}
      </>
    );
  }

  if (view.state === "submitted" && view.submitted) {
    return (
      <>
        {header}
        <div className="card">
          {conflict ? (
            <div className="alert alert-info" role="status">
              {conflict}
            </div>
          ) : null}
          <p>
            You sent this on {dayLabel(view.submitted.completedAt, zone)}. Thank you
            {view.others.length > 0 ? "." : " — there is nothing more to do."}
          </p>
          <QuestionnaireAnswers instrument={view.instrument} answers={view.submitted.answers} result={view.submitted} />
        </div>
        {others}
      </>
    );
  }

  if (view.state === "closed" || view.state === "cancelled" || view.state === "submitted") {
    return (
      <>
        {header}
        <div className="card">
          {view.state === "cancelled" ? (
            <p>This questionnaire is no longer needed, so there is nothing to answer. Thank you.</p>
          ) : view.state === "closed" ? (
            <p>
              This questionnaire closed on {dayLabel(view.closesAt, zone)}. Contact {contact} if you&apos;d like to
              answer it.
            </p>
          ) : (
            <p>This questionnaire has already been answered. Thank you.</p>
          )}
          {view.submitted ? (
            <QuestionnaireAnswers
              instrument={view.instrument}
              answers={view.submitted.answers}
              result={view.submitted}
            />
          ) : null}
        </div>
      </>
    );
  }

  return (
    <>
      {header}
      <section className="card q-card" aria-label={view.instrument.name}>
        <p className="muted q-due">Please answer by {dayLabel(view.closesAt, zone)}.</p>
        <QuestionnaireForm
          view={view}
          mode="patient"
          onSaveDraft={async (answers) => (await saveDraft.mutateAsync({ token, answers })).draftSavedAt}
          onSubmit={async (answers) => {
            const result = await submit.mutateAsync({ token, answers });
            setSent({ result, answers });
            window.scrollTo({ top: 0 });
          }}
          submitting={submit.isPending}
          serverError={submit.error ? errorMessage(submit.error) : null}
        />
      </section>
      <p className="muted plan-footer">
        Questions? Contact {contact}. This link is personal; please don&apos;t share it.
      </p>
    </>
  );
}

"use client";
// The patient's plan from their emailed link (no password): today's exercises to tick off — of a
// phased plan, the current phase's, with when the next one starts — a pain rating and a comment,
// and a clean printable handout. Before the first day it says when the plan starts. Mobile first.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { PlanView } from "@/app/_components/program/plan-view";
import { longDay, phaseWords } from "@/app/_components/program/plan-words";
import { errorMessage, useTRPC } from "@/app/_lib/trpc";

export function PatientPlan({ token }: { token: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const plan = useQuery({ ...trpc.plan.today.queryOptions({ token }), retry: false });
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.plan.today.queryKey() });
  const setDone = useMutation(trpc.plan.setDone.mutationOptions({ onSuccess: refresh }));
  const feedback = useMutation(trpc.plan.feedback.mutationOptions({ onSuccess: refresh }));
  const [pain, setPain] = useState<number | null>(null);
  const [comment, setComment] = useState("");
  // A tick shows at once; the server's answer confirms it (or the tick is undone with the error shown).
  const [ticked, setTicked] = useState<Record<string, boolean>>({});

  if (plan.isPending)
    return (
      <div className="card" aria-busy="true">
        <div className="skeleton" style={{ height: "2rem" }} />
        <div className="skeleton" style={{ height: "10rem" }} />
      </div>
    );
  if (plan.isError) {
    return (
      <div className="card">
        <h1>This link can&apos;t be opened</h1>
        <div className="alert alert-error" role="alert">
          {errorMessage(plan.error)}
        </div>
        <p className="muted">Ask your clinic to send you a new link.</p>
      </div>
    );
  }
  const d = plan.data;
  const program = d.program;
  const items = program?.phases.flatMap((p) => p.items) ?? [];
  const isDone = (i: { itemId: string; doneToday: boolean }) => ticked[i.itemId] ?? i.doneToday;
  const done = items.filter(isDone).length;
  const dayLabel = new Intl.DateTimeFormat("en-US", {
    timeZone: "UTC",
    weekday: "long",
    month: "long",
    day: "numeric",
  }).format(new Date(`${d.today}T12:00:00Z`));
  const shownPain = pain ?? d.feedbackToday?.pain ?? null;
  const phase = program?.phase ? phaseWords(program.phase, d.today) : null;
  const contact = [d.clinic.phone ? `call ${d.clinic.phone}` : null, d.clinic.email ? `email ${d.clinic.email}` : null]
    .filter(Boolean)
    .join(" or ");

  return (
    <>
      <header className="plan-header">
        <p className="muted">{d.clinic.name}</p>
        <h1>Hi {d.firstName}</h1>
        {program ? (
          <p>
            {program.title}
            {program.clinicianName ? ` · from ${program.clinicianName}` : ""}
          </p>
        ) : null}
      </header>
      {!program ? (
        <div className="card">
          <p>
            Your physical therapist hasn’t assigned an exercise plan yet. It will appear here, and you’ll get an email.
          </p>
          {contact ? <p className="muted">Questions? {contact[0]!.toUpperCase() + contact.slice(1)}.</p> : null}
        </div>
      ) : (
        <>
          {phase ? (
            <section className="card plan-phase-now" aria-label="Your phase">
              <p>
                <strong>{phase.now}</strong>
              </p>
              {phase.next ? <p className="muted">{phase.next}.</p> : null}
            </section>
          ) : null}
          {!program.started ? (
            <section className="card plan-today" aria-labelledby="today-h">
              <h2 id="today-h">Your plan starts {longDay(program.startDate)}</h2>
              <p>Here is what you’ll do from then. You can tick exercises off from the first day.</p>
            </section>
          ) : (
            <section className="card plan-today no-print" aria-labelledby="today-h">
              <h2 id="today-h">Today, {dayLabel}</h2>
              <p aria-live="polite">
                <strong>
                  {done} of {items.length}
                </strong>{" "}
                exercises done{done === items.length && items.length > 0 ? " — well done!" : ""}
              </p>
              <div
                className="plan-progress"
                role="progressbar"
                aria-label="Exercises done today"
                aria-valuemin={0}
                aria-valuemax={items.length}
                aria-valuenow={done}
              >
                <span style={{ width: `${items.length ? (done / items.length) * 100 : 0}%` }} />
              </div>
              {setDone.error ? (
                <div className="alert alert-error" role="alert">
                  {errorMessage(setDone.error)}
                </div>
              ) : null}
            </section>
          )}
          <PlanView
            phases={program.phases.map((p, pi) => ({
              key: String(pi),
              title: p.title,
              notes: p.notes,
              items: p.items.map((it) => ({
                key: it.itemId,
                name: it.exercise.name,
                imageUrl: it.exercise.imageUrl,
                dosage: it.dosage,
                note: it.note,
                steps: it.exercise.steps,
                cues: it.exercise.cues,
              })),
            }))}
            renderAction={(item) => {
              if (!program.started) return null;
              const it = items.find((x) => x.itemId === item.key)!;
              const on = isDone(it);
              return (
                <label className={`plan-tick no-print${on ? " plan-tick-done" : ""}`}>
                  <input
                    type="checkbox"
                    checked={on}
                    onChange={(e) => {
                      const value = e.target.checked;
                      setTicked((t) => ({ ...t, [it.itemId]: value }));
                      // Once the server has answered (and the plan is re-read), its value shows again.
                      const settle = () =>
                        setTicked((t) => {
                          const { [it.itemId]: _settled, ...rest } = t;
                          return rest;
                        });
                      setDone.mutate(
                        { token, itemId: it.itemId, day: d.today, done: value },
                        { onSuccess: settle, onError: settle },
                      );
                    }}
                  />
                  {on ? "Done today" : "Mark done"}
                  <span className="visually-hidden">: {item.name}</span>
                </label>
              );
            }}
          />
          {program.started ? (
            <section className="card no-print" aria-labelledby="pain-h">
              <h2 id="pain-h">How was your pain today?</h2>
              <form
                onSubmit={(e) => {
                  e.preventDefault();
                  if (shownPain !== null)
                    feedback.mutate({ token, day: d.today, pain: shownPain, comment: comment.trim() || undefined });
                }}
              >
                <fieldset className="pain-scale">
                  <legend>Pain from 0 (none) to 10 (worst imaginable)</legend>
                  {Array.from({ length: 11 }, (_, n) => (
                    <label key={n} className={shownPain === n ? "pain-on" : undefined}>
                      <input type="radio" name="pain" value={n} checked={shownPain === n} onChange={() => setPain(n)} />
                      {n}
                    </label>
                  ))}
                </fieldset>
                <div className="field">
                  <label htmlFor="plan-comment">Comment for your physical therapist (optional)</label>
                  <textarea
                    id="plan-comment"
                    rows={2}
                    maxLength={1000}
                    value={comment}
                    onChange={(e) => setComment(e.target.value)}
                    placeholder={d.feedbackToday?.comment ?? ""}
                  />
                </div>
                {feedback.error ? (
                  <div className="alert alert-error" role="alert">
                    {errorMessage(feedback.error)}
                  </div>
                ) : null}
                {feedback.isSuccess ? (
                  <div className="alert alert-ok" role="status">
                    Thanks — saved for today.
                  </div>
                ) : null}
                <button type="submit" className="btn btn-primary" disabled={shownPain === null || feedback.isPending}>
                  {feedback.isPending ? "Saving…" : "Save"}
                </button>
              </form>
            </section>
          ) : null}
          <div className="actions no-print">
            <button type="button" className="btn" onClick={() => window.print()}>
              Print this plan
            </button>
          </div>
          <p className="muted plan-footer">
            {d.clinic.name}
            {contact ? ` · ${contact}` : ""}. This link is personal; please don’t share it.
          </p>
        </>
      )}
    </>
  );
}

"use client";
// The emails of one appointment, for the front desk: what went out and when, what is scheduled,
// what failed (with the provider's answer) and what was not sent and why.
import { useClinicLocale } from "@/app/_components/clinic-locale";
import { useQuery } from "@tanstack/react-query";
import { KIND_LABELS, skipReasonLabel, STATE_LABELS } from "@/app/_components/message-labels";
import { errorMessage, useTRPC } from "@/app/_lib/trpc";
import { formatInstant } from "./time";

export function AppointmentMessages({ appointmentId, timeZone }: { appointmentId: string; timeZone: string }) {
  const trpc = useTRPC();
  const locale = useClinicLocale();
  const query = useQuery({
    ...trpc.messages.forAppointment.queryOptions({ appointmentId }),
    // While something is due or on its way, look again shortly: the worker sends within seconds.
    refetchInterval: (q) =>
      q.state.data?.messages.some(
        (m) => m.state === "sending" || (m.state === "pending" && m.dueAt.getTime() <= Date.now()),
      )
        ? 2_000
        : false,
  });
  return (
    <section className="cal-messages" aria-labelledby={`msgs-${appointmentId}`} aria-busy={query.isPending}>
      <h3 id={`msgs-${appointmentId}`}>Emails to the patient</h3>
      {query.isPending ? (
        <div className="skeleton" style={{ height: "2.5rem" }} />
      ) : query.isError ? (
        <div className="alert alert-error" role="alert">
          {errorMessage(query.error)}
        </div>
      ) : (
        <>
          {!query.data.email.deliverable ? (
            <p className="alert alert-warn" role="note">
              {query.data.email.address
                ? `“${query.data.email.address}” is not a valid email address`
                : "No email address on file"}
              : no confirmation or reminder will be sent. Add one on the patient’s page.
            </p>
          ) : query.data.email.optedOut ? (
            <p className="muted" role="note">
              The patient opted out of reminders; confirmations and changes are still emailed.
            </p>
          ) : null}
          {query.data.messages.length === 0 ? (
            <p className="muted">No emails for this appointment.</p>
          ) : (
            <ul className="cal-message-list">
              {query.data.messages.map((m) => (
                <li key={m.id}>
                  <span className={`badge msg-state-${m.state}`}>{STATE_LABELS[m.state]}</span>{" "}
                  <strong>{KIND_LABELS[m.kind]}</strong>
                  <span className="muted">
                    {" · "}
                    {m.state === "sent" && m.sentAt
                      ? `sent ${formatInstant(m.sentAt, timeZone, locale)}`
                      : m.state === "pending"
                        ? `due ${formatInstant(m.dueAt, timeZone, locale)}`
                        : formatInstant(m.dueAt, timeZone, locale)}
                    {m.state === "skipped" && m.skipReason ? ` · ${skipReasonLabel(m.skipReason)}` : ""}
                    {m.state === "failed" || (m.attempts > 1 && m.state !== "sent")
                      ? ` · ${m.attempts} attempt${m.attempts === 1 ? "" : "s"}`
                      : ""}
                  </span>
                  {m.state === "failed" && m.lastError ? <div className="field-error">{m.lastError}</div> : null}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

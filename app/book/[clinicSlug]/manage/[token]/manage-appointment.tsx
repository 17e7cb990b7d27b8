"use client";
// The patient's "manage my appointment" page: see it, move it (MovePicker asks before moving) or
// cancel it. Each outcome's message belongs to the last thing done: a cancel replaces "Moved".
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ClinicLocaleProvider } from "@/app/_components/clinic-locale";
import { errorMessage, useTRPC } from "@/app/_lib/trpc";
import { MovePicker } from "./move-picker";

/** Only a booked appointment wears the brand colour; cancelled is red, the rest grey. */
const badgeClass = (status: string) =>
  status === "booked" ? "badge" : status === "cancelled" ? "badge badge-cancelled" : "badge badge-muted";

export function ManageAppointment({ token }: { token: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [moving, setMoving] = useState(false);
  // While a payment at booking is being confirmed (Stripe's webhook), the page checks again every few seconds.
  const appt = useQuery(
    trpc.booking.manage.queryOptions(
      { token },
      { retry: false, refetchInterval: (q) => (q.state.data?.status === "pending_payment" ? 3000 : false) },
    ),
  );
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.booking.manage.queryKey() });
  /** The last change made here; its message replaces the one before. */
  const [done, setDone] = useState<"moved" | "cancelled" | null>(null);
  const finished = (what: "moved" | "cancelled") => async () => {
    setDone(what);
    setMoving(false);
    await refresh();
  };
  const reschedule = useMutation(
    trpc.booking.reschedule.mutationOptions({ onMutate: () => setDone(null), onSuccess: finished("moved") }),
  );
  const cancel = useMutation(
    trpc.booking.cancel.mutationOptions({ onMutate: () => setDone(null), onSuccess: finished("cancelled") }),
  );

  if (appt.isPending)
    return (
      <div aria-busy="true">
        <div className="skeleton" style={{ height: "2rem" }} />
        <div className="skeleton" />
      </div>
    );
  if (appt.isError) {
    return (
      <div className="card">
        <h1>This link can&apos;t be opened</h1>
        <div className="alert alert-error" role="alert">
          {errorMessage(appt.error)}
        </div>
      </div>
    );
  }
  const a = appt.data;
  const tz = a.clinic.timeZone;
  return (
    <>
      <p className="muted">{a.clinic.name}</p>
      <h1>Your appointment</h1>
      {cancel.isError && !done ? (
        <div className="alert alert-error" role="alert">
          {errorMessage(cancel.error)}
        </div>
      ) : null}
      {reschedule.isError && !done ? (
        <div className="alert alert-error" role="alert">
          {errorMessage(reschedule.error)}
        </div>
      ) : null}
      {done === "moved" && a.status === "booked" ? (
        <div className="alert alert-ok" role="status">
          Moved. We have kept your new time.
        </div>
      ) : null}
      {done === "cancelled" && a.status === "cancelled" ? (
        <div className="alert alert-info" role="status">
          Your appointment is cancelled.
        </div>
      ) : null}
      <section className="card">
        <p>
          <strong>{a.typeName}</strong> with {a.clinicianName}
        </p>
        <p>{a.whenLabel}</p>
        <p>
          Status: <span className={badgeClass(a.status)}>{a.status.replace("_", " ")}</span>
        </p>
        {a.status === "booked" && a.changeable ? (
          <div className="actions">
            <button className="btn" type="button" onClick={() => setMoving((m) => !m)} aria-expanded={moving}>
              Change time
            </button>
            <button
              className="btn btn-danger"
              type="button"
              disabled={cancel.isPending}
              onClick={() => {
                if (window.confirm("Cancel this appointment?")) cancel.mutate({ token });
              }}
            >
              {cancel.isPending ? "Cancelling…" : "Cancel appointment"}
            </button>
          </div>
        ) : a.status === "pending_payment" ? (
          <p role="status">
            Waiting for your payment to be confirmed: this page updates by itself. If you left the payment page, the
            time is released after 15 minutes.
          </p>
        ) : a.status === "booked" ? (
          <p className="muted">
            Changes online close {a.noticeHours} hours before the appointment.{" "}
            {a.clinic.phone ? `Please call ${a.clinic.phone}.` : ""}
          </p>
        ) : null}
      </section>
      {moving && a.status === "booked" ? (
        <ClinicLocaleProvider locale={a.clinic.locale}>
          <MovePicker
            token={token}
            timeZone={tz}
            clinicianName={a.clinicianName}
            pending={reschedule.isPending}
            onMove={(startsAt) => reschedule.mutate({ token, startsAt })}
          />
        </ClinicLocaleProvider>
      ) : null}
      <p>
        {/* A full page load: the booking page brings its own tag policy (app/_components/consent/public-shell.tsx). */}
        <a href={`/book/${a.clinic.slug}`}>Book another appointment</a>
      </p>
    </>
  );
}

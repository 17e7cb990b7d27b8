"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { errorMessage, useTRPC } from "@/app/_lib/trpc";
import { runStarts } from "@/server/scheduling/availability";

const DAY = 86_400_000;

export function ManageAppointment({ token }: { token: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [moving, setMoving] = useState(false);
  const [from] = useState(() => new Date());
  // While a payment at booking is being confirmed (Stripe's webhook), the page checks again every few seconds.
  const appt = useQuery(
    trpc.booking.manage.queryOptions(
      { token },
      { retry: false, refetchInterval: (q) => (q.state.data?.status === "pending_payment" ? 3000 : false) },
    ),
  );
  const slots = useQuery({
    ...trpc.booking.manageSlots.queryOptions({ token, from, to: new Date(from.getTime() + 14 * DAY) }),
    enabled: moving,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.booking.manage.queryKey() });
  const cancel = useMutation(trpc.booking.cancel.mutationOptions({ onSuccess: refresh }));
  const reschedule = useMutation(
    trpc.booking.reschedule.mutationOptions({
      onSuccess: async () => {
        setMoving(false);
        await refresh();
      },
    }),
  );
  const starts = useMemo(() => {
    const c = slots.data?.[0];
    return c ? runStarts(c.runs, c.stepMinutes).slice(0, 60) : [];
  }, [slots.data]);

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
  const label = (d: Date) =>
    new Intl.DateTimeFormat("en-US", {
      timeZone: tz,
      weekday: "short",
      month: "short",
      day: "numeric",
      hour: "numeric",
      minute: "2-digit",
    }).format(d);
  return (
    <>
      <p className="muted">{a.clinic.name}</p>
      <h1>Your appointment</h1>
      {cancel.isError ? (
        <div className="alert alert-error" role="alert">
          {errorMessage(cancel.error)}
        </div>
      ) : null}
      {reschedule.isError ? (
        <div className="alert alert-error" role="alert">
          {errorMessage(reschedule.error)}
        </div>
      ) : null}
      {reschedule.isSuccess ? (
        <div className="alert alert-ok" role="status">
          Moved. We have kept your new time.
        </div>
      ) : null}
      <section className="card">
        <p>
          <strong>{a.typeName}</strong> with {a.clinicianName}
        </p>
        <p>{a.whenLabel}</p>
        <p>
          Status: <span className="badge">{a.status === "cancelled" ? "cancelled" : a.status.replace("_", " ")}</span>
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
      {moving ? (
        <section className="card" aria-labelledby="move-h">
          <h2 id="move-h">Pick a new time</h2>
          <p className="muted">
            Times in the clinic&apos;s time zone ({tz.replaceAll("_", " ")}), with {a.clinicianName}.
          </p>
          {slots.isPending ? (
            <div className="skeleton" />
          ) : starts.length === 0 ? (
            <p>No free times in the next two weeks. Please call the clinic.</p>
          ) : (
            <div className="slot-grid">
              {starts.map((s) => (
                <button
                  key={s.getTime()}
                  type="button"
                  className="btn btn-small"
                  disabled={reschedule.isPending}
                  onClick={() => reschedule.mutate({ token, startsAt: s })}
                >
                  {label(s)}
                </button>
              ))}
            </div>
          )}
        </section>
      ) : null}
      <p>
        {/* A full page load: the booking page brings its own tag policy (app/_components/consent/public-shell.tsx). */}
        <a href={`/book/${a.clinic.slug}`}>Book another appointment</a>
      </p>
    </>
  );
}

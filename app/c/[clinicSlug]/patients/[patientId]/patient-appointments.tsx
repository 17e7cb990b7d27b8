"use client";
// The patient's appointments on their page: upcoming and past with status, each opening its day on
// the calendar, and "Book an appointment" (the calendar, with this patient already chosen).
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { errorMessage, useTRPC } from "@/app/_lib/trpc";
import { STATUS_LABELS } from "../../calendar/model";
import { localDate } from "../../calendar/time";

type Row = {
  id: string;
  startsAt: Date;
  endsAt: Date;
  status: keyof typeof STATUS_LABELS;
  clinicianName: string;
  typeName: string;
  cancelReason: string | null;
};

export function PatientAppointments({
  slug,
  patientId,
  patientName,
  timeZone,
}: {
  slug: string;
  patientId: string;
  patientName: string;
  timeZone: string;
}) {
  const trpc = useTRPC();
  const list = useQuery(trpc.scheduling.forPatient.queryOptions({ patientId }));
  // dateStyle cannot be combined with weekday (a RangeError), so the parts are named one by one.
  const when = (d: Date) =>
    new Intl.DateTimeFormat("en-US", {
      timeZone,
      weekday: "short",
      month: "short",
      day: "numeric",
      year: "numeric",
      hour: "numeric",
      minute: "2-digit",
    }).format(d);
  return (
    <section className="card" aria-labelledby="appts-h">
      <div className="card-head">
        <h2 id="appts-h">Appointments</h2>
        <Link className="btn btn-primary btn-small" href={`/c/${slug}/calendar?book=${patientId}`}>
          Book an appointment<span className="visually-hidden"> for {patientName}</span>
        </Link>
      </div>
      {list.isPending ? (
        <div aria-busy="true">
          <div className="skeleton" />
        </div>
      ) : list.isError ? (
        <div className="alert alert-error" role="alert">
          {errorMessage(list.error)}
        </div>
      ) : (
        <>
          <h3 id="appts-upcoming-h">Upcoming</h3>
          {list.data.upcoming.length ? (
            <AppointmentList
              rows={list.data.upcoming}
              labelledBy="appts-upcoming-h"
              slug={slug}
              when={when}
              tz={timeZone}
            />
          ) : (
            <p className="muted">No upcoming appointments.</p>
          )}
          <h3 id="appts-past-h">Past</h3>
          {list.data.past.length ? (
            <>
              <AppointmentList rows={list.data.past} labelledBy="appts-past-h" slug={slug} when={when} tz={timeZone} />
              {list.data.pastTotal > list.data.past.length ? (
                <p className="muted">
                  The latest {list.data.past.length} of {list.data.pastTotal} past appointments.
                </p>
              ) : null}
            </>
          ) : (
            <p className="muted">No past appointments.</p>
          )}
        </>
      )}
    </section>
  );
}

function AppointmentList(props: {
  rows: Row[];
  labelledBy: string;
  slug: string;
  tz: string;
  when: (d: Date) => string;
}) {
  return (
    <ul className="appt-list" aria-labelledby={props.labelledBy}>
      {props.rows.map((a) => (
        <li key={a.id} className={`appt-row appt-${a.status}`}>
          <Link href={`/c/${props.slug}/calendar?view=day&date=${localDate(a.startsAt, props.tz)}`}>
            {props.when(a.startsAt)}
          </Link>
          <span>
            {a.typeName} with {a.clinicianName}
          </span>
          <span className={`badge appt-status-${a.status}`}>{STATUS_LABELS[a.status]}</span>
          {a.status === "cancelled" && a.cancelReason ? <span className="muted">({a.cancelReason})</span> : null}
        </li>
      ))}
    </ul>
  );
}

"use client";
// One appointment: who, what, when and its status, with the front desk's actions — check in,
// complete, no-show, reschedule (date, time, clinician) and cancel with a reason — and its emails.
import { useClinicLocale } from "@/app/_components/clinic-locale";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { errorMessage, useTRPC } from "@/app/_lib/trpc";
import { AppointmentMessages } from "./appointment-messages";
import { PaymentsPanel } from "../_payments/payments-panel";
import { Dialog } from "@/app/_components/dialog";
import {
  patientName,
  STATUS_LABELS,
  type Appointment,
  type AppointmentStatus,
  type ApptType,
  type Clinician,
} from "./model";
import { SlotError } from "./slot-error";
import { formatInstant, hhmm, localDate, minutesOfDay, wallTimeToUtc } from "./time";

type Settable = Exclude<AppointmentStatus, "cancelled" | "pending_payment">;
/** The moves the server allows from each status (server/scheduling/manage.ts), as buttons. */
const STATUS_ACTIONS: Record<AppointmentStatus, { to: Settable; label: string; done: string }[]> = {
  booked: [
    { to: "checked_in", label: "Check in", done: "Checked in" },
    { to: "completed", label: "Completed", done: "Marked completed:" },
    { to: "no_show", label: "No-show", done: "Marked no-show:" },
  ],
  checked_in: [
    { to: "completed", label: "Completed", done: "Marked completed:" },
    { to: "no_show", label: "No-show", done: "Marked no-show:" },
    { to: "booked", label: "Undo check-in", done: "Check-in undone:" },
  ],
  no_show: [{ to: "booked", label: "Undo no-show", done: "No-show undone:" }],
  completed: [{ to: "checked_in", label: "Reopen", done: "Reopened:" }],
  cancelled: [],
  pending_payment: [],
};

export function AppointmentPanel(props: {
  appt: Appointment;
  type: ApptType | undefined;
  clinicians: Clinician[];
  timeZone: string;
  slug: string;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const { appt, type, clinicians, timeZone, slug, onClose, onDone } = props;
  const trpc = useTRPC();
  const locale = useClinicLocale();
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<"view" | "reschedule" | "cancel">("view");
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.scheduling.calendar.queryKey() });
  const setStatus = useMutation(trpc.scheduling.setStatus.mutationOptions({ onSuccess: refresh }));
  const name = patientName(appt);
  const clinician = clinicians.find((c) => c.id === appt.clinicianId)?.name ?? "A former team member";
  const end = new Intl.DateTimeFormat("en-US", { timeZone, hour: "numeric", minute: "2-digit" }).format(appt.endsAt);

  return (
    <Dialog title={name} onClose={onClose}>
      <dl className="cal-facts">
        <dt>Patient</dt>
        <dd>
          <Link href={`/c/${slug}/patients/${appt.patientId}`}>{name}</Link>
          {appt.patientSelfBooked ? (
            <>
              {" "}
              <span className="badge">Self-booked</span>{" "}
              <Link href={`/c/${slug}/patients/${appt.patientId}`}>
                {appt.patientPossibleMatch ? "Possible match — review" : "Review"}
              </Link>
            </>
          ) : null}
        </dd>
        <dt>Type</dt>
        <dd>
          {type?.name ?? "Appointment"}
          {type ? ` (${type.durationMinutes} min)` : ""}
        </dd>
        <dt>When</dt>
        <dd>
          {formatInstant(appt.startsAt, timeZone, locale)} – {end}
        </dd>
        <dt>Clinician</dt>
        <dd>{clinician}</dd>
        <dt>Status</dt>
        <dd>
          <span className={`badge cal-badge-${appt.status}`}>{STATUS_LABELS[appt.status]}</span>
          {appt.source === "online" ? " · booked online" : ""}
        </dd>
        {appt.notes ? (
          <>
            <dt>Notes</dt>
            <dd>{appt.notes}</dd>
          </>
        ) : null}
        {appt.cancelReason ? (
          <>
            <dt>Cancel reason</dt>
            <dd>{appt.cancelReason}</dd>
          </>
        ) : null}
      </dl>

      <AppointmentMessages appointmentId={appt.id} timeZone={timeZone} />
      <PaymentsPanel patientId={appt.patientId} appointmentId={appt.id} timeZone={timeZone} />

      {mode === "view" ? (
        <>
          {setStatus.error ? (
            <div className="alert alert-error" role="alert">
              {errorMessage(setStatus.error)}
            </div>
          ) : null}
          <div className="actions">
            {STATUS_ACTIONS[appt.status].map((a) => (
              <button
                key={a.to}
                type="button"
                className={a.to === "checked_in" && appt.status === "booked" ? "btn btn-primary" : "btn"}
                disabled={setStatus.isPending}
                onClick={() =>
                  setStatus.mutate({ id: appt.id, status: a.to }, { onSuccess: () => onDone(`${a.done} ${name}.`) })
                }
              >
                {a.label}
              </button>
            ))}
            {appt.status === "booked" ? (
              <button type="button" className="btn" onClick={() => setMode("reschedule")}>
                Reschedule
              </button>
            ) : null}
            {appt.status !== "cancelled" && appt.status !== "completed" ? (
              <button type="button" className="btn btn-danger" onClick={() => setMode("cancel")}>
                Cancel appointment
              </button>
            ) : null}
          </div>
        </>
      ) : mode === "reschedule" ? (
        <RescheduleForm
          appt={appt}
          clinicians={clinicians}
          timeZone={timeZone}
          onBack={() => setMode("view")}
          onDone={onDone}
        />
      ) : (
        <CancelForm appt={appt} onBack={() => setMode("view")} onDone={onDone} />
      )}
    </Dialog>
  );
}

function RescheduleForm({
  appt,
  clinicians,
  timeZone,
  onBack,
  onDone,
}: {
  appt: Appointment;
  clinicians: Clinician[];
  timeZone: string;
  onBack: () => void;
  onDone: (m: string) => void;
}) {
  const trpc = useTRPC();
  const locale = useClinicLocale();
  const queryClient = useQueryClient();
  const [date, setDate] = useState(localDate(appt.startsAt, timeZone));
  const [time, setTime] = useState(hhmm(minutesOfDay(appt.startsAt, timeZone)));
  const [clinicianId, setClinicianId] = useState(appt.clinicianId);
  const move = useMutation(
    trpc.scheduling.reschedule.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.scheduling.calendar.queryKey() }),
    }),
  );
  function pick(at: Date) {
    setDate(localDate(at, timeZone));
    setTime(hhmm(minutesOfDay(at, timeZone)));
    move.reset();
  }
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!date || !/^\d{2}:\d{2}$/.test(time)) return;
    const startsAt = wallTimeToUtc(date, time, timeZone);
    move.mutate(
      { id: appt.id, startsAt, clinicianId: clinicianId === appt.clinicianId ? undefined : clinicianId },
      { onSuccess: (row) => onDone(`Moved ${patientName(appt)} to ${formatInstant(row.startsAt, timeZone, locale)}.`) },
    );
  }
  return (
    <form className="form" onSubmit={submit} aria-label="Reschedule" noValidate>
      <h3>Reschedule</h3>
      <div className="form-row">
        <div className="field">
          <label htmlFor="cal-rs-date">New date</label>
          <input
            id="cal-rs-date"
            type="date"
            value={date}
            onChange={(e) => setDate(e.target.value)}
            required
            autoFocus
          />
        </div>
        <div className="field">
          <label htmlFor="cal-rs-time">New start time</label>
          <input
            id="cal-rs-time"
            type="time"
            step={300}
            value={time}
            onChange={(e) => setTime(e.target.value)}
            required
          />
        </div>
      </div>
      <div className="field">
        <label htmlFor="cal-rs-clinician">Clinician</label>
        <select id="cal-rs-clinician" value={clinicianId} onChange={(e) => setClinicianId(e.target.value)}>
          {clinicians.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      <SlotError error={move.error} timeZone={timeZone} onPick={pick} />
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={move.isPending}>
          {move.isPending ? "Moving…" : "Move appointment"}
        </button>
        <button type="button" className="btn" onClick={onBack}>
          Back
        </button>
      </div>
    </form>
  );
}

function CancelForm({ appt, onBack, onDone }: { appt: Appointment; onBack: () => void; onDone: (m: string) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState("");
  const [byClinic, setByClinic] = useState(false);
  const [missing, setMissing] = useState(false);
  const cancel = useMutation(
    trpc.scheduling.cancel.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.scheduling.calendar.queryKey() }),
    }),
  );
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!reason.trim()) return setMissing(true);
    setMissing(false);
    cancel.mutate(
      { id: appt.id, reason: reason.trim(), byClinic },
      { onSuccess: () => onDone(`Cancelled ${patientName(appt)}'s appointment.`) },
    );
  }
  return (
    <form className="form" onSubmit={submit} aria-label="Cancel appointment" noValidate>
      <h3>Cancel appointment</h3>
      {cancel.error ? (
        <div className="alert alert-error" role="alert">
          {errorMessage(cancel.error)}
        </div>
      ) : null}
      <div className="field">
        <label htmlFor="cal-cancel-reason">Reason for cancelling</label>
        <textarea
          id="cal-cancel-reason"
          rows={2}
          required
          autoFocus
          value={reason}
          onChange={(e) => {
            setReason(e.target.value);
            setMissing(false);
          }}
          aria-invalid={missing ? true : undefined}
          aria-describedby={missing ? "cal-cancel-reason-error" : undefined}
        />
        {missing ? (
          <span className="field-error" id="cal-cancel-reason-error" role="alert">
            Give a reason for cancelling
          </span>
        ) : null}
      </div>
      <label className="check">
        <input type="checkbox" checked={byClinic} onChange={(e) => setByClinic(e.target.checked)} /> The clinic cancels
        (any deposit is refunded, no fee)
      </label>
      <div className="actions">
        <button type="submit" className="btn btn-danger" disabled={cancel.isPending}>
          {cancel.isPending ? "Cancelling…" : "Cancel appointment"}
        </button>
        <button type="button" className="btn" onClick={onBack}>
          Keep appointment
        </button>
      </div>
    </form>
  );
}

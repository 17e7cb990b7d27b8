"use client";
// Booking from a free cell: type, clinician and start prefilled, a patient found or added, and
// optionally a weekly repeat whose refused occurrences are listed with their reasons.
import { useClinicLocale } from "@/app/_components/clinic-locale";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { errorMessage, useTRPC } from "@/app/_lib/trpc";
import { Dialog } from "@/app/_components/dialog";
import type { ApptType, Clinician } from "./model";
import { PatientPicker, type PickedPatient } from "./patient-picker";
import { PaymentAsk, paymentAsked, type PaymentChoice } from "./payment-ask";
import { SlotError } from "./slot-error";
import { DAY_KEYS, dayKey, formatInstant, hhmm, localDate, minutesOfDay, wallTimeToUtc, type DayKey } from "./time";

export type BookingTarget = { clinicianId: string; date: string; minute: number };
type Occurrence = { startsAt: Date; booked: boolean; reason?: string };
const DAY_SHORT: Record<DayKey, string> = {
  mon: "Mon",
  tue: "Tue",
  wed: "Wed",
  thu: "Thu",
  fri: "Fri",
  sat: "Sat",
  sun: "Sun",
};

export function BookingDialog(props: {
  target: BookingTarget;
  timeZone: string;
  clinicians: Clinician[];
  types: ApptType[];
  /** Booking for this patient (from their page): the search is skipped. */
  patient?: PickedPatient | null;
  onClose: () => void;
  /** The appointment's id, so the calendar can put focus on its block. */
  onBooked: (message: string, appointmentId?: string) => void;
}) {
  const { target, timeZone, clinicians, types, onClose, onBooked } = props;
  const trpc = useTRPC();
  const locale = useClinicLocale();
  const queryClient = useQueryClient();
  const [patient, setPatient] = useState<PickedPatient | null>(props.patient ?? null);
  // Once a patient is chosen, focus moves to "Book" (the search it came from is gone): Type, Enter, Enter.
  const bookButton = useRef<HTMLButtonElement>(null);
  const justPicked = useRef(false);
  useEffect(() => {
    if (justPicked.current && patient) bookButton.current?.focus();
    justPicked.current = false;
  }, [patient]);
  const choosePatient = (p: PickedPatient | null) => {
    justPicked.current = p !== null;
    setPatient(p);
  };
  const [typeId, setTypeId] = useState(types[0]?.id ?? "");
  const [clinicianId, setClinicianId] = useState(target.clinicianId);
  const [date, setDate] = useState(target.date);
  const [time, setTime] = useState(hhmm(target.minute));
  const [notes, setNotes] = useState("");
  const [repeat, setRepeat] = useState(false);
  const [weekdays, setWeekdays] = useState<DayKey[]>([dayKey(target.date)]);
  const [weeks, setWeeks] = useState(6);
  const [problem, setProblem] = useState<string | null>(null);
  const [series, setSeries] = useState<{
    booked: number;
    results: Occurrence[];
    payment: { label: string } | null;
  } | null>(null);

  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.scheduling.calendar.queryKey() });
  const book = useMutation(trpc.scheduling.book.mutationOptions({ onSuccess: refresh }));
  const bookSeries = useMutation(trpc.scheduling.bookRecurring.mutationOptions({ onSuccess: refresh }));
  const pending = book.isPending || bookSeries.isPending;

  function pickTime(at: Date) {
    setDate(localDate(at, timeZone));
    setTime(hhmm(minutesOfDay(at, timeZone)));
    book.reset();
  }

  function bookOnce(payment?: PaymentChoice) {
    if (!patient) return setProblem("Choose a patient, or add a new one.");
    if (!/^\d{2}:\d{2}$/.test(time) || !date) return setProblem("Enter a date and a start time.");
    setProblem(null);
    const input = {
      clinicianId,
      patientId: patient.id,
      typeId,
      startsAt: wallTimeToUtc(date, time, timeZone),
      notes: notes.trim() || undefined,
    };
    const type = types.find((t) => t.id === typeId)?.name ?? "Appointment";
    const who = clinicians.find((c) => c.id === clinicianId)?.name ?? "";
    if (repeat) {
      bookSeries.mutate({ ...input, weekdays, weeks, payment }, { onSuccess: (r) => setSeries(r) });
    } else {
      book.mutate(
        { ...input, payment },
        {
          onSuccess: (row) => {
            const paid =
              row.payment?.action === "link"
                ? ` Payment link for ${row.payment.label} emailed to ${row.payment.to}.`
                : row.payment?.action === "skip"
                  ? ` Booked without ${row.payment.label}.`
                  : "";
            onBooked(
              `Booked ${patient.name}: ${type} with ${who}, ${formatInstant(row.startsAt, timeZone, locale)}.${paid}`,
              row.id,
            );
          },
        },
      );
    }
  }

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    bookOnce();
  }
  const asked = repeat ? paymentAsked(bookSeries.error) : paymentAsked(book.error);

  if (series) {
    return (
      <Dialog title="Repeat booking" onClose={onClose}>
        <p role="status">
          Booked {series.booked} of {series.results.length} appointments for {patient?.name}.
          {series.payment ? ` Booked without ${series.payment.label}.` : ""}
        </p>
        <ul className="cal-series">
          {series.results.map((r) => (
            <li key={r.startsAt.getTime()} className={r.booked ? "cal-series-ok" : "cal-series-no"}>
              {formatInstant(r.startsAt, timeZone, locale)} —{" "}
              {r.booked ? "booked" : `not booked: ${r.reason ?? "unavailable"}`}
            </li>
          ))}
        </ul>
        <div className="actions">
          <button type="button" className="btn btn-primary" onClick={onClose}>
            Done
          </button>
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog title="Book an appointment" onClose={onClose} wide>
      <PatientPicker value={patient} onChange={choosePatient} />
      <form className="form cal-book-form" onSubmit={submit} aria-label="Book an appointment" noValidate>
        <div className="form-row">
          <div className="field">
            <label htmlFor="cal-type">Appointment type</label>
            <select id="cal-type" value={typeId} onChange={(e) => setTypeId(e.target.value)}>
              {types.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name} ({t.durationMinutes} min)
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="cal-clinician">Clinician</label>
            <select id="cal-clinician" value={clinicianId} onChange={(e) => setClinicianId(e.target.value)}>
              {clinicians.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="form-row">
          <div className="field">
            <label htmlFor="cal-date">Date</label>
            <input id="cal-date" type="date" value={date} onChange={(e) => setDate(e.target.value)} required />
          </div>
          <div className="field">
            <label htmlFor="cal-time">Start time</label>
            <input
              id="cal-time"
              type="time"
              step={300}
              value={time}
              onChange={(e) => setTime(e.target.value)}
              required
            />
          </div>
        </div>
        <div className="field">
          <label htmlFor="cal-notes">Notes</label>
          <textarea id="cal-notes" rows={2} value={notes} onChange={(e) => setNotes(e.target.value)} />
        </div>
        <fieldset className="cal-repeat">
          <legend>
            <label>
              <input type="checkbox" checked={repeat} onChange={(e) => setRepeat(e.target.checked)} /> Repeat weekly
            </label>
          </legend>
          {repeat ? (
            <>
              <div className="actions" role="group" aria-label="Repeat on">
                {DAY_KEYS.map((d) => (
                  <label key={d} className="cal-day-check">
                    <input
                      type="checkbox"
                      checked={weekdays.includes(d)}
                      onChange={(e) => setWeekdays((w) => (e.target.checked ? [...w, d] : w.filter((x) => x !== d)))}
                    />
                    {DAY_SHORT[d]}
                  </label>
                ))}
              </div>
              <div className="field cal-weeks">
                <label htmlFor="cal-weeks">Number of weeks</label>
                <input
                  id="cal-weeks"
                  type="number"
                  min={1}
                  max={26}
                  value={weeks}
                  onChange={(e) => setWeeks(Number(e.target.value))}
                />
              </div>
            </>
          ) : null}
        </fieldset>
        {types.length === 0 ? (
          <div className="alert alert-error" role="alert">
            No appointment types are offered yet: add one in Settings → Scheduling.
          </div>
        ) : null}
        {problem ? (
          <div className="alert alert-error" role="alert">
            {problem}
          </div>
        ) : null}
        {bookSeries.error && !asked ? (
          <div className="alert alert-error" role="alert">
            {errorMessage(bookSeries.error)}
          </div>
        ) : null}
        {asked ? (
          <PaymentAsk asked={asked} pending={pending} onChoose={bookOnce} />
        ) : book.error ? (
          <SlotError error={book.error} timeZone={timeZone} onPick={pickTime} />
        ) : null}
        <div className="actions">
          <button ref={bookButton} type="submit" className="btn btn-primary" disabled={pending}>
            {pending ? "Booking…" : repeat ? "Book series" : "Book"}
          </button>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}

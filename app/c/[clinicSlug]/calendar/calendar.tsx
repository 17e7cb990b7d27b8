"use client";
// The front-desk calendar: reads the visible range, lays it out once per change of data or view,
// and opens the booking dialog or an appointment's panel. Drag-and-drop moves land here too.
import { useClinicLocale } from "@/app/_components/clinic-locale";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useMemo, useRef, useState } from "react";
import { errorMessage, useTRPC } from "@/app/_lib/trpc";
import { AppointmentPanel } from "./appointment-panel";
import { BookingDialog, type BookingTarget } from "./booking-dialog";
import { CalendarGrid } from "./grid";
import type { LaneHandlers } from "./lane";
import { buildLanes, layoutBlocks, patientName, visibleDates, type Lane, type View } from "./model";
import { SlotError } from "./slot-error";
import { addDays, formatInstant, hhmm, wallTimeToUtc } from "./time";
import { Toolbar } from "./toolbar";

type Move = { id: string; clinicianId: string; startsAt: Date };

export function Calendar(props: {
  slug: string;
  timeZone: string;
  canManageTeam: boolean;
  today: string;
  initialView: View;
  initialDate: string;
  /** From a patient's page: the next free time clicked books for this patient. */
  bookForId?: string;
}) {
  const { slug, timeZone, today } = props;
  const trpc = useTRPC();
  const locale = useClinicLocale();
  const queryClient = useQueryClient();
  const [view, setView] = useState<View>(props.initialView);
  const [date, setDate] = useState(props.initialDate);
  const [clinicianId, setClinicianId] = useState<string | null>(null);
  const [showCancelled, setShowCancelled] = useState(false);
  const [booking, setBooking] = useState<BookingTarget | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [flash, setFlash] = useState<string | null>(null);
  const [bookForId, setBookForId] = useState(props.bookForId ?? null);
  const bookFor = useQuery({ ...trpc.patients.get.queryOptions({ id: bookForId ?? "" }), enabled: Boolean(bookForId) });
  const bookForPatient =
    bookForId && bookFor.data
      ? { id: bookFor.data.id, name: `${bookFor.data.firstName} ${bookFor.data.lastName}`, email: bookFor.data.email }
      : null;

  useEffect(() => {
    window.history.replaceState(null, "", `?view=${view}&date=${date}`);
  }, [view, date]);

  const dates = useMemo(() => visibleDates(view, date), [view, date]);
  const range = useMemo(
    () => ({
      from: wallTimeToUtc(dates[0]!, "00:00", timeZone),
      to: wallTimeToUtc(addDays(dates[dates.length - 1]!, 1), "00:00", timeZone),
    }),
    [dates, timeZone],
  );
  const calendar = useQuery({ ...trpc.scheduling.calendar.queryOptions(range), placeholderData: keepPreviousData });
  const clinic = useQuery(trpc.clinic.get.queryOptions());
  const data = calendar.data;

  const types = useMemo(() => new Map((data?.types ?? []).map((t) => [t.id, t])), [data?.types]);
  const lanes = useMemo(
    () =>
      buildLanes(view, dates, data?.clinicians ?? [], clinicianId, clinic.data?.openingHours, {
        closures: data?.closures ?? [],
        timeOff: data?.timeOff ?? [],
        timeZone,
      }),
    [view, dates, data?.clinicians, clinicianId, clinic.data?.openingHours, data?.closures, data?.timeOff, timeZone],
  );
  const blocks = useMemo(
    () => layoutBlocks(data?.appointments ?? [], lanes, timeZone, showCancelled),
    [data?.appointments, lanes, timeZone, showCancelled],
  );

  const move = useMutation(
    trpc.scheduling.reschedule.mutationOptions({
      onSuccess: async (row, input) => {
        const appt = data?.appointments.find((a) => a.id === input.id);
        setFlash(
          `Moved ${appt ? patientName(appt) : "the appointment"} to ${formatInstant(row.startsAt, timeZone, locale)}.`,
        );
        await queryClient.invalidateQueries({ queryKey: trpc.scheduling.calendar.queryKey() });
      },
    }),
  );
  const [lastMove, setLastMove] = useState<Move | null>(null);
  const doMove = (m: Move) => {
    const appt = data?.appointments.find((a) => a.id === m.id);
    setFlash(null);
    setLastMove(m);
    move.mutate({
      id: m.id,
      startsAt: m.startsAt,
      clinicianId: appt && appt.clinicianId === m.clinicianId ? undefined : m.clinicianId,
    });
  };

  // Handlers the memoised grid keeps for its lifetime; they read the latest state through a ref.
  const latest = useRef({ doMove, timeZone });
  useEffect(() => {
    latest.current = { doMove, timeZone };
  });
  const handlers = useMemo<LaneHandlers>(
    () => ({
      onCell: (lane: Lane, minute: number) => setBooking({ clinicianId: lane.clinicianId, date: lane.date, minute }),
      onBlock: (id: string) => setSelectedId(id),
      onMove: (id: string, lane: Lane, minute: number) =>
        latest.current.doMove({
          id,
          clinicianId: lane.clinicianId,
          startsAt: wallTimeToUtc(lane.date, hhmm(minute), latest.current.timeZone),
        }),
    }),
    [],
  );

  function step(direction: -1 | 0 | 1) {
    setDate(direction === 0 ? today : addDays(date, direction * (view === "day" ? 1 : 7)));
  }

  const selected = selectedId ? data?.appointments.find((a) => a.id === selectedId) : undefined;
  // After a booking, focus goes to the new block (once the refreshed calendar has drawn it), not <body>.
  const [focusId, setFocusId] = useState<string | null>(null);
  useEffect(() => {
    if (!focusId) return;
    const block = document.querySelector<HTMLElement>(`[data-appointment-id="${focusId}"]`);
    if (block) {
      block.focus();
      block.scrollIntoView({ block: "nearest" });
      setFocusId(null);
    }
  }, [focusId, blocks]);
  const done = (message: string, appointmentId?: string) => {
    setFlash(message);
    setBooking(null);
    setSelectedId(null);
    if (appointmentId) {
      setFocusId(appointmentId);
      setBookForId(null);
    }
  };

  return (
    <>
      <div className="page-header">
        <div>
          <h1>Calendar</h1>
          <p>
            Click a free time to book; click an appointment to check in, move or cancel it. Drag an appointment to move
            it. From the keyboard: Tab into a column, arrow keys to move, Enter to book or open.
          </p>
        </div>
      </div>
      <Toolbar
        view={view}
        dates={dates}
        timeZone={timeZone}
        clinicians={data?.clinicians ?? []}
        clinicianId={clinicianId}
        showCancelled={showCancelled}
        onView={setView}
        onStep={step}
        onDate={setDate}
        onClinician={setClinicianId}
        onShowCancelled={setShowCancelled}
      />
      {bookForPatient ? (
        <div className="alert cal-book-for" role="status">
          Booking for <strong>{bookForPatient.name}</strong>: choose a free time.{" "}
          <button type="button" className="btn btn-small" onClick={() => setBookForId(null)}>
            Stop
          </button>
        </div>
      ) : null}
      {flash ? (
        <div className="alert alert-ok" role="status">
          {flash}
        </div>
      ) : null}
      {move.error && lastMove ? (
        <SlotError
          error={move.error}
          timeZone={timeZone}
          pickLabel="Move to"
          onPick={(at) => doMove({ ...lastMove, startsAt: at })}
        />
      ) : null}
      {calendar.isError ? (
        <div className="alert alert-error" role="alert">
          {errorMessage(calendar.error)}{" "}
          <button type="button" className="btn btn-small" onClick={() => void calendar.refetch()}>
            Try again
          </button>
        </div>
      ) : null}
      {clinic.isError ? (
        <div className="alert alert-error" role="alert">
          {errorMessage(clinic.error)}
        </div>
      ) : null}

      {calendar.isPending || clinic.isPending ? (
        <div className="card cal-loading" aria-busy="true" aria-label="Loading the calendar">
          {Array.from({ length: 8 }, (_, i) => (
            <div className="skeleton" key={i} style={{ height: "2.2rem" }} />
          ))}
        </div>
      ) : data && data.clinicians.length === 0 ? (
        <div className="card empty">
          <h2>No one takes appointments yet</h2>
          <p>
            Invite a clinician, or turn on “Takes appointments” for an owner, in Settings → Team: their columns will
            appear here.
          </p>
          {props.canManageTeam ? (
            <Link className="btn" href={`/c/${slug}/settings/team`}>
              Go to Team
            </Link>
          ) : null}
        </div>
      ) : data ? (
        <div className="card cal-card" aria-busy={calendar.isFetching || move.isPending}>
          <CalendarGrid
            view={view}
            lanes={lanes}
            blocks={blocks}
            types={types}
            today={today}
            timeZone={timeZone}
            handlers={handlers}
          />
        </div>
      ) : null}

      {booking && data ? (
        <BookingDialog
          target={booking}
          timeZone={timeZone}
          clinicians={data.clinicians}
          types={data.types.filter((t) => t.active)}
          patient={bookForPatient}
          onClose={() => setBooking(null)}
          onBooked={done}
        />
      ) : null}
      {selected && data ? (
        <AppointmentPanel
          key={`${selected.id}:${selected.status}`}
          appt={selected}
          type={types.get(selected.typeId)}
          clinicians={data.clinicians}
          timeZone={timeZone}
          slug={slug}
          onClose={() => setSelectedId(null)}
          onDone={done}
        />
      ) : null}
    </>
  );
}

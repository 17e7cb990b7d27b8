"use client";
// "Change time" on the manage page: the same date strip and day times as booking, up to the
// horizon, with this appointment's clinician. Picking a time only asks "Move to …?"; the move
// happens on "Yes, move".
import { keepPreviousData, skipToken, useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useTRPC } from "@/app/_lib/trpc";
import { dayBounds } from "@/server/booking/days";
import { localDateTime } from "@/server/scheduling/zoned-time";
import { DayChoice } from "../../_day-picker/day-choice";
import { useClinicLocale } from "@/app/_components/clinic-locale";
import { dateShort, timeLabel } from "../../_day-picker/labels";
import { PAGE_DAYS, useChosenDay, useWeek } from "../../_day-picker/use-day-paging";

export function MovePicker(props: {
  token: string;
  timeZone: string;
  clinicianName: string;
  pending: boolean;
  onMove: (startsAt: Date) => void;
}) {
  const trpc = useTRPC();
  const week = useWeek(props.timeZone);
  const summary = useQuery({
    ...trpc.booking.manageDays.queryOptions({ token: props.token, from: week.from, days: PAGE_DAYS }),
    placeholderData: keepPreviousData,
  });
  const picked = useChosenDay(week, summary.isPlaceholderData ? undefined : summary.data);
  const { day } = picked;
  const times = useQuery(
    trpc.booking.manageSlots.queryOptions(day ? { token: props.token, ...dayBounds(day, props.timeZone) } : skipToken),
  );
  const [chosen, setChosen] = useState<Date | null>(null);
  const question = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (!chosen) return;
    question.current?.scrollIntoView({ block: "center" });
    question.current?.focus({ preventScroll: true });
  }, [chosen]);
  const tz = props.timeZone;
  const locale = useClinicLocale();

  return (
    <section className="card" aria-labelledby="move-h">
      <h2 id="move-h">Pick a new time</h2>
      <p className="muted">
        Times in the clinic&apos;s time zone ({tz.replaceAll("_", " ")}), with {props.clinicianName}.
      </p>
      <DayChoice
        week={week}
        summary={summary}
        chosen={{
          ...picked,
          setDay: (d) => {
            picked.setDay(d);
            setChosen(null);
          },
        }}
        times={times}
        timeZone={tz}
        selected={chosen}
        disabled={props.pending}
        onSelect={setChosen}
        empty={<p>No free times these days. Try later days, or call the clinic.</p>}
      />
      {chosen ? (
        <div className="card move-confirm" role="group" aria-labelledby="move-q">
          <h3 id="move-q" ref={question} tabIndex={-1}>
            Move to {dateShort(localDateTime(chosen, tz).date)}, {timeLabel(chosen, tz, locale)}?
          </h3>
          <div className="actions">
            <button
              type="button"
              className="btn btn-primary"
              disabled={props.pending}
              onClick={() => props.onMove(chosen)}
            >
              {props.pending ? "Moving…" : "Yes, move"}
            </button>
            <button type="button" className="btn" disabled={props.pending} onClick={() => setChosen(null)}>
              Keep my current time
            </button>
          </div>
        </div>
      ) : null}
    </section>
  );
}

"use client";
// Step 3: a date strip (a week at a time, up to the horizon) and the chosen day's free times. Only
// the shown week's per-day counts and the chosen day's times are fetched.
import { keepPreviousData, skipToken, useQuery } from "@tanstack/react-query";
import { forwardRef } from "react";
import { useTRPC } from "@/app/_lib/trpc";
import { dayBounds } from "@/server/booking/days";
import { DayChoice } from "../_day-picker/day-choice";
import { PAGE_DAYS, useChosenDay, useWeek } from "../_day-picker/use-day-paging";

type Props = {
  slug: string;
  typeId: string;
  clinicianId: string;
  timeZone: string;
  zoneLabel: string;
  selected: Date | null;
  /** A booking error about the time (it was just taken): shown here, where the next choice is made. */
  problem: string | null;
  onSelect: (startsAt: Date) => void;
};

export const TimeStep = forwardRef<HTMLHeadingElement, Props>(function TimeStep(props, headingRef) {
  const trpc = useTRPC();
  const clinicianId = props.clinicianId === "any" ? undefined : props.clinicianId;
  const week = useWeek(props.timeZone);
  const summary = useQuery({
    ...trpc.booking.days.queryOptions({
      slug: props.slug,
      typeId: props.typeId,
      clinicianId,
      from: week.from,
      days: PAGE_DAYS,
    }),
    placeholderData: keepPreviousData,
  });
  const chosen = useChosenDay(week, summary.isPlaceholderData ? undefined : summary.data);
  const { day } = chosen;
  const times = useQuery(
    trpc.booking.slots.queryOptions(
      day ? { slug: props.slug, typeId: props.typeId, clinicianId, ...dayBounds(day, props.timeZone) } : skipToken,
    ),
  );

  return (
    <section className="card" aria-labelledby="step-time">
      <h2 id="step-time" ref={headingRef} tabIndex={-1}>
        3. Pick a time
      </h2>
      <p className="muted">
        Times shown in the clinic&apos;s time zone: <strong>{props.zoneLabel}</strong>.
      </p>
      {props.problem ? (
        <div className="alert alert-error" role="alert">
          {props.problem}
        </div>
      ) : null}
      <DayChoice
        week={week}
        summary={summary}
        chosen={chosen}
        times={times}
        timeZone={props.timeZone}
        selected={props.selected}
        onSelect={props.onSelect}
        empty={
          <div className="empty">
            <h3>No free times these days</h3>
            <p>Try later days, another clinician, or call the clinic.</p>
          </div>
        }
      />
    </section>
  );
});

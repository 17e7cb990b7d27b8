"use client";
// The date strip and the chosen day's times, with their loading, error and empty states: one piece
// for booking (step 3) and for "Change time" on the manage page, which differ only in what they fetch
// and what a picked time does.
import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { errorMessage } from "@/app/_lib/trpc";
import { distinctStarts, type FreeDays } from "@/server/booking/days";
import type { ClinicianRuns } from "@/server/scheduling/availability";
import { DateStrip } from "./date-strip";
import { DayTimes } from "./day-times";
import type { Week } from "./use-day-paging";

export function DayChoice(props: {
  week: Week;
  summary: UseQueryResult<FreeDays, unknown>;
  chosen: { day: string | null; setDay: (day: string) => void; seeking: boolean };
  times: UseQueryResult<readonly ClinicianRuns[], unknown>;
  timeZone: string;
  selected: Date | null;
  disabled?: boolean;
  onSelect: (startsAt: Date) => void;
  /** Shown when no day of the shown week has a free time. */
  empty: ReactNode;
}) {
  const { week, summary, times } = props;
  const { day, setDay, seeking } = props.chosen;
  return (
    <>
      {summary.isError ? (
        <div className="alert alert-error" role="alert">
          {errorMessage(summary.error)}
        </div>
      ) : (
        <DateStrip
          days={summary.data && !seeking ? summary.data.days : null}
          selected={day}
          onSelect={setDay}
          canEarlier={week.canEarlier(summary.data)}
          canLater={week.canLater(summary.data)}
          onEarlier={week.earlier}
          onLater={week.later}
        />
      )}
      {times.isError ? (
        <div className="alert alert-error" role="alert">
          {errorMessage(times.error)}
        </div>
      ) : day ? (
        <DayTimes
          date={day}
          starts={times.data ? distinctStarts(times.data) : null}
          timeZone={props.timeZone}
          selected={props.selected}
          disabled={props.disabled}
          onSelect={props.onSelect}
        />
      ) : summary.data && !seeking && !summary.isPlaceholderData ? (
        props.empty
      ) : null}
    </>
  );
}

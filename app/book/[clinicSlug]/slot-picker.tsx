"use client";
import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { errorMessage, useTRPC } from "@/app/_lib/trpc";
import { runStarts } from "@/server/scheduling/availability";
import { localDateTime } from "@/server/scheduling/zoned-time";

const DAY = 86_400_000;
const PAGE_DAYS = 14;

/** Free start times for the chosen type and clinician ("any" = any clinician), by local day. */
export function SlotPicker(props: {
  slug: string;
  typeId: string;
  clinicianId: string;
  timeZone: string;
  zoneLabel: string;
  maxAdvanceDays: number;
  selected: Date | null;
  onSelect: (startsAt: Date) => void;
}) {
  const trpc = useTRPC();
  const [page, setPage] = useState(0);
  const [from] = useState(() => new Date());
  const rangeFrom = new Date(from.getTime() + page * PAGE_DAYS * DAY);
  const slots = useQuery(
    trpc.booking.slots.queryOptions({
      slug: props.slug,
      typeId: props.typeId,
      clinicianId: props.clinicianId === "any" ? undefined : props.clinicianId,
      from: rangeFrom,
      to: new Date(rangeFrom.getTime() + PAGE_DAYS * DAY),
    }),
  );
  const days = useMemo(() => {
    const unique = new Map<number, Date>();
    for (const c of slots.data ?? []) for (const s of runStarts(c.runs, c.stepMinutes)) unique.set(s.getTime(), s);
    const byDay = new Map<string, Date[]>();
    for (const s of [...unique.values()].sort((a, b) => a.getTime() - b.getTime())) {
      const k = localDateTime(s, props.timeZone).date;
      byDay.set(k, [...(byDay.get(k) ?? []), s]);
    }
    return [...byDay.entries()];
  }, [slots.data, props.timeZone]);
  const dayLabel = (d: Date) =>
    new Intl.DateTimeFormat("en-US", {
      timeZone: props.timeZone,
      weekday: "long",
      month: "long",
      day: "numeric",
    }).format(d);
  const timeLabel = (d: Date) =>
    new Intl.DateTimeFormat("en-US", { timeZone: props.timeZone, hour: "numeric", minute: "2-digit" }).format(d);
  const morePages = (page + 1) * PAGE_DAYS < props.maxAdvanceDays;

  return (
    <div>
      <p className="muted">
        Times shown in the clinic&apos;s time zone: <strong>{props.zoneLabel}</strong>.
      </p>
      {slots.isPending ? (
        <div aria-busy="true" aria-label="Loading free times">
          <div className="skeleton" />
          <div className="skeleton" />
          <div className="skeleton" />
        </div>
      ) : slots.isError ? (
        <div className="alert alert-error" role="alert">
          {errorMessage(slots.error)}
        </div>
      ) : days.length === 0 ? (
        <div className="empty">
          <h3>No free times in these two weeks</h3>
          <p>Try the next two weeks, another clinician, or call the clinic.</p>
        </div>
      ) : (
        days.map(([key, starts]) => (
          <fieldset key={key} className="slot-day">
            <legend>{dayLabel(starts[0]!)}</legend>
            <div className="slot-grid">
              {starts.map((s) => (
                <button
                  key={s.getTime()}
                  type="button"
                  className={`btn btn-small${props.selected?.getTime() === s.getTime() ? " btn-primary" : ""}`}
                  aria-pressed={props.selected?.getTime() === s.getTime()}
                  onClick={() => props.onSelect(s)}
                >
                  {timeLabel(s)}
                </button>
              ))}
            </div>
          </fieldset>
        ))
      )}
      <div className="actions" style={{ marginTop: "1rem" }}>
        <button type="button" className="btn btn-small" disabled={page === 0} onClick={() => setPage((p) => p - 1)}>
          Earlier
        </button>
        <button type="button" className="btn btn-small" disabled={!morePages} onClick={() => setPage((p) => p + 1)}>
          Next two weeks
        </button>
      </div>
    </div>
  );
}

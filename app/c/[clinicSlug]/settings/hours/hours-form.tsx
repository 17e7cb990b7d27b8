"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { WeeklyHours } from "@/db/schema";
import { errorMessage, useTRPC } from "@/app/_lib/trpc";
import { DAY_KEYS, DAY_LABELS } from "@/server/clinic/schemas";

export function HoursForm({ initial }: { initial: WeeklyHours }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [hours, setHours] = useState<WeeklyHours>(initial);
  const save = useMutation(trpc.clinic.updateHours.mutationOptions({ onSuccess: () => router.refresh() }));

  const setDay = (day: keyof WeeklyHours, intervals: WeeklyHours[typeof day]) => setHours((h) => ({ ...h, [day]: intervals }));

  return (
    <form
      aria-label="Opening hours"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(hours);
      }}
    >
      {save.isError ? <div className="alert alert-error" role="alert">{errorMessage(save.error)}</div> : null}
      {save.isSuccess ? <div className="alert alert-ok" role="status">Opening hours saved.</div> : null}
      {DAY_KEYS.map((day) => (
        <fieldset className="hours-row" key={day} style={{ border: 0, margin: 0 }}>
          <legend className="visually-hidden">{DAY_LABELS[day]}</legend>
          <strong aria-hidden="true">{DAY_LABELS[day]}</strong>
          <div>
            {hours[day].length === 0 ? <p className="muted" style={{ margin: "0.3rem 0" }}>Closed</p> : null}
            {hours[day].map((iv, i) => (
              <div className="interval" key={i}>
                <label className="visually-hidden" htmlFor={`${day}-${i}-start`}>{DAY_LABELS[day]} interval {i + 1} opens</label>
                <input className="input" id={`${day}-${i}-start`} type="time" value={iv.start} required
                  onChange={(e) => setDay(day, hours[day].map((x, j) => (j === i ? { ...x, start: e.target.value } : x)))} />
                <span aria-hidden="true">to</span>
                <label className="visually-hidden" htmlFor={`${day}-${i}-end`}>{DAY_LABELS[day]} interval {i + 1} closes</label>
                <input className="input" id={`${day}-${i}-end`} type="time" value={iv.end} required
                  onChange={(e) => setDay(day, hours[day].map((x, j) => (j === i ? { ...x, end: e.target.value } : x)))} />
                <button type="button" className="btn btn-small btn-danger" aria-label={`Remove ${DAY_LABELS[day]} ${iv.start}–${iv.end}`}
                  onClick={() => setDay(day, hours[day].filter((_, j) => j !== i))}>Remove</button>
              </div>
            ))}
            <button type="button" className="btn btn-small" aria-label={`Add hours on ${DAY_LABELS[day]}`}
              onClick={() => {
                const last = hours[day].at(-1);
                setDay(day, [...hours[day], last ? { start: last.end, end: last.end < "19:00" ? "19:00" : "23:59" } : { start: "07:00", end: "19:00" }]);
              }}>
              Add hours
            </button>
          </div>
        </fieldset>
      ))}
      <div className="actions" style={{ marginTop: "1rem" }}>
        <button className="btn btn-primary" type="submit" disabled={save.isPending}>{save.isPending ? "Saving…" : "Save opening hours"}</button>
        <button className="btn" type="button" onClick={() => setHours(initial)}>Undo changes</button>
      </div>
    </form>
  );
}

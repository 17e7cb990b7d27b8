"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { errorMessage, useTRPC } from "@/app/_lib/trpc";
import { wallTimeToUtc } from "@/server/scheduling/zoned-time";

type Block = { id: string; startsAt: Date; endsAt: Date; reason: string | null; clinicianId?: string };

/** Closures (whole clinic) and time off (one clinician), entered in the clinic's time zone. */
export function TimeBlocks(props: {
  timeZone: string;
  closures: Block[];
  timeOff: Block[];
  onChanged: () => Promise<unknown>;
}) {
  const trpc = useTRPC();
  const team = useQuery(trpc.team.list.queryOptions());
  const clinicians = (team.data ?? []).filter((m) => m.takesAppointments);
  const addClosure = useMutation(trpc.scheduling.addClosure.mutationOptions({ onSuccess: props.onChanged }));
  const removeClosure = useMutation(trpc.scheduling.removeClosure.mutationOptions({ onSuccess: props.onChanged }));
  const addTimeOff = useMutation(trpc.scheduling.addTimeOff.mutationOptions({ onSuccess: props.onChanged }));
  const removeTimeOff = useMutation(trpc.scheduling.removeTimeOff.mutationOptions({ onSuccess: props.onChanged }));
  const error = addClosure.error ?? removeClosure.error ?? addTimeOff.error ?? removeTimeOff.error;
  const fmt = (d: Date) =>
    new Intl.DateTimeFormat("en-US", { timeZone: props.timeZone, dateStyle: "medium", timeStyle: "short" }).format(d);
  const nameOf = (id?: string) => clinicians.find((c) => c.userId === id)?.name ?? "A clinician";

  function span(form: HTMLFormElement) {
    const f = new FormData(form);
    const date = String(f.get("date")),
      until = String(f.get("until") || date);
    const from = String(f.get("from") || "00:00"),
      to = String(f.get("to") || "24:00");
    return {
      startsAt: wallTimeToUtc(date, from, props.timeZone),
      endsAt: wallTimeToUtc(until, to, props.timeZone),
      reason: String(f.get("reason") ?? ""),
    };
  }
  const submit = (kind: "closure" | "off") => (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    let s;
    try {
      s = span(form);
    } catch {
      return;
    }
    if (kind === "closure") addClosure.mutate(s, { onSuccess: () => form.reset() });
    else
      addTimeOff.mutate(
        { ...s, clinicianId: String(new FormData(form).get("clinicianId")) },
        { onSuccess: () => form.reset() },
      );
  };
  const fields = (prefix: string) => (
    <div className="type-fields">
      <div className="field">
        <label htmlFor={`${prefix}-date`}>From date</label>
        <input id={`${prefix}-date`} name="date" type="date" required />
      </div>
      <div className="field">
        <label htmlFor={`${prefix}-from`}>From time</label>
        <input id={`${prefix}-from`} name="from" type="time" />
      </div>
      <div className="field">
        <label htmlFor={`${prefix}-until`}>To date</label>
        <input id={`${prefix}-until`} name="until" type="date" />
      </div>
      <div className="field">
        <label htmlFor={`${prefix}-to`}>To time</label>
        <input id={`${prefix}-to`} name="to" type="time" />
      </div>
      <div className="field">
        <label htmlFor={`${prefix}-reason`}>Reason</label>
        <input id={`${prefix}-reason`} name="reason" maxLength={200} />
      </div>
    </div>
  );

  return (
    <section className="card" aria-labelledby="blocks-h">
      <h2 id="blocks-h">Closures and time off</h2>
      <p className="muted">
        Dates and times in the clinic&apos;s time zone ({props.timeZone}). Leave the times empty for whole days.
      </p>
      {error ? (
        <div className="alert alert-error" role="alert">
          {errorMessage(error)}
        </div>
      ) : null}
      <h3>Clinic closures</h3>
      <ul>
        {props.closures.length === 0 ? <li className="muted">None coming up.</li> : null}
        {props.closures.map((c) => (
          <li key={c.id}>
            {fmt(c.startsAt)} – {fmt(c.endsAt)}
            {c.reason ? ` · ${c.reason}` : ""}{" "}
            <button
              className="btn btn-small btn-danger"
              type="button"
              onClick={() => removeClosure.mutate({ id: c.id })}
            >
              Remove
            </button>
          </li>
        ))}
      </ul>
      <form onSubmit={submit("closure")} aria-label="Add a closure">
        {fields("closure")}
        <button className="btn btn-small" type="submit" disabled={addClosure.isPending}>
          Add closure
        </button>
      </form>
      <h3 style={{ marginTop: "1.25rem" }}>Time off</h3>
      <ul>
        {props.timeOff.length === 0 ? <li className="muted">None coming up.</li> : null}
        {props.timeOff.map((t) => (
          <li key={t.id}>
            {nameOf(t.clinicianId)}: {fmt(t.startsAt)} – {fmt(t.endsAt)}
            {t.reason ? ` · ${t.reason}` : ""}{" "}
            <button
              className="btn btn-small btn-danger"
              type="button"
              onClick={() => removeTimeOff.mutate({ id: t.id })}
            >
              Remove
            </button>
          </li>
        ))}
      </ul>
      <form onSubmit={submit("off")} aria-label="Add time off">
        <div className="field" style={{ maxWidth: 320 }}>
          <label htmlFor="off-clinician">Clinician</label>
          <select id="off-clinician" name="clinicianId">
            {clinicians.map((c) => (
              <option key={c.userId} value={c.userId}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        {fields("off")}
        <button className="btn btn-small" type="submit" disabled={addTimeOff.isPending || clinicians.length === 0}>
          Add time off
        </button>
      </form>
    </section>
  );
}

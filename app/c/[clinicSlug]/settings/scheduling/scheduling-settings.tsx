"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { errorMessage, useTRPC } from "@/app/_lib/trpc";
import { AppointmentTypes } from "./appointment-types";
import { ClinicianHours } from "./clinician-hours";
import { TimeBlocks } from "./time-blocks";

export function SchedulingSettings({ timeZone }: { timeZone: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const setup = useQuery(trpc.scheduling.setup.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.scheduling.setup.queryKey() });
  const [saved, setSaved] = useState(false);
  const rules = useMutation(
    trpc.scheduling.updateRules.mutationOptions({
      onSuccess: async () => {
        setSaved(true);
        await refresh();
      },
    }),
  );

  if (setup.isPending)
    return (
      <div aria-busy="true">
        <div className="skeleton" />
        <div className="skeleton" />
        <div className="skeleton" />
      </div>
    );
  if (setup.isError)
    return (
      <div className="alert alert-error" role="alert">
        {errorMessage(setup.error)}
      </div>
    );
  const r = setup.data.rules;

  function saveRules(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    setSaved(false);
    rules.mutate({
      minNoticeMinutes: Math.round(Number(f.get("notice")) * 60),
      maxAdvanceDays: Number(f.get("advance")),
      slotGranularityMinutes: Number(f.get("grid")) as 5 | 10 | 15 | 20 | 30 | 60,
    });
  }

  return (
    <>
      <section className="card" aria-labelledby="rules-h">
        <h2 id="rules-h">Online booking rules</h2>
        <form className="form" onSubmit={saveRules}>
          {rules.isError ? (
            <div className="alert alert-error" role="alert">
              {errorMessage(rules.error)}
            </div>
          ) : null}
          {saved ? (
            <div className="alert alert-ok" role="status">
              Booking rules saved.
            </div>
          ) : null}
          <div className="form-row">
            <div className="field">
              <label htmlFor="notice">Minimum notice (hours)</label>
              <input
                id="notice"
                name="notice"
                type="number"
                min={0}
                max={336}
                step={0.5}
                defaultValue={r.minNoticeMinutes / 60}
              />
            </div>
            <div className="field">
              <label htmlFor="advance">Book at most (days ahead)</label>
              <input id="advance" name="advance" type="number" min={1} max={365} defaultValue={r.maxAdvanceDays} />
            </div>
          </div>
          <div className="field" style={{ maxWidth: 260 }}>
            <label htmlFor="grid">Start times every</label>
            <select id="grid" name="grid" defaultValue={r.slotGranularityMinutes}>
              {[5, 10, 15, 20, 30, 60].map((m) => (
                <option key={m} value={m}>
                  {m} minutes
                </option>
              ))}
            </select>
          </div>
          <div>
            <button className="btn btn-primary" type="submit" disabled={rules.isPending}>
              Save rules
            </button>
          </div>
        </form>
      </section>
      <AppointmentTypes types={setup.data.types} currency={setup.data.rules.currency} onChanged={refresh} />
      <TimeBlocks timeZone={timeZone} closures={setup.data.closures} timeOff={setup.data.timeOff} onChanged={refresh} />
      <ClinicianHours />
    </>
  );
}

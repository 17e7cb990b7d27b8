"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { WeeklyHours } from "@/db/schema";
import { errorMessage, useTRPC } from "@/app/_lib/trpc";
import { HoursEditor } from "../hours/hours-editor";

const WEEKDAYS_7_TO_19: WeeklyHours = {
  mon: [{ start: "07:00", end: "19:00" }],
  tue: [{ start: "07:00", end: "19:00" }],
  wed: [{ start: "07:00", end: "19:00" }],
  thu: [{ start: "07:00", end: "19:00" }],
  fri: [{ start: "07:00", end: "19:00" }],
  sat: [],
  sun: [],
};

/** Whoever takes appointments works the clinic's hours unless given their own (always within the clinic's). */
export function ClinicianHours() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const team = useQuery(trpc.team.list.queryOptions());
  const clinicians = (team.data ?? []).filter((m) => m.takesAppointments);
  const [chosen, setChosen] = useState<string | null>(null);
  const current = clinicians.find((c) => c.userId === chosen) ?? clinicians[0];
  const [draft, setDraft] = useState<{ id: string; hours: WeeklyHours | null } | null>(null);
  const hours = draft && draft.id === current?.userId ? draft.hours : (current?.workingHours ?? null);
  const save = useMutation(
    trpc.scheduling.setClinicianHours.mutationOptions({
      onSuccess: async () => {
        setDraft(null);
        await queryClient.invalidateQueries({ queryKey: trpc.team.list.queryKey() });
      },
    }),
  );
  if (!current) return null;
  return (
    <section className="card" aria-labelledby="ch-h">
      <h2 id="ch-h">Working hours</h2>
      {save.isError ? (
        <div className="alert alert-error" role="alert">
          {errorMessage(save.error)}
        </div>
      ) : null}
      {save.isSuccess ? (
        <div className="alert alert-ok" role="status">
          Working hours saved.
        </div>
      ) : null}
      <div className="field" style={{ maxWidth: 320 }}>
        <label htmlFor="ch-clinician">Clinician</label>
        <select
          id="ch-clinician"
          value={current.userId}
          onChange={(e) => {
            setChosen(e.target.value);
            setDraft(null);
          }}
        >
          {clinicians.map((c) => (
            <option key={c.userId} value={c.userId}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      <label className="check">
        <input
          type="checkbox"
          checked={hours !== null}
          onChange={(e) =>
            setDraft({
              id: current.userId,
              hours: e.target.checked ? (current.workingHours ?? WEEKDAYS_7_TO_19) : null,
            })
          }
        />{" "}
        Own working hours (otherwise the clinic&apos;s opening hours)
      </label>
      {hours ? (
        <HoursEditor value={hours} onChange={(h) => setDraft({ id: current.userId, hours: h })} idPrefix="ch-" />
      ) : null}
      <div className="actions" style={{ marginTop: "1rem" }}>
        <button
          className="btn btn-primary"
          type="button"
          disabled={save.isPending || !draft}
          onClick={() => save.mutate({ clinicianId: current.userId, hours })}
        >
          Save working hours
        </button>
      </div>
    </section>
  );
}

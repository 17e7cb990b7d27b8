"use client";
// The episode-of-care form, in a dialog: a new episode (title, treating clinician, questionnaires
// and when each is asked) or an existing episode's schedules. Each included questionnaire needs
// at least one time; the server checks again and its messages show here.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Dialog } from "@/app/_components/dialog";
import { errorMessage, fieldErrors, useTRPC } from "@/app/_lib/trpc";
import type { InstrumentKey } from "@/server/outcomes/types";
import type { EpisodeView, InstrumentSummary, ScheduleInput } from "@/server/outcomes/views";

/** What a new episode proposes for each instrument. */
const DEFAULTS: Record<InstrumentKey, Omit<ScheduleInput, "instrumentKey">> = {
  nprs: { atIntake: true, everyWeeks: 2, everyVisits: null, atDischarge: true },
  odi: { atIntake: true, everyWeeks: 4, everyVisits: null, atDischarge: true },
  psfs: { atIntake: true, everyWeeks: 2, everyVisits: null, atDischarge: true },
  lefs: { atIntake: true, everyWeeks: 4, everyVisits: null, atDischarge: true },
  groc: { atIntake: false, everyWeeks: null, everyVisits: null, atDischarge: true },
};

type Row = {
  key: InstrumentKey;
  include: boolean;
  atIntake: boolean;
  everyWeeks: string;
  everyVisits: string;
  atDischarge: boolean;
};

function rowsFor(instruments: InstrumentSummary[], episode: EpisodeView | null): Row[] {
  return instruments.map((i) => {
    const current = episode?.schedules.find((s) => s.instrumentKey === i.key && s.active);
    const s = current ?? DEFAULTS[i.key];
    return {
      key: i.key,
      include: episode ? Boolean(current) : false,
      atIntake: s.atIntake,
      everyWeeks: s.everyWeeks === null ? "" : String(s.everyWeeks),
      everyVisits: s.everyVisits === null ? "" : String(s.everyVisits),
      atDischarge: s.atDischarge,
    };
  });
}

const whole = (v: string) => (v.trim() === "" ? null : Number(v));

export function EpisodeForm({
  patientId,
  episode,
  meId,
  onClose,
}: {
  patientId: string;
  episode: EpisodeView | null;
  meId: string | null;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const settings = useQuery(trpc.outcomes.instruments.queryOptions());
  const team = useQuery({ ...trpc.team.list.queryOptions(), enabled: !episode });
  const done = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.outcomes.forPatient.queryKey({ patientId }) });
    onClose();
  };
  const start = useMutation(trpc.outcomes.startEpisode.mutationOptions({ onSuccess: done }));
  const change = useMutation(trpc.outcomes.setSchedules.mutationOptions({ onSuccess: done }));
  const save = episode ? change : start;

  // Enabled instruments, plus any the episode already uses that an owner has since switched off.
  const instruments = (settings.data?.instruments ?? []).filter(
    (i) => i.enabled || episode?.schedules.some((s) => s.instrumentKey === i.key && s.active),
  );
  const [rows, setRows] = useState<Row[] | null>(null);
  const current = rows ?? rowsFor(instruments, episode);
  const [title, setTitle] = useState("");
  const [clinicianId, setClinicianId] = useState<string | null | undefined>(undefined);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const clinicians = (team.data ?? []).filter((m) => m.role === "clinician" || m.role === "owner");
  const meClinician = clinicians.find((m) => m.userId === meId && m.role === "clinician");
  const chosenClinician = clinicianId === undefined ? (meClinician?.userId ?? null) : clinicianId;

  const edit = (key: InstrumentKey, patch: Partial<Row>) =>
    setRows(current.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const nameOf = (key: InstrumentKey) => instruments.find((i) => i.key === key)?.shortName ?? key.toUpperCase();

  function validate(): { schedules: ScheduleInput[]; errors: Record<string, string> } {
    const errs: Record<string, string> = {};
    if (!episode && !title.trim()) errs.title = "Give the episode a title, such as “Low back pain”.";
    const schedules: ScheduleInput[] = [];
    for (const r of current.filter((x) => x.include)) {
      const everyWeeks = whole(r.everyWeeks);
      const everyVisits = whole(r.everyVisits);
      if (everyWeeks !== null && (!Number.isInteger(everyWeeks) || everyWeeks < 1 || everyWeeks > 52))
        errs[`${r.key}.everyWeeks`] = "Weeks must be a whole number from 1 to 52.";
      if (everyVisits !== null && (!Number.isInteger(everyVisits) || everyVisits < 1 || everyVisits > 50))
        errs[`${r.key}.everyVisits`] = "Visits must be a whole number from 1 to 50.";
      if (!r.atIntake && !r.atDischarge && everyWeeks === null && everyVisits === null)
        errs[r.key] = `Choose at least one time to ask the ${nameOf(r.key)}.`;
      schedules.push({
        instrumentKey: r.key,
        atIntake: r.atIntake,
        everyWeeks,
        everyVisits,
        atDischarge: r.atDischarge,
      });
    }
    if (!episode && schedules.length === 0) errs.instruments = "Include at least one questionnaire.";
    return { schedules, errors: errs };
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const v = validate();
    setErrors(v.errors);
    if (Object.keys(v.errors).length) return;
    if (episode) change.mutate({ episodeId: episode.id, schedules: v.schedules });
    else start.mutate({ patientId, title: title.trim(), clinicianId: chosenClinician, schedules: v.schedules });
  }

  // Server field errors ("schedules.1.everyWeeks") mapped back to the instrument's row.
  const server = fieldErrors(save.error);
  const included = current.filter((r) => r.include);
  const serverFor = (key: InstrumentKey, field?: string) => {
    const i = included.findIndex((r) => r.key === key);
    if (i < 0) return undefined;
    return field ? server[`schedules.${i}.${field}`] : server[`schedules.${i}`];
  };
  const err = (key: string) => errors[key];

  return (
    <Dialog title={episode ? `Change schedule — ${episode.title}` : "Start an episode of care"} onClose={onClose} wide>
      {settings.isPending ? (
        <div aria-busy="true">
          <div className="skeleton" />
          <div className="skeleton" />
        </div>
      ) : settings.isError ? (
        <div className="alert alert-error" role="alert">
          {errorMessage(settings.error)}
        </div>
      ) : (
        <form
          className="form oc-episode-form"
          onSubmit={submit}
          noValidate
          aria-label={episode ? "Change the questionnaire schedule" : "New episode of care"}
        >
          {save.isError ? (
            <div className="alert alert-error" role="alert">
              {errorMessage(save.error)}
            </div>
          ) : null}
          {!episode ? (
            <div className="form-row">
              <div className="field">
                <label htmlFor="oc-title">Title</label>
                <input
                  id="oc-title"
                  value={title}
                  maxLength={120}
                  placeholder="Low back pain"
                  onChange={(e) => setTitle(e.target.value)}
                  aria-invalid={err("title") || server.title ? true : undefined}
                  aria-describedby={err("title") || server.title ? "oc-title-error" : undefined}
                />
                {err("title") || server.title ? (
                  <span className="field-error" id="oc-title-error" role="alert">
                    {err("title") ?? server.title}
                  </span>
                ) : null}
              </div>
              <div className="field">
                <label htmlFor="oc-clinician">Treating clinician</label>
                <select
                  id="oc-clinician"
                  value={chosenClinician ?? ""}
                  onChange={(e) => setClinicianId(e.target.value || null)}
                  disabled={team.isPending}
                >
                  <option value="">Not assigned</option>
                  {clinicians.map((m) => (
                    <option key={m.userId} value={m.userId}>
                      {m.name}
                    </option>
                  ))}
                </select>
                {server.clinicianId ? (
                  <span className="field-error" role="alert">
                    {server.clinicianId}
                  </span>
                ) : null}
              </div>
            </div>
          ) : null}
          <p className="muted oc-form-intro">
            {episode
              ? "The questionnaires and when each is asked. Questionnaires already answered stay; ones scheduled later follow the new plan."
              : "Questionnaires marked “at intake” are emailed to the patient as soon as you start; the others when they fall due."}
          </p>
          {err("instruments") ? (
            <div className="alert alert-error" role="alert">
              {err("instruments")}
            </div>
          ) : null}
          {instruments.length === 0 ? (
            <p className="alert alert-warn">
              No questionnaire is switched on. An owner can switch them on in Settings → Outcome measures.
            </p>
          ) : null}
          {instruments.map((i) => {
            const r = current.find((x) => x.key === i.key)!;
            const id = (f: string) => `oc-${i.key}-${f}`;
            const rowError = err(i.key) ?? serverFor(i.key);
            const weeksError = err(`${i.key}.everyWeeks`) ?? serverFor(i.key, "everyWeeks");
            const visitsError = err(`${i.key}.everyVisits`) ?? serverFor(i.key, "everyVisits");
            return (
              <fieldset
                key={i.key}
                className={`oc-instrument${r.include ? " oc-included" : ""}`}
                aria-describedby={rowError ? id("error") : undefined}
                data-testid={`schedule-${i.key}`}
              >
                <legend>
                  {i.name} ({i.shortName})
                </legend>
                <label className="check">
                  <input
                    type="checkbox"
                    checked={r.include}
                    onChange={(e) => edit(i.key, { include: e.target.checked })}
                  />
                  Include the {i.shortName}
                </label>
                {!i.enabled ? <span className="badge oc-badge-warn">Switched off in Settings</span> : null}
                {r.include ? (
                  <div className="oc-when" role="group" aria-label={`When to ask the ${i.shortName}`}>
                    {i.kind === "change" ? null : (
                      <label className="check">
                        <input
                          type="checkbox"
                          checked={r.atIntake}
                          onChange={(e) => edit(i.key, { atIntake: e.target.checked })}
                        />
                        At intake
                      </label>
                    )}
                    <div className="oc-every">
                      <span aria-hidden="true">Every</span>
                      <input
                        id={id("weeks")}
                        className="input"
                        type="number"
                        min={1}
                        max={52}
                        inputMode="numeric"
                        value={r.everyWeeks}
                        onChange={(e) => edit(i.key, { everyWeeks: e.target.value })}
                        aria-invalid={weeksError ? true : undefined}
                        aria-describedby={weeksError ? id("weeks-error") : undefined}
                        aria-label={`${i.shortName}: every how many weeks (optional)`}
                      />
                      <span aria-hidden="true">weeks</span>
                    </div>
                    <div className="oc-every">
                      <span aria-hidden="true">Every</span>
                      <input
                        id={id("visits")}
                        className="input"
                        type="number"
                        min={1}
                        max={50}
                        inputMode="numeric"
                        value={r.everyVisits}
                        onChange={(e) => edit(i.key, { everyVisits: e.target.value })}
                        aria-invalid={visitsError ? true : undefined}
                        aria-describedby={visitsError ? id("visits-error") : undefined}
                        aria-label={`${i.shortName}: every how many visits (optional)`}
                      />
                      <span aria-hidden="true">visits</span>
                    </div>
                    <label className="check">
                      <input
                        type="checkbox"
                        checked={r.atDischarge}
                        onChange={(e) => edit(i.key, { atDischarge: e.target.checked })}
                      />
                      At discharge
                    </label>
                    {i.kind === "change" ? (
                      <span className="hint muted">
                        Rates the change since the start, so it is usually asked once, at discharge.
                      </span>
                    ) : null}
                  </div>
                ) : null}
                {weeksError ? (
                  <span className="field-error" id={id("weeks-error")} role="alert">
                    {weeksError}
                  </span>
                ) : null}
                {visitsError ? (
                  <span className="field-error" id={id("visits-error")} role="alert">
                    {visitsError}
                  </span>
                ) : null}
                {rowError ? (
                  <span className="field-error" id={id("error")} role="alert">
                    {rowError}
                  </span>
                ) : null}
              </fieldset>
            );
          })}
          <div className="actions">
            <button className="btn btn-primary" type="submit" disabled={save.isPending}>
              {save.isPending ? "Saving…" : episode ? "Save schedule" : "Start episode"}
            </button>
            <button className="btn" type="button" onClick={onClose}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}

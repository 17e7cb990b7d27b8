"use client";
// Owners choose which validated questionnaires the clinic uses (with what each measures, its
// scoring, MCID and licence terms) and after how many weeks a patient not improving is flagged.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { errorMessage, useTRPC } from "@/app/_lib/trpc";
import type { InstrumentKey } from "@/server/outcomes/types";
import type { InstrumentSettingsView, InstrumentSummary } from "@/server/outcomes/views";

function scaleWords(i: InstrumentSummary): string {
  if (i.kind === "change")
    return `${i.range.min} to +${i.range.max}, a rating of change since the start (asked once, usually at discharge)`;
  const range = i.unit === "%" ? `${i.range.min}–${i.range.max}%` : `${i.range.min}–${i.range.max} points`;
  return `${range}, ${i.better} is better`;
}

function mcidWords(i: InstrumentSummary): string {
  if (i.kind === "change") return `a rating of +${i.mcid.value} or more counts as a meaningful improvement`;
  return `${i.mcid.value} ${i.unit === "%" ? "percentage points" : "points"}`;
}

export function OutcomeSettings() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const settings = useQuery(trpc.outcomes.instruments.queryOptions());
  const onSaved = (data: InstrumentSettingsView) =>
    queryClient.setQueryData(trpc.outcomes.instruments.queryKey(), data);
  // The switch moves at once; it falls back to the server's value if the change fails.
  const [shown, setShown] = useState<Partial<Record<InstrumentKey, boolean>>>({});
  const [changed, setChanged] = useState<{ key: InstrumentKey; enabled: boolean } | null>(null);
  const toggle = useMutation(
    trpc.outcomes.setInstrumentEnabled.mutationOptions({
      onSuccess: (data, input) => {
        onSaved(data);
        setChanged({ key: input.instrumentKey, enabled: input.enabled });
      },
    }),
  );
  const weeks = useMutation(trpc.outcomes.setReviewWeeks.mutationOptions({ onSuccess: onSaved }));

  if (settings.isPending)
    return (
      <div aria-busy="true">
        <div className="skeleton" />
        <div className="skeleton" />
        <div className="skeleton" />
      </div>
    );
  if (settings.isError)
    return (
      <div className="alert alert-error" role="alert">
        {errorMessage(settings.error)}
      </div>
    );
  const s = settings.data;
  const changedName = changed ? s.instruments.find((i) => i.key === changed.key)?.shortName : null;

  function saveWeeks(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    weeks.mutate({ weeks: Number(new FormData(event.currentTarget).get("reviewWeeks")) });
  }

  return (
    <>
      <section className="card" aria-labelledby="review-h">
        <h2 id="review-h">Flag patients who are not improving</h2>
        <p className="muted">
          A patient in an active episode is listed under “Needs attention” when a questionnaire shows them worse than at
          intake, or when they have not improved by the instrument&apos;s MCID after this many weeks.
        </p>
        <form className="form" onSubmit={saveWeeks} aria-label="Review period">
          {weeks.isError ? (
            <div className="alert alert-error" role="alert">
              {errorMessage(weeks.error)}
            </div>
          ) : null}
          {weeks.isSuccess ? (
            <div className="alert alert-ok" role="status">
              Saved: patients are flagged after {s.reviewWeeks} weeks without a meaningful improvement.
            </div>
          ) : null}
          <div className="field">
            <label htmlFor="reviewWeeks">Flag patients not improving after (weeks)</label>
            <input
              id="reviewWeeks"
              name="reviewWeeks"
              type="number"
              min={1}
              max={52}
              required
              defaultValue={s.reviewWeeks}
              key={s.reviewWeeks}
              aria-describedby="reviewWeeks-hint"
              style={{ maxWidth: "8rem" }}
            />
            <span className="hint" id="reviewWeeks-hint">
              From 1 to 52 weeks after the episode started.
            </span>
          </div>
          <div>
            <button className="btn btn-primary" type="submit" disabled={weeks.isPending}>
              Save
            </button>
          </div>
        </form>
      </section>

      <section className="card" aria-labelledby="instruments-h">
        <h2 id="instruments-h">Questionnaires</h2>
        <p className="muted">
          Validated questionnaires, scored exactly as their authors publish. Switching one off means it can no longer be
          added to an episode of care or sent; answers already given stay on patients&apos; pages.
        </p>
        {toggle.isError ? (
          <div className="alert alert-error" role="alert">
            {errorMessage(toggle.error)}
          </div>
        ) : null}
        {changed && changedName ? (
          <div className="alert alert-ok" role="status">
            {changed.enabled
              ? `${changedName} is on: clinicians can add it to episodes of care.`
              : `${changedName} is off: it can no longer be added to episodes of care or sent.`}
          </div>
        ) : null}
        <ul className="oc-instrument-list">
          {s.instruments.map((i) => (
            <li
              key={i.key}
              className="oc-instrument-card"
              data-testid={`instrument-${i.key}`}
              aria-labelledby={`inst-${i.key}`}
            >
              <div className="oc-instrument-head">
                <h3 id={`inst-${i.key}`}>
                  {i.name}{" "}
                  <span className="muted">
                    ({i.shortName}, version {i.version})
                  </span>
                </h3>
                {i.licence.commercialUseNeedsPermission ? (
                  <span className="badge oc-badge-warn" data-testid="licence-warning">
                    Licence needed for commercial use
                  </span>
                ) : null}
                <label className="oc-switch">
                  <input
                    type="checkbox"
                    role="switch"
                    checked={shown[i.key] ?? i.enabled}
                    disabled={toggle.isPending}
                    aria-describedby={`inst-${i.key}-state`}
                    onChange={(e) => {
                      const enabled = e.target.checked;
                      setShown((m) => ({ ...m, [i.key]: enabled }));
                      toggle.mutate(
                        { instrumentKey: i.key, enabled },
                        { onSettled: () => setShown((m) => ({ ...m, [i.key]: undefined })) },
                      );
                    }}
                  />
                  Use the {i.shortName}
                </label>
                <span id={`inst-${i.key}-state`} className="visually-hidden">
                  {i.enabled ? "On" : "Off: cannot be added to episodes"}
                </span>
              </div>
              <p>{i.description}</p>
              <dl className="oc-facts">
                <dt>Score</dt>
                <dd>
                  {scaleWords(i)} · {i.itemCount} {i.itemCount === 1 ? "item" : "items"}
                </dd>
                <dt>MCID</dt>
                <dd>
                  {mcidWords(i)} <span className="muted">— {i.mcid.source}</span>
                </dd>
                <dt>Source</dt>
                <dd className="muted">{i.source}</dd>
                <dt>Licence</dt>
                <dd>
                  {i.licence.holder}. {i.licence.note}
                  {i.licence.url ? (
                    <>
                      {" "}
                      <a href={i.licence.url} target="_blank" rel="noreferrer">
                        Licence terms
                      </a>
                    </>
                  ) : null}
                </dd>
              </dl>
              {!i.enabled ? <p className="muted oc-off-note">Off: it cannot be added to episodes of care.</p> : null}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

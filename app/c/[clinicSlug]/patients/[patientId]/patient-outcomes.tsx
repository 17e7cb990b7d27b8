"use client";
// The "Outcomes" section of a patient's page (owners and clinicians): episodes of care, active
// first, each with its questionnaire schedule, progress per instrument (chart, change against the
// MCID, a badge) and the questionnaires sent and due.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Dialog } from "@/app/_components/dialog";
import { useStartKiosk } from "@/app/_components/kiosk";
import { changeWords, formatDate, num, progressBadge } from "@/app/_components/outcomes/labels";
import { OutcomeChart } from "@/app/_components/outcomes/outcome-chart";
import { errorMessage, useTRPC } from "@/app/_lib/trpc";
import type { InstrumentKey } from "@/server/outcomes/types";
import type { EpisodeView, SeriesView } from "@/server/outcomes/views";
import { EpisodeForm } from "./episode-form";
import { OutcomeRequests } from "./outcome-requests";

type Props = { slug: string; patientId: string; timeZone: string; meId: string | null };

export function PatientOutcomes({ slug, patientId, timeZone, meId }: Props) {
  const trpc = useTRPC();
  const outcomes = useQuery(trpc.outcomes.forPatient.queryOptions({ patientId }));
  const [starting, setStarting] = useState(false);
  const episodes = [...(outcomes.data?.episodes ?? [])].sort(
    (a, b) =>
      Number(a.status !== "active") - Number(b.status !== "active") || b.startedAt.getTime() - a.startedAt.getTime(),
  );
  return (
    <section className="card" aria-labelledby="outcomes-h" data-testid="patient-outcomes">
      <div className="section-head">
        <h2 id="outcomes-h">Outcomes</h2>
        {episodes.length ? (
          <button type="button" className="btn btn-small" onClick={() => setStarting(true)}>
            Start an episode of care
          </button>
        ) : null}
      </div>
      {outcomes.isPending ? (
        <div aria-busy="true" aria-label="Loading outcomes">
          <div className="skeleton" style={{ height: "4rem" }} />
          <div className="skeleton" />
        </div>
      ) : outcomes.isError ? (
        <div className="alert alert-error" role="alert">
          {errorMessage(outcomes.error)}
        </div>
      ) : episodes.length === 0 ? (
        <div className="empty oc-empty">
          <h3>No episode of care yet</h3>
          <p>
            Outcome measures are short validated questionnaires — pain (NPRS), disability (ODI, LEFS), the
            patient&apos;s own activities (PSFS) — asked at intake and again as treatment goes on. Each score is
            compared with the first one and with the smallest change that matters to patients (the MCID), so you can see
            who is improving and who is not.
          </p>
          <button type="button" className="btn btn-primary" onClick={() => setStarting(true)}>
            Start an episode of care
          </button>
        </div>
      ) : (
        <div className="oc-episodes">
          {episodes.map((e) => (
            <EpisodeCard
              key={e.id}
              slug={slug}
              patientId={patientId}
              episode={e}
              timeZone={timeZone}
              meId={meId}
              reviewWeeks={outcomes.data.reviewWeeks}
            />
          ))}
        </div>
      )}
      {starting ? (
        <EpisodeForm patientId={patientId} episode={null} meId={meId} onClose={() => setStarting(false)} />
      ) : null}
    </section>
  );
}

function EpisodeCard({
  slug,
  patientId,
  episode,
  timeZone,
  meId,
  reviewWeeks,
}: Props & { episode: EpisodeView; reviewWeeks: number }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [discharging, setDischarging] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.outcomes.forPatient.queryKey({ patientId }) });
  const send = useMutation(trpc.outcomes.sendNow.mutationOptions());
  const kiosk = useStartKiosk();
  const active = episode.status === "active";
  const schedules = episode.schedules.filter((s) => s.active);

  function sendNow(instrumentKey: InstrumentKey, name: string, email: boolean) {
    setNotice(null);
    send.mutate(
      { episodeId: episode.id, instrumentKey, email },
      {
        onSuccess: async ({ requestId }) => {
          if (!email) {
            // In clinic: the tablet goes to the patient, locked to this questionnaire.
            kiosk.mutate({ requestId });
            return;
          }
          setNotice(`${name} sent: the patient gets an email with the questionnaire shortly.`);
          await refresh();
        },
      },
    );
  }

  return (
    <article
      className={`oc-episode oc-episode-${episode.status}`}
      data-testid="episode-card"
      aria-labelledby={`ep-${episode.id}`}
    >
      <header className="oc-episode-head">
        <div>
          <h3 id={`ep-${episode.id}`}>{episode.title}</h3>
          <p className="muted">
            {episode.clinicianName ?? "No treating clinician"} · started {formatDate(episode.startedAt, timeZone)}
            {episode.dischargedAt ? ` · discharged ${formatDate(episode.dischargedAt, timeZone)}` : ""}
          </p>
        </div>
        <span className={`badge ${active ? "" : "oc-badge-neutral"}`} data-testid="episode-status">
          {active ? "Active" : "Discharged"}
        </span>
        {active ? (
          <div className="actions oc-episode-actions">
            <button type="button" className="btn btn-small" onClick={() => setEditing(true)}>
              Change schedule
            </button>
            <button type="button" className="btn btn-small btn-danger" onClick={() => setDischarging(true)}>
              Discharge
            </button>
          </div>
        ) : null}
      </header>

      {notice ? (
        <div className="alert alert-ok" role="status">
          {notice}
        </div>
      ) : null}
      {kiosk.isError ? (
        <div className="alert alert-error" role="alert">
          {errorMessage(kiosk.error)}
        </div>
      ) : null}
      {send.isError ? (
        <div className="alert alert-error" role="alert">
          {errorMessage(send.error)}
        </div>
      ) : null}

      {schedules.length ? (
        <ul className="oc-schedules" aria-label={`Questionnaire schedule for ${episode.title}`}>
          {schedules.map((s) => (
            <li key={s.id} data-testid={`schedule-row-${s.instrumentKey}`}>
              <span>
                <strong>{s.instrumentName}</strong> <span className="muted">{s.label}</span>
              </span>
              {active ? (
                <span className="actions">
                  <button
                    type="button"
                    className="btn btn-small"
                    disabled={send.isPending}
                    onClick={() => sendNow(s.instrumentKey, s.instrumentName, true)}
                  >
                    Send now<span className="visually-hidden"> ({s.instrumentName})</span>
                  </button>
                  <button
                    type="button"
                    className="btn btn-small"
                    disabled={send.isPending}
                    onClick={() => sendNow(s.instrumentKey, s.instrumentName, false)}
                  >
                    Answer in clinic<span className="visually-hidden"> ({s.instrumentName})</span>
                  </button>
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No questionnaire is scheduled in this episode.</p>
      )}

      {episode.series.length ? (
        <div className="oc-series-list">
          {episode.series.map((s) => (
            <SeriesBlock key={s.instrumentKey} series={s} timeZone={timeZone} reviewWeeks={reviewWeeks} />
          ))}
        </div>
      ) : null}

      <h4 className="oc-subhead">Questionnaires</h4>
      <OutcomeRequests slug={slug} patientId={patientId} requests={episode.requests} timeZone={timeZone} />

      {editing ? (
        <EpisodeForm patientId={patientId} episode={episode} meId={meId} onClose={() => setEditing(false)} />
      ) : null}
      {discharging ? (
        <DischargeDialog
          patientId={patientId}
          episode={episode}
          onClose={() => setDischarging(false)}
          onDone={() => setNotice(`${episode.title}: discharged.`)}
        />
      ) : null}
    </article>
  );
}

function SeriesBlock({ series, timeZone, reviewWeeks }: { series: SeriesView; timeZone: string; reviewWeeks: number }) {
  const badge = progressBadge(series);
  const p = series.progress;
  const scored = series.points.filter((x) => x.score !== null);
  const label = (i: number | undefined, v: number | null) =>
    (i !== undefined ? scored[i]?.scoreLabel : null) ?? (v === null ? "—" : num(v));
  return (
    <div className="oc-series" data-testid={`series-${series.instrumentKey}`}>
      <div className="oc-series-head">
        <h4>
          {series.instrumentName} ({series.shortName})
        </h4>
        <span className={`badge oc-badge-${badge.tone}`} data-testid="series-badge">
          {badge.label}
        </span>
      </div>
      {series.kind === "status" && scored.length >= 2 ? (
        <p className="oc-progress" data-testid="series-progress">
          Baseline {label(0, p.baseline)} → latest {label(scored.length - 1, p.latest)} (
          {changeWords(p.change, series.unit, series.mcid.value)}; MCID {num(series.mcid.value)})
        </p>
      ) : series.kind === "status" && scored.length === 1 ? (
        <p className="oc-progress muted" data-testid="series-progress">
          Baseline {label(0, p.baseline)}. Patients not improving by the MCID of {num(series.mcid.value)} after{" "}
          {reviewWeeks} weeks are flagged.
        </p>
      ) : null}
      {series.points.length ? (
        <OutcomeChart series={series} timeZone={timeZone} />
      ) : (
        <p className="muted oc-progress">{series.kind === "change" ? "Asked at discharge." : "No answers yet."}</p>
      )}
    </div>
  );
}

function DischargeDialog({
  patientId,
  episode,
  onClose,
  onDone,
}: {
  patientId: string;
  episode: EpisodeView;
  onClose: () => void;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const discharge = useMutation(
    trpc.outcomes.discharge.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.outcomes.forPatient.queryKey({ patientId }) });
        onDone();
        onClose();
      },
    }),
  );
  const atDischarge = episode.schedules.filter((s) => s.active && s.atDischarge).map((s) => s.instrumentName);
  return (
    <Dialog title={`Discharge — ${episode.title}`} onClose={onClose}>
      <p>Discharging ends this episode of care.</p>
      <ul>
        <li>
          {atDischarge.length ? (
            <>
              The discharge questionnaires are sent to the patient now: <strong>{atDischarge.join(", ")}</strong>.
            </>
          ) : (
            "No questionnaire is set to be asked at discharge."
          )}
        </li>
        <li>Questionnaires scheduled for later are cancelled.</li>
        <li>Answers already given stay, and the episode counts in the clinic&apos;s outcome summary.</li>
      </ul>
      {discharge.isError ? (
        <div className="alert alert-error" role="alert">
          {errorMessage(discharge.error)}
        </div>
      ) : null}
      <div className="actions">
        <button
          type="button"
          className="btn btn-primary"
          disabled={discharge.isPending}
          onClick={() => discharge.mutate({ episodeId: episode.id })}
        >
          {discharge.isPending ? "Discharging…" : atDischarge.length ? "Discharge and send" : "Discharge"}
        </button>
        <button type="button" className="btn" onClick={onClose}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}

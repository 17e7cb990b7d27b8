"use client";
// A patient's home-exercise programs on their page: status, the phase the patient is in (and
// moving them on early), adherence (share of prescribed sessions done, or when the plan starts,
// last activity) and the pain the patient reported, as a small chart.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { adherenceWords, todayIn } from "@/app/_components/program/plan-words";
import { errorMessage, useTRPC } from "@/app/_lib/trpc";
import { ProgramPhase } from "./program-phase";

export function PatientPrograms({
  slug,
  patientId,
  timeZone,
  canEdit,
}: {
  slug: string;
  patientId: string;
  timeZone: string;
  canEdit: boolean;
}) {
  const trpc = useTRPC();
  const programs = useQuery(trpc.programs.forPatient.queryOptions({ patientId }));
  const adherence = useQuery(trpc.programs.adherence.queryOptions({ patientId }));
  const today = todayIn(timeZone);
  const when = (d: Date) =>
    new Intl.DateTimeFormat("en-US", { timeZone, dateStyle: "medium", timeStyle: "short" }).format(d);
  return (
    <section className="card" aria-labelledby="programs-h">
      <div className="section-head">
        <h2 id="programs-h">Home-exercise programs</h2>
        {canEdit ? (
          <Link className="btn btn-primary btn-small" href={`/c/${slug}/patients/${patientId}/programs/new`}>
            New program
          </Link>
        ) : null}
      </div>
      {programs.isPending ? (
        <div className="skeleton" style={{ height: "4rem" }} />
      ) : programs.isError ? (
        <div className="alert alert-error" role="alert">
          {errorMessage(programs.error)}
        </div>
      ) : programs.data.length === 0 ? (
        <p className="muted">No program yet.{canEdit ? " Build one from a template or from scratch." : ""}</p>
      ) : (
        <ul className="prog-list">
          {programs.data.map((p) => {
            const a = adherence.data?.find((x) => x.programId === p.id);
            const line = a ? adherenceWords(a, today) : null;
            return (
              <li key={p.id} className="prog-card">
                <div className="prog-head">
                  <Link href={`/c/${slug}/patients/${patientId}/programs/${p.id}`}>
                    <strong>{p.title}</strong>
                  </Link>
                  <span className="badge">
                    {p.status === "assigned" ? `Assigned · v${p.version}` : p.status === "draft" ? "Draft" : "Archived"}
                  </span>
                  <span className="muted">
                    {p.itemCount} exercises · from {p.startDate}
                  </span>
                </div>
                {p.status === "assigned" && a?.phase ? (
                  <ProgramPhase
                    program={{ id: p.id, title: p.title, revision: p.revision }}
                    phase={a.phase}
                    today={today}
                    canEdit={canEdit}
                  />
                ) : null}
                {p.status === "assigned" && a && line ? (
                  <div className="adherence" aria-label={`Adherence for ${p.title}`}>
                    <div className="adh-figure">
                      <span className="adh-percent" data-testid="adherence-percent">
                        {line.figure}
                      </span>
                      <span className="muted" data-testid="adherence-words">
                        {line.words}
                      </span>
                      <div
                        className="adh-bar"
                        role="progressbar"
                        aria-label="Sessions done"
                        aria-valuemin={0}
                        aria-valuemax={100}
                        aria-valuenow={Math.round(a.percentDone ?? 0)}
                      >
                        <span style={{ width: `${Math.min(100, a.percentDone ?? 0)}%` }} />
                      </div>
                      <span className="muted">
                        Last activity: {a.lastActivityAt ? when(a.lastActivityAt) : "none yet"}
                      </span>
                    </div>
                    <PainChart points={a.pain} />
                  </div>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/** Reported pain (0–10) by day as a line; a table for screen readers. */
function PainChart({ points }: { points: { day: string; pain: number }[] }) {
  if (points.length === 0) return <p className="muted adh-pain">No pain ratings yet.</p>;
  const W = 260,
    H = 90,
    pad = 14;
  const x = (i: number) => (points.length === 1 ? W / 2 : pad + (i * (W - 2 * pad)) / (points.length - 1));
  const y = (p: number) => pad + ((10 - p) * (H - 2 * pad)) / 10;
  const last = points.at(-1)!;
  const first = points[0]!;
  return (
    <figure className="adh-pain">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        width={W}
        height={H}
        role="img"
        aria-label={`Pain from ${first.pain} on ${first.day} to ${last.pain} on ${last.day}`}
      >
        <line x1={pad} x2={W - pad} y1={y(0)} y2={y(0)} className="adh-axis" />
        <line x1={pad} x2={W - pad} y1={y(10)} y2={y(10)} className="adh-axis" />
        <polyline points={points.map((p, i) => `${x(i)},${y(p.pain)}`).join(" ")} className="adh-line" />
        {points.map((p, i) => (
          <circle key={p.day} cx={x(i)} cy={y(p.pain)} r={3} className="adh-dot">
            <title>{`${p.day}: ${p.pain}/10`}</title>
          </circle>
        ))}
      </svg>
      <figcaption className="muted">
        Pain 0–10, latest {last.pain}/10 ({last.day})
      </figcaption>
      {/* a table is as wide as its cells whatever its own width: the box around it holds it to 1px (no sideways scroll) */}
      <div className="visually-hidden">
        <table>
          <caption>Pain by day</caption>
          <tbody>
            {points.map((p) => (
              <tr key={p.day}>
                <th scope="row">{p.day}</th>
                <td>{p.pain}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

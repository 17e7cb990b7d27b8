"use client";
// The rows behind one number: appointments link to the calendar day, patients to their page.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useRef } from "react";
import { errorMessage, useTRPC } from "@/app/_lib/trpc";
import type { DrillKind } from "@/server/dashboard/schemas";
import { DRILL_TITLES, exportHref, OUTCOME_WORDS, type Filters } from "./format";
import { isRevenueDrill, RevenueRows } from "./revenue-card";

export function DrillDown(props: { slug: string; kind: DrillKind; filters: Filters; onClose: () => void }) {
  const trpc = useTRPC();
  const { slug, kind } = props;
  const drill = useQuery(trpc.dashboard.drillDown.queryOptions({ kind, filters: props.filters }));
  const patient = (id: string, name: string) => <Link href={`/c/${slug}/patients/${id}`}>{name}</Link>;
  // it opens below the cards: the focus (and the view) move to it, for the keyboard and the eye alike
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [kind]);
  return (
    <section
      className="card dash-drill no-print"
      aria-labelledby="drill-h"
      data-testid="drill-down"
      onKeyDown={(e) => {
        if (e.key === "Escape") props.onClose();
      }}
    >
      <div className="dash-drill-head">
        <h2 id="drill-h" ref={heading} tabIndex={-1}>
          {DRILL_TITLES[kind]}
        </h2>
        <div className="actions">
          <a className="btn btn-small" href={exportHref(slug, kind, props.filters)} download>
            Download CSV
          </a>
          <button type="button" className="btn btn-small" onClick={props.onClose}>
            Close
          </button>
        </div>
      </div>
      {drill.isPending ? (
        <div className="skeleton" style={{ height: "6rem" }} aria-busy="true" aria-label="Loading the list" />
      ) : drill.isError ? (
        <div className="alert alert-error" role="alert">
          {errorMessage(drill.error)}
        </div>
      ) : drill.data.rows.length === 0 ? (
        <p className="muted">Nothing to list for this period.</p>
      ) : (
        <>
          <p className="muted" data-testid="drill-count">
            {drill.data.rows.length} {drill.data.rows.length === 1 ? "row" : "rows"}
          </p>
          <div className="dash-drill-scroll">
            <table className="table">
              {isRevenueDrill(drill.data) ? (
                <RevenueRows slug={slug} drill={drill.data} />
              ) : drill.data.kind === "new_patients" ? (
                <>
                  <thead>
                    <tr>
                      <th>First visit</th>
                      <th>Patient</th>
                      <th>Heard of us</th>
                      <th>Clinician</th>
                    </tr>
                  </thead>
                  <tbody>
                    {drill.data.rows.map((r) => (
                      <tr key={r.patientId}>
                        <td>{r.firstVisit}</td>
                        <td>{patient(r.patientId, r.patientName)}</td>
                        <td>{r.referralSource ?? "—"}</td>
                        <td>{r.clinicianName}</td>
                      </tr>
                    ))}
                  </tbody>
                </>
              ) : drill.data.kind === "at_risk" ? (
                <>
                  <thead>
                    <tr>
                      <th>Patient</th>
                      <th>Phone</th>
                      <th>Last visit</th>
                      <th>Clinician</th>
                      <th>Visits so far</th>
                    </tr>
                  </thead>
                  <tbody>
                    {drill.data.rows.map((r) => (
                      <tr key={r.patientId}>
                        <td>{patient(r.patientId, r.patientName)}</td>
                        <td>{r.phone ?? "—"}</td>
                        <td>{r.lastVisit ?? (r.openEpisode ? "Open episode, no visit yet" : "—")}</td>
                        <td>{r.clinicianName ?? "—"}</td>
                        <td>{r.visits}</td>
                      </tr>
                    ))}
                  </tbody>
                </>
              ) : drill.data.kind === "episodes" ? (
                <>
                  <thead>
                    <tr>
                      <th>Patient</th>
                      <th>Clinician</th>
                      <th>Started</th>
                      <th>Discharged</th>
                      <th>Visits</th>
                    </tr>
                  </thead>
                  <tbody>
                    {drill.data.rows.map((r) => (
                      <tr key={r.episodeId}>
                        <td>{patient(r.patientId, r.patientName)}</td>
                        <td>{r.clinicianName ?? "—"}</td>
                        <td>{r.started}</td>
                        <td>{r.discharged}</td>
                        <td>{r.visits}</td>
                      </tr>
                    ))}
                  </tbody>
                </>
              ) : drill.data.kind === "outcomes" ? (
                <>
                  <thead>
                    <tr>
                      <th>Patient</th>
                      <th>Clinician</th>
                      <th>Discharged</th>
                      <th>Questionnaire</th>
                      <th>First → latest</th>
                      <th>Reached the MCID</th>
                    </tr>
                  </thead>
                  <tbody>
                    {drill.data.rows.map((r) => (
                      <tr key={`${r.episodeId}:${r.instrumentKey}`}>
                        <td>{patient(r.patientId, r.patientName)}</td>
                        <td>{r.clinicianName ?? "—"}</td>
                        <td>{r.discharged}</td>
                        <td>{r.instrumentName}</td>
                        <td>{r.baseline === null ? (r.latest ?? "—") : `${r.baseline} → ${r.latest}`}</td>
                        <td>{r.reachedMcid ? "Yes" : "No"}</td>
                      </tr>
                    ))}
                  </tbody>
                </>
              ) : drill.data.kind === "adherence" ? (
                <>
                  <thead>
                    <tr>
                      <th>Patient</th>
                      <th>Program</th>
                      <th>Assigned by</th>
                      <th>Adherence</th>
                      <th>Sessions done</th>
                      <th>Last logged</th>
                    </tr>
                  </thead>
                  <tbody>
                    {drill.data.rows.map((r) => (
                      <tr key={r.programId}>
                        <td>{patient(r.patientId, r.patientName)}</td>
                        <td>{r.title}</td>
                        <td>{r.clinicianName ?? "—"}</td>
                        <td>{r.percentDone === null ? "Not started" : `${r.percentDone}%`}</td>
                        <td>
                          {r.sessionsDone} of {r.sessionsExpected}
                        </td>
                        <td>{r.lastActivity ?? "Nothing yet"}</td>
                      </tr>
                    ))}
                  </tbody>
                </>
              ) : (
                <>
                  <thead>
                    <tr>
                      <th>When</th>
                      <th>Patient</th>
                      <th>Clinician</th>
                      <th>Type</th>
                      <th>Outcome</th>
                      {drill.data.kind === "reminders" ? <th>Reminder sent</th> : null}
                      {drill.data.kind === "booked" ? <th>Minutes</th> : null}
                    </tr>
                  </thead>
                  <tbody>
                    {drill.data.rows.map((r) => (
                      <tr key={r.id}>
                        <td>
                          <Link href={`/c/${slug}/calendar?view=day&date=${r.localDate}`}>
                            {r.localDate} {r.localTime}
                          </Link>
                        </td>
                        <td>{patient(r.patientId, r.patientName)}</td>
                        <td>{r.clinicianName}</td>
                        <td>{r.typeName}</td>
                        <td>{r.upcoming && r.outcome === "not_marked" ? "Upcoming" : OUTCOME_WORDS[r.outcome]}</td>
                        {drill.data.kind === "reminders" ? <td>{r.reminded ? "Yes" : "No"}</td> : null}
                        {drill.data.kind === "booked" ? <td>{r.minutes}</td> : null}
                      </tr>
                    ))}
                  </tbody>
                </>
              )}
            </table>
          </div>
        </>
      )}
    </section>
  );
}

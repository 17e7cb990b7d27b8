"use client";
// The KPI cards about care: patients at risk of dropping out, episodes (visits per discharge,
// early dropout), outcomes (MCID), home-exercise adherence, reminders (revenue: revenue-card.tsx).
import type { Dashboard } from "@/server/dashboard/load";
import type { DrillKind } from "@/server/dashboard/schemas";
import { WeeklyChart } from "./charts";
import { useClinicLocale } from "@/app/_components/clinic-locale";
import { beforeWords, byWeek, clinicianName, localStampWords, pct, rate } from "./format";
import { MoreWhenPrinted, printRowClass } from "./print-rows";

type Open = (kind: DrillKind) => void;

export function AtRiskCard({ d, open }: { d: Dashboard; open: Open }) {
  const list = d.atRisk;
  const locale = useClinicLocale();
  return (
    <section className="card dash-card" aria-labelledby="at-risk-h" data-testid="kpi-at-risk">
      <h2 id="at-risk-h">Patients at risk of dropping out</h2>
      <p className="dash-big">
        <span className="stat" data-testid="at-risk-number">
          {list.length}
        </span>
        <span className="muted dash-change">unscheduled today</span>
      </p>
      <p className="muted">
        An open episode of care or a visit in the last 30 days, and no future appointment: worth a call from the front
        desk.
      </p>
      {list.length ? (
        <ul className="dash-list">
          {list.slice(0, 5).map((r) => (
            <li key={r.patientId}>
              {r.patientName}{" "}
              <span className="muted">
                · last visit {r.lastVisit ? localStampWords(r.lastVisit, locale) : "none yet"} · {r.visits} visit
                {r.visits === 1 ? "" : "s"}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {list.length ? (
        <button type="button" className="btn btn-small no-print" onClick={() => open("at_risk")}>
          Show all {list.length}
        </button>
      ) : null}
    </section>
  );
}

export function EpisodesCard({ d, open }: { d: Dashboard; open: Open }) {
  const { current: c, previous: p } = d.episodes;
  const early = rate(c.earlyDropout, c.discharged);
  return (
    <section className="card dash-card" aria-labelledby="episodes-h" data-testid="kpi-episodes">
      <h2 id="episodes-h">Visits per discharged episode</h2>
      {c.discharged === 0 ? (
        <p className="muted">Appears once episodes of care are discharged in this period.</p>
      ) : (
        <>
          <p className="dash-big">
            <span className="stat" data-testid="visits-per-episode">
              {c.visitsPerEpisode?.toFixed(1)}
            </span>
            <span className="muted dash-change">
              {p.visitsPerEpisode === null
                ? `no discharges ${beforeWords(d)}`
                : `vs ${p.visitsPerEpisode.toFixed(1)} ${beforeWords(d)}`}
            </span>
          </p>
          <p className="muted">
            {c.discharged} discharged; {c.earlyDropout} ({pct(early, 0)}) ended before a third visit. The literature
            reports about {d.reference.earlyDropoutPercent}% of patients dropping out within three visits.
          </p>
          <WeeklyChart
            title="Visits per discharged episode"
            points={byWeek(d, d.episodes.weekly, (w) => w.visitsPerEpisode, null)}
            format={(v) => v.toFixed(1)}
          />
        </>
      )}
      {c.discharged ? (
        <button type="button" className="btn btn-small no-print" onClick={() => open("episodes")}>
          Show the {c.discharged} {c.discharged === 1 ? "episode" : "episodes"}
        </button>
      ) : null}
    </section>
  );
}

const sharePct = (share: number | null) => (share === null ? "—" : `${Math.round(share * 100)}%`);

/** "50% (1 of 2)": a share of judged episodes that reached the MCID. */
function ShareCell({ s }: { s: { share: number | null; reached: number; evaluated: number } }) {
  return (
    <td>
      {sharePct(s.share)}{" "}
      <span className="muted">
        ({s.reached} of {s.evaluated})
      </span>
    </td>
  );
}

export function OutcomesCard({ d, open }: { d: Dashboard; open: Open }) {
  const { current: c, previous: p } = d.outcomes;
  const judged = c.byInstrument.reduce((n, r) => n + r.evaluated, 0);
  const before = (key: string) => p.byInstrument.find((r) => r.instrumentKey === key);
  // the clinicians with the most judged episodes first (by name among equals), as the other cards' tables
  const outcomeClinicians = [...c.byClinician].sort((x, y) => y.evaluated - x.evaluated);
  return (
    <section className="card dash-card" aria-labelledby="outcomes-h" data-testid="kpi-outcomes">
      <h2 id="outcomes-h">Outcomes: reached the MCID</h2>
      {c.byInstrument.length === 0 ? (
        <p className="muted">
          Appears once patients discharged in this period have outcome questionnaires (a first and a later score each).
        </p>
      ) : (
        <>
          <table className="table dash-mini dash-wrap">
            <caption className="muted">
              Episodes discharged in this period, by questionnaire (the Outcomes page has the detail)
            </caption>
            <thead>
              <tr>
                <th scope="col">Questionnaire</th>
                <th scope="col">Reached</th>
              </tr>
            </thead>
            <tbody>
              {c.byInstrument.map((r, i) => {
                const b = before(r.instrumentKey);
                return (
                  <tr key={r.instrumentKey} className={printRowClass(i, c.byInstrument.length)}>
                    <th scope="row">{r.instrumentName}</th>
                    <td>
                      <span className="dash-nowrap">
                        {sharePct(r.share)}{" "}
                        <span className="muted">
                          ({r.reached} of {r.evaluated})
                        </span>
                      </span>
                      <br />
                      <span className="muted dash-change">
                        {b ? `before: ${sharePct(b.share)} (${b.reached} of ${b.evaluated})` : "none before"}
                      </span>
                    </td>
                  </tr>
                );
              })}
              <MoreWhenPrinted total={c.byInstrument.length} columns={2} noun="questionnaires" />
            </tbody>
          </table>
          {c.byClinician.length > 1 ? (
            <table className="table dash-mini">
              <caption className="muted">By clinician (reached on at least one questionnaire)</caption>
              <tbody>
                {outcomeClinicians.map((r, i) => (
                  <tr key={r.clinicianId ?? "none"} className={printRowClass(i, outcomeClinicians.length)}>
                    <th scope="row">{r.clinicianName}</th>
                    <ShareCell s={r} />
                  </tr>
                ))}
                <MoreWhenPrinted total={outcomeClinicians.length} columns={2} noun="clinicians" />
              </tbody>
            </table>
          ) : null}
          <WeeklyChart
            title="Discharged episodes that reached the MCID, by week of discharge"
            percent
            points={byWeek(d, d.outcomes.weekly, (w) => rate(w.reached, w.judged), null)}
            format={(v) => pct(v, 0)}
          />
          <button type="button" className="btn btn-small no-print" onClick={() => open("outcomes")}>
            Show the {judged} questionnaire {judged === 1 ? "result" : "results"}
          </button>
        </>
      )}
    </section>
  );
}

export function AdherenceCard({ d, open }: { d: Dashboard; open: Open }) {
  const a = d.adherence;
  return (
    <section className="card dash-card" aria-labelledby="adherence-h" data-testid="kpi-adherence">
      <h2 id="adherence-h">Home-exercise adherence</h2>
      {a.activePrograms === 0 ? (
        <p className="muted">Appears once patients have home-exercise programs assigned.</p>
      ) : (
        <>
          <p className="dash-big">
            <span className="stat">{a.medianPercent === null ? "—" : `${a.medianPercent}%`}</span>
            <span className="muted dash-change">median of {a.activePrograms} active programs</span>
          </p>
          <p className="muted">
            {a.loggedLast7Days} of {a.patients} patients ({pct(rate(a.loggedLast7Days, a.patients), 0)}) logged exercise
            or pain in the last 7 days.
          </p>
          {a.byClinician.length > 1 ? (
            <table className="table dash-mini">
              <caption className="muted">By the clinician who assigned the program</caption>
              <thead>
                <tr>
                  <th scope="col">Clinician</th>
                  <th scope="col">Median</th>
                  <th scope="col">Logged in 7 days</th>
                </tr>
              </thead>
              <tbody>
                {a.byClinician.map((c, i) => (
                  <tr key={c.clinicianId} className={printRowClass(i, a.byClinician.length)}>
                    <th scope="row">{clinicianName(d, c.clinicianId === "none" ? null : c.clinicianId)}</th>
                    <td>{c.medianPercent === null ? "—" : `${c.medianPercent}%`}</td>
                    <td>
                      {c.loggedLast7Days} of {c.patients}
                    </td>
                  </tr>
                ))}
                <MoreWhenPrinted total={a.byClinician.length} columns={3} noun="clinicians" />
              </tbody>
            </table>
          ) : null}
          <WeeklyChart
            title="Patients who logged exercise or pain"
            points={byWeek(d, a.weekly, (w) => w.patients, 0)}
            format={String}
          />
          <button type="button" className="btn btn-small no-print" onClick={() => open("adherence")}>
            Show the {a.activePrograms} {a.activePrograms === 1 ? "program" : "programs"}
          </button>
        </>
      )}
    </section>
  );
}

export function RemindersCard({ d, open }: { d: Dashboard; open: Open }) {
  const r = d.reminders;
  const total = r.reminded.appointments + r.notReminded.appointments;
  const noShow = (g: { appointments: number; noShows: number }) => rate(g.noShows, g.appointments);
  return (
    <section className="card dash-card" aria-labelledby="reminders-h" data-testid="kpi-reminders">
      <h2 id="reminders-h">Reminders and no-shows</h2>
      {r.enoughData ? (
        <p>
          No-show rate with a reminder sent: <strong>{pct(noShow(r.reminded))}</strong> ({r.reminded.appointments}{" "}
          appointments); without: <strong>{pct(noShow(r.notReminded))}</strong> ({r.notReminded.appointments}).
        </p>
      ) : (
        <p className="muted" data-testid="reminders-not-enough">
          Not enough data to compare yet: each group needs at least {r.minGroup} attended or missed appointments in the
          period (now {r.reminded.appointments} with a reminder sent, {r.notReminded.appointments} without).
        </p>
      )}
      {/* the trend compares the two groups too: only once there is enough to compare */}
      {r.enoughData ? (
        <WeeklyChart
          title="No-show rate with and without a reminder"
          percent
          lines={["With a reminder sent", "Without"]}
          points={byWeek(
            d,
            r.weekly,
            (w) => noShow(w.reminded),
            null,
            (w) => noShow(w.notReminded),
          )}
          format={(v) => pct(v, 0)}
        />
      ) : null}
      {total > 0 ? (
        <button type="button" className="btn btn-small no-print" onClick={() => open("reminders")}>
          Show the {total} {total === 1 ? "appointment" : "appointments"}
        </button>
      ) : null}
    </section>
  );
}

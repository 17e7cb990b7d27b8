"use client";
// Owners: of the discharged episodes, the share that reached the MCID, per instrument and per
// treating clinician, as bars (recharts) and as a table with the counts behind each share.
import { useQuery } from "@tanstack/react-query";
import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, XAxis, YAxis } from "recharts";
import { errorMessage, useTRPC } from "@/app/_lib/trpc";
import type { OutcomeShare } from "@/server/outcomes/views";
import { ScrollRegion } from "@/app/_components/scroll-region";

type Row = OutcomeShare & { key: string; name: string };

const percent = (share: number | null) => (share === null ? "—" : `${Math.round(share * 100)}%`);

export function ClinicSummary() {
  const trpc = useTRPC();
  const summary = useQuery(trpc.outcomes.clinicSummary.queryOptions());
  if (summary.isPending) {
    return (
      <section className="card" aria-busy="true" aria-label="Loading the outcome summary">
        <div className="skeleton" style={{ height: "10rem" }} />
      </section>
    );
  }
  if (summary.isError)
    return (
      <div className="alert alert-error" role="alert">
        {errorMessage(summary.error)}
      </div>
    );
  const s = summary.data;
  const byInstrument: Row[] = s.byInstrument.map((r) => ({ ...r, key: r.instrumentKey, name: r.instrumentName }));
  const byClinician: Row[] = s.byClinician.map((r) => ({ ...r, key: r.clinicianId ?? "none", name: r.clinicianName }));
  return (
    <section className="card" aria-labelledby="summary-h" data-testid="outcome-summary">
      <h2 id="summary-h">Discharged patients who improved meaningfully</h2>
      <p className="muted">
        {s.discharged} {s.discharged === 1 ? "episode" : "episodes"} of care discharged so far. An episode counts as{" "}
        <strong>reached</strong> for a questionnaire when its last score is better than the first one by at least the
        minimal clinically important difference (MCID) — for example 2 points on the NPRS or 10 on the ODI — or, for the
        global rating of change (GROC), when the patient rated the change +3 or more. Only episodes with a first and a
        later score (or a GROC rating) are <strong>evaluated</strong>. By clinician, an episode counts once, as reached
        when it reached the MCID on at least one questionnaire; the last table splits that by questionnaire.
      </p>
      {s.discharged === 0 ? (
        <div className="empty">
          <h3>No one discharged yet</h3>
          <p>Shares appear here once patients with outcome measures are discharged from an episode of care.</p>
        </div>
      ) : (
        <div className="oc-summary-grid">
          <ShareBlock
            title="By questionnaire"
            rows={byInstrument}
            nameHeading="Questionnaire"
            testId="summary-by-instrument"
          />
          <ShareBlock
            title="By treating clinician"
            rows={byClinician}
            nameHeading="Clinician"
            testId="summary-by-clinician"
          />
        </div>
      )}
      {s.byClinicianInstrument.length > 0 ? (
        <div className="oc-share" data-testid="summary-by-clinician-instrument">
          <h3>By clinician and questionnaire</h3>
          <ShareTable
            caption="Share that reached the MCID, by clinician and questionnaire"
            headings={["Clinician", "Questionnaire"]}
            rows={s.byClinicianInstrument.map((r) => ({
              ...r,
              key: `${r.clinicianId ?? "none"}-${r.instrumentKey}`,
              names: [r.clinicianName, r.instrumentName],
            }))}
          />
        </div>
      ) : null}
    </section>
  );
}

function ShareBlock({
  title,
  rows,
  nameHeading,
  testId,
}: {
  title: string;
  rows: Row[];
  nameHeading: string;
  testId: string;
}) {
  const data = rows.map((r) => ({
    name: r.name,
    value: r.share === null ? 0 : Math.round(r.share * 100),
    label: r.share === null ? "—" : `${percent(r.share)} (${r.reached}/${r.evaluated})`,
  }));
  return (
    <div className="oc-share" data-testid={testId}>
      <h3>{title}</h3>
      {rows.length === 0 ? (
        <p className="muted">No discharged episode could be evaluated yet: each needs a first and a later score.</p>
      ) : (
        <>
          <div aria-hidden="true" className="oc-plot-frame">
            <ResponsiveContainer
              width="100%"
              height={Math.max(120, 44 * rows.length + 40)}
              initialDimension={{ width: 480, height: 160 }}
            >
              <BarChart
                data={data}
                layout="vertical"
                margin={{ top: 4, right: 96, bottom: 4, left: 4 }}
                accessibilityLayer={false}
              >
                <CartesianGrid stroke="#e1e6eb" strokeDasharray="3 3" horizontal={false} />
                <XAxis
                  type="number"
                  domain={[0, 100]}
                  ticks={[0, 25, 50, 75, 100]}
                  tickFormatter={(v: number) => `${v}%`}
                  tick={{ fontSize: 12, fill: "#52606d" }}
                />
                <YAxis type="category" dataKey="name" width={150} tick={{ fontSize: 12, fill: "#1f2933" }} />
                <Bar dataKey="value" fill="#0f766e" barSize={20} isAnimationActive={false}>
                  <LabelList dataKey="label" position="right" style={{ fontSize: 12, fill: "#1f2933" }} />
                </Bar>
              </BarChart>
            </ResponsiveContainer>
          </div>
          <ShareTable
            caption={`${title}: share that reached the MCID`}
            headings={[nameHeading]}
            rows={rows.map((r) => ({ ...r, names: [r.name] }))}
          />
        </>
      )}
    </div>
  );
}

/** Counts behind each share: the first heading names the row, the rest are further name columns. */
function ShareTable({
  caption,
  headings,
  rows,
}: {
  caption: string;
  headings: string[];
  rows: (OutcomeShare & { key: string; names: string[] })[];
}) {
  return (
    <ScrollRegion label={caption}>
      <table className="table oc-share-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {headings.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
            <th scope="col">Evaluated</th>
            <th scope="col">Reached</th>
            <th scope="col">Share</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.names[0]}</th>
              {r.names.slice(1).map((n) => (
                <td key={n}>{n}</td>
              ))}
              <td>{r.evaluated}</td>
              <td>{r.reached}</td>
              <td>{percent(r.share)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

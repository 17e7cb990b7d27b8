"use client";
// One instrument's answers in an episode: the score over time (dates in the clinic's zone) with
// the baseline and the MCID band in the better direction, or for a "change" instrument (GROC) the
// rating on its −7..+7 scale against the threshold. Beside it the server's one-sentence summary;
// under it the unscored answers; for screen readers a table of every answer.
import { useId } from "react";
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceArea,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { SeriesPoint, SeriesView } from "@/server/outcomes/views";
import { axisLabel, formatDate, formatShortDate, num, sign } from "./labels";

const DAY = 24 * 60 * 60 * 1000;
const HEIGHT = 220;

type Datum = { t: number; score: number; point: SeriesPoint };

export function OutcomeChart({ series, timeZone }: { series: SeriesView; timeZone: string }) {
  const captionId = useId();
  const unscored = series.points.filter((p) => p.score === null);
  return (
    <figure
      className="oc-chart"
      data-testid={`outcome-chart-${series.instrumentKey}`}
      aria-label={`${series.instrumentName} (${series.shortName}) ${series.kind === "change" ? "rating" : "over time"}`}
      aria-describedby={captionId}
    >
      <figcaption className="oc-chart-head muted" id={captionId}>
        {axisLabel(series)}
      </figcaption>
      <div className="oc-chart-body">
        <div className="oc-chart-plot">
          {series.kind === "change" ? (
            <ChangeScale series={series} timeZone={timeZone} />
          ) : (
            <StatusChart series={series} timeZone={timeZone} />
          )}
        </div>
        <p className="oc-chart-summary">{series.summary}</p>
      </div>
      {unscored.length ? (
        <ul className="oc-unscored" aria-label="Answers without a score">
          {unscored.map((p) => (
            <li key={p.responseId}>
              <span className="oc-hollow" aria-hidden="true" /> {p.occasionLabel}, {formatDate(p.at, timeZone)}: not
              scored — {p.unscoredReason ?? "too many items unanswered"}
            </li>
          ))}
        </ul>
      ) : null}
      {/* a table is as wide as its cells whatever its own width: the box around it holds it to 1px (no sideways scroll) */}
      <div className="visually-hidden">
        <table>
          <caption>{series.shortName} answers</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Occasion</th>
              <th scope="col">Score</th>
            </tr>
          </thead>
          <tbody>
            {series.points.map((p) => (
              <tr key={p.responseId}>
                <td>{formatDate(p.at, timeZone)}</td>
                <td>{p.occasionLabel}</td>
                <td>
                  {p.scoreLabel !== null
                    ? `${p.scoreLabel}${p.scoreNote ? `, ${p.scoreNote}` : ""}`
                    : `Not scored: ${p.unscoredReason ?? "too many items unanswered"}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

/** The MCID band: from the baseline to one MCID in the better direction, kept inside the range. */
function mcidBand(s: SeriesView): { y1: number; y2: number } | null {
  const b = s.progress.baseline;
  if (b === null) return null;
  const edge = s.better === "lower" ? Math.max(s.range.min, b - s.mcid.value) : Math.min(s.range.max, b + s.mcid.value);
  return { y1: Math.min(b, edge), y2: Math.max(b, edge) };
}

function StatusChart({ series, timeZone }: { series: SeriesView; timeZone: string }) {
  const data: Datum[] = series.points.flatMap((p) =>
    p.score === null ? [] : [{ t: p.at.getTime(), score: p.score, point: p }],
  );
  if (data.length === 0) return <p className="muted oc-chart-empty">No scored answers yet.</p>;
  const first = data[0]!.t;
  const last = data.at(-1)!.t;
  const pad = Math.max(2 * DAY, (last - first) * 0.05);
  const band = mcidBand(series);
  const baseline = series.progress.baseline;
  return (
    <div aria-hidden="true" className="oc-plot-frame">
      <ResponsiveContainer width="100%" height={HEIGHT} initialDimension={{ width: 480, height: HEIGHT }}>
        <LineChart data={data} margin={{ top: 12, right: 16, bottom: 4, left: 4 }} accessibilityLayer={false}>
          <CartesianGrid stroke="#e1e6eb" strokeDasharray="3 3" vertical={false} />
          <XAxis
            dataKey="t"
            type="number"
            scale="time"
            domain={[first - pad, last + pad]}
            tickFormatter={(t: number) => formatShortDate(t, timeZone)}
            tick={{ fontSize: 12, fill: "#52606d" }}
            minTickGap={24}
          />
          <YAxis
            domain={[series.range.min, series.range.max]}
            allowDataOverflow
            width={40}
            tick={{ fontSize: 12, fill: "#52606d" }}
            tickFormatter={(v: number) => (series.unit === "%" ? `${v}%` : String(v))}
          />
          {band ? (
            <ReferenceArea
              y1={band.y1}
              y2={band.y2}
              fill="#e8f5ec"
              fillOpacity={0.9}
              stroke="none"
              ifOverflow="hidden"
            />
          ) : null}
          {baseline !== null ? <ReferenceLine y={baseline} stroke="#52606d" strokeDasharray="5 4" /> : null}
          <Tooltip
            content={({ active, payload }) => (
              <PointTip active={active} datum={payload?.[0]?.payload as Datum | undefined} timeZone={timeZone} />
            )}
            isAnimationActive={false}
          />
          <Line
            type="linear"
            dataKey="score"
            stroke="#0f766e"
            strokeWidth={2}
            dot={{ r: 4, fill: "#0f766e" }}
            activeDot={{ r: 6 }}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
      {baseline !== null ? (
        <div className="oc-legend">
          <span>
            <span className="oc-key-line" /> Baseline{" "}
            {series.points.find((p) => p.score !== null)?.scoreLabel ?? num(baseline)}
          </span>
          <span>
            <span className="oc-key-band" /> MCID band: {num(series.mcid.value)}{" "}
            {series.unit === "%" ? "percentage points" : "points"} {series.better === "lower" ? "below" : "above"}{" "}
            baseline — beyond it is a meaningful improvement
          </span>
        </div>
      ) : null}
    </div>
  );
}

function PointTip({ active, datum, timeZone }: { active?: boolean; datum?: Datum; timeZone: string }) {
  if (!active || !datum) return null;
  const p = datum.point;
  return (
    <div className="chart-tip">
      <strong>{p.occasionLabel}</strong>
      <div>{formatDate(p.at, timeZone)}</div>
      <div>
        Score {p.scoreLabel ?? num(datum.score)}
        {p.scoreNote ? `, ${p.scoreNote}` : ""}
        {p.source === "staff" ? " · answered in clinic" : ""}
      </div>
    </div>
  );
}

/** GROC and other change ratings: the latest rating on its scale, with the threshold marked. */
function ChangeScale({ series, timeZone }: { series: SeriesView; timeZone: string }) {
  const { min, max } = series.range;
  const at = (v: number) => `${((v - min) / (max - min)) * 100}%`;
  const scored = series.points.filter((p) => p.score !== null);
  const latest = scored.at(-1);
  const threshold = series.mcid.value;
  if (!latest || latest.score === null)
    return <p className="muted oc-chart-empty">Not answered yet (asked at discharge).</p>;
  const value = latest.score;
  const zero = Math.min(max, Math.max(min, 0));
  const reached = value >= threshold;
  return (
    <div className="oc-change">
      <div className="oc-change-figure">
        <span className={`oc-change-value ${reached ? "oc-good" : ""}`}>{latest.scoreLabel ?? sign(value)}</span>
        <span className="muted">
          {latest.occasionLabel}, {formatDate(latest.at, timeZone)} · meaningful at {sign(threshold)} or more
        </span>
      </div>
      <div className="oc-change-track" aria-hidden="true">
        <span
          className="oc-change-threshold-zone"
          style={{ left: at(threshold), width: `calc(100% - ${at(threshold)})` }}
        />
        <span
          className={`oc-change-bar ${reached ? "oc-good" : value < 0 ? "oc-bad" : ""}`}
          style={{ left: at(Math.min(zero, value)), width: `${(Math.abs(value - zero) / (max - min)) * 100}%` }}
        />
        <span className="oc-change-zero" style={{ left: at(zero) }} />
        <span className="oc-change-mark" style={{ left: at(threshold) }} title={`Threshold ${sign(threshold)}`} />
      </div>
      <div className="oc-change-ticks" aria-hidden="true">
        {[min, zero, threshold, max].map((v) => (
          <span key={v} style={{ left: at(v) }} className={v === threshold ? "oc-change-tick-mark" : undefined}>
            {sign(v)}
          </span>
        ))}
      </div>
      <div className="oc-change-ends muted" aria-hidden="true">
        <span>worse</span>
        <span>better</span>
      </div>
      {scored.length > 1 ? (
        <p className="muted oc-change-earlier">
          Earlier:{" "}
          {scored
            .slice(0, -1)
            .map((p) => `${p.occasionLabel} ${p.scoreLabel ?? sign(p.score ?? 0)}`)
            .join(", ")}
        </p>
      ) : null}
    </div>
  );
}

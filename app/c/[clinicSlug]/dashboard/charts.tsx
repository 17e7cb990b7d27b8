"use client";
// Dashboard charts: a weekly trend line (recharts) with optional reference lines, and the
// weekday × hour utilization heat map. Each has a table for screen readers (and for print).
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { useClinicLocale } from "@/app/_components/clinic-locale";
import { ScrollRegion } from "@/app/_components/scroll-region";
import { dayWords, HEAT_STEPS, heatLevel, type Point } from "./format";

export type Reference = { value: number; label: string; color: string };

export function WeeklyChart(props: {
  title: string;
  points: Point[];
  format: (v: number) => string;
  references?: Reference[];
  percent?: boolean;
  /** The value axis's ticks (money: "$2.3K"); the numbers as they are when not given. */
  axis?: (v: number) => string;
  /** Names of the two lines when the points carry `other`: [value's, other's]. */
  lines?: [string, string];
}) {
  const { points, format, lines } = props;
  const locale = useClinicLocale();
  if (points.length < 2) return null;
  const shortWeek = (week: string) => dayWords(week, locale);
  const names = [lines?.[0] ?? props.title, lines?.[1] ?? ""];
  // The week under way counts only its days so far: its point is drawn faded, joined to the week before
  // by a faded segment (the solid line stops at the last whole week), so a week just begun does not read
  // as a fall. The tooltip and the table say "so far".
  const under = points.findIndex((p) => p.soFar);
  // the faded line's dot only on the week under way (the week before keeps the solid line's own)
  const hollow = (stroke: string) =>
    function SoFarDot(dot: { cx?: number; cy?: number; index?: number }) {
      return dot.index === under && dot.cx !== undefined && dot.cy !== undefined ? (
        <circle key="so-far" cx={dot.cx} cy={dot.cy} r={3} fill="#fff" stroke={stroke} strokeWidth={1.5} />
      ) : (
        <g key={`none-${dot.index}`} />
      );
    };
  // one line of the chart: solid over the whole weeks, then faded into the week under way
  const series = (key: "value" | "other", name: string, color: string, dash?: string) => [
    <Line
      key={key}
      type="monotone"
      dataKey={key}
      name={name}
      stroke={color}
      strokeWidth={2}
      strokeDasharray={dash}
      dot={{ r: 2 }}
      isAnimationActive={false}
      connectNulls
    />,
    <Line
      key={`${key}SoFar`}
      type="monotone"
      dataKey={`${key}SoFar`}
      legendType="none"
      stroke={color}
      strokeOpacity={0.4}
      strokeWidth={2}
      strokeDasharray={dash}
      dot={hollow(color)}
      isAnimationActive={false}
    />,
  ];
  const data = points.map((p, i) => {
    const faded = under >= 0 && (i === under || i === under - 1);
    return {
      ...p,
      value: i === under ? null : p.value,
      other: i === under ? null : (p.other ?? null),
      valueSoFar: faded ? p.value : null,
      otherSoFar: faded ? (p.other ?? null) : null,
    };
  });
  return (
    <figure className="dash-chart">
      <div aria-hidden="true" className="dash-chart-plot">
        <ResponsiveContainer width="100%" height={140}>
          <LineChart
            data={data}
            margin={{ top: 8, right: 12, bottom: 0, left: -16 }}
            // the plot is hidden from assistive technology (the table below says the same), so it must
            // not take keyboard focus either: recharts' keyboard layer puts a tabindex on the chart
            accessibilityLayer={false}
          >
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="week" tickFormatter={shortWeek} fontSize={11} />
            <YAxis
              fontSize={11}
              allowDecimals={!!props.percent}
              domain={props.percent ? [0, "auto"] : undefined}
              tickFormatter={props.axis}
            />
            <Tooltip
              content={({ active, label }) => {
                const p = active ? points.find((x) => x.week === label) : undefined;
                if (!p) return null;
                const shown = [p.value, ...(lines ? [p.other ?? null] : [])];
                return (
                  <div className="chart-tip">
                    <strong>
                      Week of {shortWeek(p.week)}
                      {p.soFar ? " (so far)" : ""}
                    </strong>
                    {shown.map((v, i) => (v === null ? null : <div key={i}>{`${names[i]}: ${format(v)}`}</div>))}
                  </div>
                );
              }}
            />
            {props.references?.map((r) => (
              <ReferenceLine
                key={r.label}
                y={r.value}
                stroke={r.color}
                strokeDasharray="4 4"
                label={{ value: r.label, fontSize: 10, fill: r.color, position: "insideTopRight" }}
              />
            ))}
            {series("value", names[0]!, "#0f766e")}
            {lines ? series("other", lines[1], "#b45309", "5 3") : null}
            {lines ? <Legend verticalAlign="top" height={20} iconSize={10} wrapperStyle={{ fontSize: 11 }} /> : null}
          </LineChart>
        </ResponsiveContainer>
      </div>
      {/* a table is as wide as its cells whatever its own width: the box around it holds it to 1px (no sideways scroll) */}
      <div className="visually-hidden">
        <table>
          <caption>{props.title}, by week</caption>
          <thead>
            <tr>
              <th scope="col">Week of</th>
              <th scope="col">{lines?.[0] ?? props.title}</th>
              {lines ? <th scope="col">{lines[1]}</th> : null}
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.week}>
                <th scope="row">
                  {dayWords(p.week, locale, true)}
                  {p.soFar ? " (so far)" : ""}
                </th>
                <td>{p.value === null ? "—" : format(p.value)}</td>
                {lines ? <td>{p.other === null || p.other === undefined ? "—" : format(p.other)}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

const DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/** Booked ÷ available per weekday and local hour, as a table whose cells are shaded by the share. */
export function HeatMap({ cells }: { cells: { isoDay: number; hour: number; booked: number; available: number }[] }) {
  const open = cells.filter((c) => c.available > 0);
  if (!open.length) return null;
  const hours = [...new Set(open.map((c) => c.hour))].sort((a, b) => a - b);
  const days = [...new Set(open.map((c) => c.isoDay))].sort((a, b) => a - b);
  const at = (d: number, h: number) => cells.find((c) => c.isoDay === d && c.hour === h);
  return (
    <ScrollRegion label="Utilization by weekday and hour" className="dash-heat-wrap">
      <table className="dash-heat" data-testid="heat-map">
        <caption>Utilization by weekday and hour (booked ÷ available minutes)</caption>
        <thead>
          <tr>
            <td />
            {hours.map((h) => (
              <th key={h} scope="col">
                {String(h).padStart(2, "0")}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {days.map((d) => (
            <tr key={d}>
              <th scope="row">{DAYS[d - 1]}</th>
              {hours.map((h) => {
                const c = at(d, h);
                const share = c && c.available > 0 ? Math.min(1, c.booked / c.available) : null;
                return (
                  <td key={h} className={share === null ? undefined : `dash-heat-${heatLevel(share)}`}>
                    {share === null ? "" : `${Math.round(share * 100)}`}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <ul className="dash-heat-legend" aria-label="Shading: share of the hour's available minutes booked">
        {HEAT_STEPS.map(({ level, label }) => (
          <li key={level}>
            <span className={`dash-heat-swatch dash-heat-${level}`} aria-hidden="true" />
            {label}
          </li>
        ))}
      </ul>
    </ScrollRegion>
  );
}

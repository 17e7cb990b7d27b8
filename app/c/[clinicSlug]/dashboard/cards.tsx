"use client";
// The KPI cards: each shows its number, the change against the previous period of the same
// length, a weekly trend, and a button to the rows behind it (drill-down and CSV).
import type { ReactNode } from "react";
import { useClinicLocale } from "@/app/_components/clinic-locale";
import type { Dashboard } from "@/server/dashboard/load";
import type { DrillKind } from "@/server/dashboard/schemas";
import { HeatMap, WeeklyChart } from "./charts";
import { beforeWords, byWeek, change, clinicianName, count, pct, rate, wholeWeeks } from "./format";
import { MoreWhenPrinted, printRowClass } from "./print-rows";

type Open = (kind: DrillKind) => void;

/** wide: the whole row; on paper "two" columns of the three, so a small card fits beside it. */
function Card(props: { id: string; title: string; children: ReactNode; wide?: boolean | "print-two" }) {
  return (
    <section
      className={`card dash-card${props.wide ? " dash-wide" : ""}${props.wide === "print-two" ? " dash-print-two" : ""}`}
      aria-labelledby={`${props.id}-h`}
      data-testid={`kpi-${props.id}`}
    >
      <h2 id={`${props.id}-h`}>{props.title}</h2>
      {props.children}
    </section>
  );
}

function Big(props: { value: string; change: string; testId: string }) {
  return (
    <p className="dash-big">
      <span className="stat" data-testid={props.testId}>
        {props.value}
      </span>
      <span className="muted dash-change">{props.change}</span>
    </p>
  );
}

/** The button that opens the rows behind a number; none when there are no rows (`count` 0) to open. */
function Show(props: { kind: DrillKind; open: Open; count: number; children: ReactNode }) {
  if (props.count === 0) return null;
  return (
    <button type="button" className="btn btn-small no-print" onClick={() => props.open(props.kind)}>
      {props.children}
    </button>
  );
}

/** A small table of counts by clinician or by type, largest first (as the statement orders them). */
function CountTable(props: {
  caption: string;
  rows: { key: string; count: number }[];
  name: (id: string) => string;
  noun: string;
}) {
  const locale = useClinicLocale();
  return (
    <table className="table dash-mini">
      <caption className="muted">{props.caption}</caption>
      <tbody>
        {props.rows.map((c, i) => (
          <tr key={c.key} className={printRowClass(i, props.rows.length)}>
            <th scope="row">{props.name(c.key)}</th>
            <td>{count(c.count, locale)}</td>
          </tr>
        ))}
        <MoreWhenPrinted total={props.rows.length} columns={2} noun={props.noun} />
      </tbody>
    </table>
  );
}

export function VisitsCard({ d, open }: { d: Dashboard; open: Open }) {
  const v = d.visits;
  const locale = useClinicLocale();
  return (
    <Card id="visits" title="Visits">
      <Big
        value={count(v.current, locale)}
        change={change(v.current, v.previous, "count", locale, beforeWords(d))}
        testId="visits-number"
      />
      <p className="muted">Appointments the patient arrived for (checked in or completed).</p>
      <WeeklyChart title="Visits" points={byWeek(d, v.weekly, (w) => w.visits, 0)} format={String} />
      {v.byClinician.length > 1 ? (
        <CountTable caption="By clinician" rows={v.byClinician} name={(id) => clinicianName(d, id)} noun="clinicians" />
      ) : null}
      {v.byType.length > 1 ? (
        <CountTable
          caption="By appointment type"
          rows={v.byType}
          noun="appointment types"
          name={(id) => d.types.find((t) => t.id === id)?.name ?? "Former type"}
        />
      ) : null}
      <Show kind="visits" open={open} count={v.current}>
        Show the {count(v.current, locale)} {v.current === 1 ? "visit" : "visits"}
      </Show>
    </Card>
  );
}

export function AttendanceCard({ d, open }: { d: Dashboard; open: Open }) {
  const { current: c, previous: p, weekly } = d.attendance;
  const noShow = rate(c.noShow, c.scheduled);
  const webpt = rate(c.noShow + c.cancelled, c.scheduled);
  const goal = d.settings.noShowGoalPercent;
  const locale = useClinicLocale();
  /** One rate's change: `part` of the scheduled appointments, this period against the one before. */
  const rateChange = (part: (x: typeof c) => number) =>
    change(rate(part(c), c.scheduled), rate(part(p), p.scheduled), "percent", locale, beforeWords(d));
  const n = (x: number) => count(x, locale);
  const references = [
    { value: d.reference.noShowPercent, label: `US PT average ${d.reference.noShowPercent}%`, color: "#b45309" },
    ...(goal !== null ? [{ value: goal, label: `Goal ${goal}%`, color: "#1d4ed8" }] : []),
  ];
  return (
    <Card id="attendance" title="Arrivals, late cancellations and no-shows" wide>
      {c.scheduled === 0 ? (
        <p className="muted">
          Rates appear once appointments in this period have started and been marked arrived, cancelled or no-show.
        </p>
      ) : (
        <>
          <div className="dash-rates">
            <div>
              <h3>No-show rate</h3>
              <Big value={pct(noShow)} change={rateChange((x) => x.noShow)} testId="no-show-rate" />
            </div>
            <div>
              <h3>Arrival rate</h3>
              <Big
                value={pct(rate(c.arrived, c.scheduled))}
                change={rateChange((x) => x.arrived)}
                testId="arrival-rate"
              />
            </div>
            <div>
              <h3>Late cancellations</h3>
              <Big
                value={pct(rate(c.lateCancel, c.scheduled))}
                change={rateChange((x) => x.lateCancel)}
                testId="late-cancel-rate"
              />
            </div>
            <div>
              <h3>Cancel/no-show rate</h3>
              <Big value={pct(webpt)} change={rateChange((x) => x.noShow + x.cancelled)} testId="cancel-no-show-rate" />
            </div>
          </div>
          <p className="muted">
            Of the <strong data-testid="scheduled-number">{n(c.scheduled)}</strong> appointments scheduled in this
            period that have started: {n(c.arrived)} arrived, {n(c.noShow)} no-show, {n(c.cancelled)} cancelled (
            {n(c.lateCancel)} less than {d.settings.lateCancelHours} hours ahead)
            {c.notMarked ? `, ${n(c.notMarked)} not marked yet` : ""}. The cancel/no-show rate is (no-shows +
            cancellations) ÷ scheduled, as WebPT defines it. The dashed line is the published US outpatient PT no-show
            rate ({d.reference.noShowPercent}%, AAOE survey)
            {goal !== null ? `; the blue one your goal (${goal}%)` : ""}.
          </p>
          <WeeklyChart
            title="No-show rate"
            percent
            points={byWeek(d, weekly, (w) => rate(w.noShow, w.scheduled), null)}
            format={(v) => pct(v)}
            references={references}
          />
        </>
      )}
      <div className="actions no-print">
        <Show kind="scheduled" open={open} count={c.scheduled}>
          All {n(c.scheduled)} scheduled
        </Show>
        <Show kind="no_show" open={open} count={c.noShow}>
          The {n(c.noShow)} {c.noShow === 1 ? "no-show" : "no-shows"}
        </Show>
        <Show kind="late_cancel" open={open} count={c.lateCancel}>
          The {n(c.lateCancel)} late {c.lateCancel === 1 ? "cancellation" : "cancellations"}
        </Show>
      </div>
    </Card>
  );
}

export function UtilizationCard({ d, open }: { d: Dashboard; open: Open }) {
  const u = d.utilization;
  const share = (m: { booked: number; available: number }) => rate(m.booked, m.available);
  const locale = useClinicLocale();
  const hours = (minutes: number) => count(Math.round(minutes / 60), locale);
  return (
    <Card id="utilization" title="Utilization" wide="print-two">
      {u.current.available === 0 ? (
        <p className="muted">
          Utilization appears once clinicians have working hours inside the clinic&apos;s opening hours in this period.
        </p>
      ) : (
        <>
          <Big
            value={pct(share(u.current))}
            change={change(share(u.current), share(u.previous), "percent")}
            testId="utilization-number"
          />
          <p className="muted">
            {hours(u.current.booked)} booked of {hours(u.current.available)} available clinician hours — working hours
            inside opening hours, less closures and time off. Many clinics aim for 75–85%.
          </p>
          <div className="dash-two">
            <WeeklyChart
              title="Utilization"
              percent
              points={wholeWeeks(byWeek(d, u.weekly, share, null))}
              format={(v) => pct(v)}
            />
            <table className="table dash-mini">
              <caption>By clinician</caption>
              <tbody>
                {u.byClinician.map((c, i) => (
                  <tr key={c.clinicianId} className={printRowClass(i, u.byClinician.length)}>
                    <th scope="row">{clinicianName(d, c.clinicianId)}</th>
                    <td>{pct(share(c), 0)}</td>
                    <td className="muted">
                      {hours(c.booked)} / {hours(c.available)} h
                    </td>
                  </tr>
                ))}
                <MoreWhenPrinted total={u.byClinician.length} columns={3} noun="clinicians" />
              </tbody>
            </table>
          </div>
          <HeatMap cells={u.heat} />
          <Show kind="booked" open={open} count={u.current.appointments}>
            Show the {count(u.current.appointments, locale)} booked{" "}
            {u.current.appointments === 1 ? "appointment" : "appointments"}
          </Show>
        </>
      )}
    </Card>
  );
}

export function NewPatientsCard({ d, open }: { d: Dashboard; open: Open }) {
  const n = d.newPatients;
  const locale = useClinicLocale();
  return (
    <Card id="new-patients" title="New patients">
      <Big
        value={count(n.current, locale)}
        change={change(n.current, n.previous, "count", locale, beforeWords(d))}
        testId="new-patients-number"
      />
      <p className="muted">Patients whose first visit ever was in this period.</p>
      <WeeklyChart title="New patients" points={byWeek(d, n.weekly, (w) => w.patients, 0)} format={String} />
      {n.bySource.length ? (
        <table className="table dash-mini">
          <caption>How they heard about us</caption>
          <tbody>
            {n.bySource.map((s, i) => (
              <tr key={s.source ?? "none"} className={printRowClass(i, n.bySource.length)}>
                <th scope="row">{s.source ?? "Not asked"}</th>
                <td>{count(s.count, locale)}</td>
              </tr>
            ))}
            <MoreWhenPrinted total={n.bySource.length} columns={2} noun="sources" />
          </tbody>
        </table>
      ) : null}
      <Show kind="new_patients" open={open} count={n.current}>
        Show the {count(n.current, locale)} new {n.current === 1 ? "patient" : "patients"}
      </Show>
    </Card>
  );
}

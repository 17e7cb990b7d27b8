"use client";
// The revenue KPI (server/dashboard/revenue.ts): charged, collected, refunded and outstanding in the
// clinic's currency, against the period before, split by clinician and by appointment type; each
// number opens its rows (drill-down and CSV). Also the revenue rows' table in the drill-down.
import Link from "next/link";
import type { Dashboard, DrillDown } from "@/server/dashboard/load";
import type { DrillKind } from "@/server/dashboard/schemas";
import { useClinicLocale } from "@/app/_components/clinic-locale";
import { ScrollRegion } from "@/app/_components/scroll-region";
import { formatMoney, formatMoneyShort } from "@/app/_lib/money";
import { WeeklyChart } from "./charts";
import { byWeek } from "./format";
import { MoreWhenPrinted, printRowClass } from "./print-rows";

type Open = (kind: DrillKind) => void;
type Totals = Dashboard["revenue"]["current"];

const LINES: { key: keyof Totals; label: string; kind: DrillKind }[] = [
  { key: "charged", label: "Charged", kind: "revenue_charged" },
  { key: "collected", label: "Collected", kind: "revenue_collected" },
  { key: "refunded", label: "Refunded", kind: "revenue_refunded" },
  { key: "outstanding", label: "Outstanding", kind: "revenue_outstanding" },
];

export function RevenueCard({ d, open }: { d: Dashboard; open: Open }) {
  const r = d.revenue;
  const locale = useClinicLocale();
  const money = (n: number) => formatMoney(n, r.currency, locale);
  const clinician = (id: string | null) =>
    id ? (d.clinicians.find((c) => c.id === id)?.name ?? "Former clinician") : "Not tied to a visit";
  const type = (id: string | null) =>
    id ? (d.types.find((t) => t.id === id)?.name ?? "Former type") : "Not tied to a visit";
  return (
    <section className="card dash-card dash-wide dash-revenue" aria-labelledby="revenue-h" data-testid="kpi-revenue">
      <h2 id="revenue-h">Revenue</h2>
      <ScrollRegion label="Revenue totals">
        <table className="table">
          <thead>
            <tr>
              <th scope="col"></th>
              <th scope="col">This period</th>
              <th scope="col">{d.comparedUntil ? "Period before, to this point" : "Period before"}</th>
              <th scope="col" className="no-print">
                <span className="sr-only">Rows</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {LINES.map((l) => (
              <tr key={l.key}>
                <th scope="row">{l.label}</th>
                <td data-testid={`revenue-${l.key}`}>{money(r.current[l.key])}</td>
                <td className="muted">{money(r.previous[l.key])}</td>
                <td className="no-print">
                  {/* every ledger amount is positive, and outstanding sums positive balances: 0 means no rows */}
                  {r.current[l.key] > 0 ? (
                    <button
                      type="button"
                      className="btn btn-small"
                      aria-label={`Show rows: ${l.label}`}
                      onClick={() => open(l.kind)}
                    >
                      Show rows
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <p className="muted">
        Outstanding is what patients owe at the end of the period. Payments count on the day they were received.
      </p>
      {r.weekly.length ? (
        <WeeklyChart
          title="Revenue"
          lines={["Charged", "Collected"]}
          points={byWeek(
            d,
            r.weekly,
            (w) => w.charged,
            0,
            (w) => w.collected,
          )}
          format={money}
          axis={(n) => formatMoneyShort(n, r.currency, locale)}
        />
      ) : null}
      {r.byClinician.length ? (
        <Split
          title="By clinician"
          rows={r.byClinician.map((x) => ({ ...x, name: clinician(x.key) }))}
          money={money}
          noun="clinicians"
        />
      ) : null}
      {r.byType.length ? (
        <Split
          title="By appointment type"
          rows={r.byType.map((x) => ({ ...x, name: type(x.key) }))}
          money={money}
          noun="appointment types"
        />
      ) : null}
    </section>
  );
}

function Split(props: {
  title: string;
  rows: { key: string | null; name: string; charged: number; collected: number; refunded: number }[];
  money: (n: number) => string;
  noun: string;
}) {
  return (
    <ScrollRegion label={props.title}>
      <table className="table" aria-label={props.title}>
        <thead>
          <tr>
            <th scope="col">{props.title}</th>
            <th scope="col">Charged</th>
            <th scope="col">Collected</th>
            <th scope="col">Refunded</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((x, i) => (
            <tr key={x.key ?? "none"} className={printRowClass(i, props.rows.length)}>
              <th scope="row">{x.name}</th>
              <td>{props.money(x.charged)}</td>
              <td>{props.money(x.collected)}</td>
              <td>{props.money(x.refunded)}</td>
            </tr>
          ))}
          <MoreWhenPrinted total={props.rows.length} columns={4} noun={props.noun} />
        </tbody>
      </table>
    </ScrollRegion>
  );
}

type RevenueDrill = Extract<DrillDown, { kind: `revenue_${string}` }>;
export const isRevenueDrill = (d: DrillDown): d is RevenueDrill => d.kind.startsWith("revenue_");

const KIND_WORDS: Record<string, string> = {
  visit_charge: "Visit",
  fee: "Fee",
  deposit: "Deposit",
  prepayment: "Prepayment",
  payment: "Payment",
  refund: "Refund",
  outstanding: "Owes",
};

export function RevenueRows({ slug, drill }: { slug: string; drill: RevenueDrill }) {
  const locale = useClinicLocale();
  return (
    <>
      <thead>
        <tr>
          <th>{drill.kind === "revenue_outstanding" ? "As of" : "Date"}</th>
          <th>Patient</th>
          <th>Clinician</th>
          <th>Type</th>
          <th>What</th>
          <th>Amount</th>
        </tr>
      </thead>
      <tbody>
        {drill.rows.map((r) => (
          <tr key={r.id}>
            <td>{r.localDate}</td>
            <td>
              <Link href={`/c/${slug}/patients/${r.patientId}`}>{r.patientName}</Link>
            </td>
            <td>{r.clinicianName ?? "—"}</td>
            <td>{r.typeName ?? "—"}</td>
            <td>{KIND_WORDS[r.kind] ?? r.kind}</td>
            <td>{formatMoney(r.amountMinor, r.currency, locale)}</td>
          </tr>
        ))}
      </tbody>
    </>
  );
}

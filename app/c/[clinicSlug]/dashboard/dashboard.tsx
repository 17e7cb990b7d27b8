"use client";
// The owner dashboard: period, clinician and type controls, then the KPI cards; a drill-down
// opens below the cards, with the focus on its heading (Escape or Close returns it to the button). Clinicians get the same page limited to their own numbers (the server
// enforces it; the clinician control is not offered to them).
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useClinicLocale } from "@/app/_components/clinic-locale";
import { errorMessage, useTRPC } from "@/app/_lib/trpc";
import { PERIOD_LABELS, PERIOD_PRESETS } from "@/server/dashboard/period";
import type { DrillKind } from "@/server/dashboard/schemas";
import { AdherenceCard, AtRiskCard, EpisodesCard, OutcomesCard, RemindersCard } from "./care-cards";
import { AttendanceCard, NewPatientsCard, UtilizationCard, VisitsCard } from "./cards";
import { DrillDown } from "./drill-down";
import { comparisonWords, dayWords, filtersQuery, type Filters } from "./format";
import { RevenueCard } from "./revenue-card";
import { DashboardSettings } from "./settings-form";

const dayBefore = (date: string) => new Date(Date.parse(`${date}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

export function Dashboard(props: { slug: string; isOwner: boolean; timeZone: string; initial: Filters }) {
  const { slug, isOwner, timeZone } = props;
  const trpc = useTRPC();
  const locale = useClinicLocale();
  const [filters, setFilters] = useState<Filters>(props.initial);
  const [choice, setChoice] = useState<Filters["preset"]>(props.initial.preset);
  const [custom, setCustom] = useState({ from: props.initial.from ?? "", to: props.initial.to ?? "" });
  // the address follows the filters (replaced, not pushed: Back leaves the dashboard), so a reload or a link shows the same
  useEffect(() => {
    const url = `${window.location.pathname}?${filtersQuery(filters)}`;
    if (url !== `${window.location.pathname}${window.location.search}`) window.history.replaceState(null, "", url);
  }, [filters]);
  const [drill, setDrill] = useState<DrillKind | null>(null);
  // the button that opened the drill-down: focus goes back to it when the list closes
  const opener = useRef<HTMLElement | null>(null);
  const openDrill = (kind: DrillKind) => {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setDrill(kind);
  };
  const closeDrill = () => {
    setDrill(null);
    requestAnimationFrame(() => opener.current?.focus());
  };
  const overview = useQuery({ ...trpc.dashboard.overview.queryOptions(filters), placeholderData: keepPreviousData });
  const d = overview.data;
  const comparison = d ? comparisonWords(d, locale) : "";
  const set = (next: Partial<Filters>) => {
    setFilters((f) => ({ ...f, ...next }));
  };

  return (
    <>
      <form
        className="card dash-controls no-print"
        aria-label="What the dashboard shows"
        onSubmit={(e) => e.preventDefault()}
      >
        <div className="field">
          <label htmlFor="dash-period">Period</label>
          <select
            id="dash-period"
            value={choice}
            onChange={(e) => {
              const preset = e.target.value as Filters["preset"];
              setChoice(preset);
              if (preset !== "custom") set({ preset, from: undefined, to: undefined });
              else if (d && !custom.from) setCustom({ from: d.period.from, to: dayBefore(d.period.to) });
            }}
          >
            {PERIOD_PRESETS.map((p) => (
              <option key={p} value={p}>
                {PERIOD_LABELS[p]}
              </option>
            ))}
          </select>
        </div>
        {choice === "custom" ? (
          <>
            <div className="field">
              <label htmlFor="dash-from">First day</label>
              <input
                id="dash-from"
                type="date"
                value={custom.from}
                onChange={(e) => setCustom((c) => ({ ...c, from: e.target.value }))}
              />
            </div>
            <div className="field">
              <label htmlFor="dash-to">Last day</label>
              <input
                id="dash-to"
                type="date"
                value={custom.to}
                onChange={(e) => setCustom((c) => ({ ...c, to: e.target.value }))}
              />
            </div>
            <button
              type="button"
              className="btn"
              disabled={!custom.from || !custom.to || custom.from > custom.to}
              onClick={() => set({ preset: "custom", ...custom })}
            >
              Show
            </button>
          </>
        ) : null}
        {d && !d.limitedToSelf ? (
          <div className="field">
            <label htmlFor="dash-clinician">Clinician</label>
            <select
              id="dash-clinician"
              value={filters.clinicianId ?? ""}
              onChange={(e) => set({ clinicianId: e.target.value || null })}
            >
              <option value="">All clinicians</option>
              {d.clinicians.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        {d ? (
          <div className="field">
            <label htmlFor="dash-type">Appointment type</label>
            <select
              id="dash-type"
              value={filters.typeId ?? ""}
              onChange={(e) => set({ typeId: e.target.value || null })}
            >
              <option value="">All types</option>
              {d.types.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <button type="button" className="btn" onClick={() => window.print()}>
          Print
        </button>
      </form>
      {overview.isError ? (
        <div className="alert alert-error" role="alert">
          {errorMessage(overview.error)}
        </div>
      ) : !d ? (
        <div className="dash-grid" aria-busy="true" aria-label="Loading the dashboard">
          {["Visits", "Rates", "Utilization", "New patients"].map((k) => (
            <section key={k} className="card dash-card">
              <h2 className="muted">{k}</h2>
              <div className="skeleton" style={{ height: "6rem" }} />
            </section>
          ))}
        </div>
      ) : (
        <>
          <p className="dash-period" data-testid="dash-period" aria-live="polite">
            {dayWords(d.period.from, locale, true)} – {dayWords(dayBefore(d.period.to), locale, true)} ({d.period.days}{" "}
            days, times in {timeZone}), compared with the {d.period.days} days before.
            {comparison ? ` ${comparison}` : ""}
            {d.limitedToSelf ? " Your own appointments and patients only." : ""}
            {overview.isFetching ? <span className="muted"> Updating…</span> : null}
          </p>
          {d.visits.current === 0 && d.attendance.current.scheduled === 0 && d.utilization.current.booked === 0 ? (
            <div className="card empty" role="status">
              <h2>Nothing in this period yet</h2>
              <p>
                Visits, attendance rates and utilization appear here as soon as appointments in this period are booked
                and marked arrived, cancelled or no-show. Try a longer period.
              </p>
            </div>
          ) : null}
          <div className="dash-grid">
            <VisitsCard d={d} open={openDrill} />
            <NewPatientsCard d={d} open={openDrill} />
            <AtRiskCard d={d} open={openDrill} />
            <AttendanceCard d={d} open={openDrill} />
            <UtilizationCard d={d} open={openDrill} />
            <EpisodesCard d={d} open={openDrill} />
            <OutcomesCard d={d} open={openDrill} />
            <AdherenceCard d={d} open={openDrill} />
            <RemindersCard d={d} open={openDrill} />
            <RevenueCard d={d} open={openDrill} />
          </div>
          {drill ? <DrillDown slug={slug} kind={drill} filters={filters} onClose={closeDrill} /> : null}
          {isOwner ? <DashboardSettings settings={d.settings} /> : null}
        </>
      )}
    </>
  );
}

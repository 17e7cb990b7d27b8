"use client";
// Search the exercise library (the shipped one and the clinic's own): words, typo-tolerant, plus
// region, category and equipment filters. The library page opens an exercise; the program
// builder adds it (onAdd).
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useEffect, useId, useState } from "react";
import { errorMessage, useTRPC } from "@/app/_lib/trpc";
import type { AppRouter } from "@/server/root";
import { dosageLoad, labelOf } from "./dosage";

export type ExerciseSummary = inferRouterOutputs<AppRouter>["exercises"]["search"]["items"][number];

export function ExerciseSearch(props: {
  onOpen?: (exercise: ExerciseSummary) => void;
  onAdd?: (exercise: ExerciseSummary) => void;
  /** Exercises already in the program (marked, still addable). */
  addedIds?: ReadonlySet<string>;
  includeHidden?: boolean;
  compact?: boolean;
}) {
  const trpc = useTRPC();
  const id = useId();
  const [input, setInput] = useState("");
  const [q, setQ] = useState("");
  const [region, setRegion] = useState("");
  const [category, setCategory] = useState("");
  const [equipment, setEquipment] = useState("");
  useEffect(() => {
    const t = setTimeout(() => setQ(input.trim()), 200);
    return () => clearTimeout(t);
  }, [input]);
  const facets = useQuery(trpc.exercises.facets.queryOptions());
  const results = useQuery({
    ...trpc.exercises.search.queryOptions({
      q: q || undefined,
      region: region || undefined,
      category: category || undefined,
      equipment: equipment || undefined,
      includeHidden: props.includeHidden,
      limit: props.compact ? 20 : 60,
    }),
    placeholderData: keepPreviousData,
  });
  const items = results.data?.items ?? [];
  const select = (
    label: string,
    value: string,
    set: (v: string) => void,
    options: { value: string; count: number }[] | undefined,
  ) => (
    <div className="field">
      <label htmlFor={`${id}-${label}`}>{label}</label>
      <select id={`${id}-${label}`} value={value} onChange={(e) => set(e.target.value)}>
        <option value="">Any</option>
        {(options ?? []).map((o) => (
          <option key={o.value} value={o.value}>
            {labelOf(o.value)} ({o.count})
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <div className={`ex-search${props.compact ? " ex-search-compact" : ""}`}>
      <div className="ex-filters">
        <div className="field ex-q">
          <label htmlFor={`${id}-q`}>Search exercises</label>
          <input
            id={`${id}-q`}
            type="search"
            placeholder="e.g. dead bug, pallof, groin"
            value={input}
            onChange={(e) => setInput(e.target.value)}
            autoComplete="off"
          />
        </div>
        {select("Region", region, setRegion, facets.data?.regions)}
        {select("Category", category, setCategory, facets.data?.categories)}
        {select("Equipment", equipment, setEquipment, facets.data?.equipment)}
      </div>
      {results.isError ? (
        <div className="alert alert-error" role="alert">
          {errorMessage(results.error)}
        </div>
      ) : null}
      <p className="muted ex-count" aria-live="polite">
        {results.isPending
          ? "Searching…"
          : `${results.data?.total ?? 0} ${results.data?.total === 1 ? "exercise" : "exercises"}${q ? ` for “${q}”` : ""}`}
      </p>
      {results.isPending ? (
        <div className="ex-grid" aria-busy="true">
          {Array.from({ length: 6 }, (_, i) => (
            <div key={i} className="skeleton" style={{ height: "7rem" }} />
          ))}
        </div>
      ) : items.length === 0 ? (
        <div className="empty">
          <p>No exercise matches. Try fewer words or clear a filter.</p>
        </div>
      ) : (
        <ul className="ex-grid" aria-label="Exercises" aria-busy={results.isFetching}>
          {items.map((x) => (
            <li key={x.id} className={`ex-card${x.hidden ? " ex-hidden" : ""}`}>
              <img src={x.imageUrl} alt="" width={120} height={80} loading="lazy" />
              <div className="ex-card-body">
                <strong>{x.name}</strong>
                {props.compact ? null : <span className="muted">{x.purpose}</span>}
                <span className="ex-meta">
                  {labelOf(x.category)} · {dosageLoad(x.dosage)}
                  {x.source === "clinic" ? <span className="badge">Clinic’s own</span> : null}
                  {x.hidden ? <span className="badge">Hidden</span> : null}
                </span>
              </div>
              <div className="ex-card-actions">
                {props.onOpen ? (
                  <button
                    type="button"
                    className="btn btn-small"
                    onClick={() => props.onOpen!(x)}
                    aria-label={`Open ${x.name}`}
                  >
                    Open
                  </button>
                ) : null}
                {props.onAdd ? (
                  <button
                    type="button"
                    className="btn btn-small btn-primary"
                    onClick={() => props.onAdd!(x)}
                    aria-label={`${props.addedIds?.has(x.id) ? "Add again" : "Add"} ${x.name}`}
                  >
                    {props.addedIds?.has(x.id) ? "Add again" : "Add"}
                  </button>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

"use client";
// Patients whose outcome scores are getting worse or not improving (owners and clinicians): on
// the home page (first few) and the outcomes page (all). Each links to the patient's page.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { errorMessage, useTRPC } from "@/app/_lib/trpc";
import { FLAG_LABELS, formatDate } from "./labels";
import { displayName } from "@/server/validation";

export function NeedsAttention({
  slug,
  timeZone,
  mine,
  limit,
  headingLevel = 2,
}: {
  slug: string;
  timeZone: string;
  mine: boolean;
  limit?: number;
  headingLevel?: 2 | 3;
}) {
  const trpc = useTRPC();
  const items = useQuery(trpc.outcomes.needsAttention.queryOptions({ mine }));
  const H = headingLevel === 2 ? "h2" : "h3";
  const shown = limit ? items.data?.slice(0, limit) : items.data;
  const more = (items.data?.length ?? 0) - (shown?.length ?? 0);
  return (
    <section className="card oc-attention" aria-labelledby="attention-h" data-testid="needs-attention">
      <H id="attention-h">Needs attention</H>
      <p className="muted">
        {mine ? "Your patients" : "Patients"} in an active episode whose scores are getting worse, or who have not
        improved by the smallest meaningful change (MCID) after the review period.
      </p>
      {items.isPending ? (
        <div aria-busy="true" aria-label="Loading">
          <div className="skeleton" />
          <div className="skeleton" />
        </div>
      ) : items.isError ? (
        <div className="alert alert-error" role="alert">
          {errorMessage(items.error)}
        </div>
      ) : items.data.length === 0 ? (
        <p className="oc-attention-empty">
          No one needs attention — every {mine ? "patient of yours" : "patient"} with outcome measures is improving or
          too early to tell.
        </p>
      ) : (
        <ul className="oc-attention-list">
          {shown!.map((a) => (
            <li key={`${a.episodeId}-${a.instrumentKey}`} data-testid="attention-item">
              <div className="oc-attention-main">
                <Link href={`/c/${slug}/patients/${a.patientId}`}>
                  <strong>
                    <bdi>{displayName(a.patientName)}</bdi>
                  </strong>
                </Link>
                <span className={`badge ${a.flag === "worse" ? "oc-badge-danger" : "oc-badge-warn"}`}>
                  {FLAG_LABELS[a.flag]}
                </span>
              </div>
              <div>
                {a.instrumentName} · {a.episodeTitle}
              </div>
              <div className="muted">
                {a.detail}
                {a.lastAt ? ` · last answer ${formatDate(a.lastAt, timeZone)}` : ""}
                {!mine && a.clinicianName ? ` · ${a.clinicianName}` : ""}
              </div>
            </li>
          ))}
        </ul>
      )}
      {more > 0 ? <Link href={`/c/${slug}/outcomes`}>See all {items.data!.length}</Link> : null}
    </section>
  );
}

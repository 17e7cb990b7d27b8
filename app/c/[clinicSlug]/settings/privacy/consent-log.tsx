"use client";
// The clinic's consent log: every decision a visitor made on its pages, newest first, filtered by
// date (in the clinic's time zone), and the same range as a CSV download.
import { useClinicLocale } from "@/app/_components/clinic-locale";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/app/_lib/trpc";
import { wallTimeToUtc } from "@/server/scheduling/zoned-time";
import { addDays, formatInstant } from "../../calendar/time";
import { LoadingRows, QueryError, ShowMore } from "@/app/_components/query-state";
import { ScrollRegion } from "@/app/_components/scroll-region";

const SOURCE_LABELS = { banner: "Banner", settings: "Cookie settings", gpc: "Global Privacy Control" } as const;

export function ConsentLog({ slug, timeZone }: { slug: string; timeZone: string }) {
  const trpc = useTRPC();
  const locale = useClinicLocale();
  const [fromDate, setFromDate] = useState("");
  const [toDate, setToDate] = useState("");
  const filters = {
    from: fromDate ? wallTimeToUtc(fromDate, "00:00", timeZone) : undefined,
    // "until" includes that whole local day
    to: toDate ? wallTimeToUtc(addDays(toDate, 1), "00:00", timeZone) : undefined,
    limit: 50,
  };
  const log = useInfiniteQuery({
    ...trpc.consent.log.infiniteQueryOptions(filters, { getNextPageParam: (last) => last.nextCursor ?? undefined }),
    placeholderData: keepPreviousData,
  });
  const items = log.data?.pages.flatMap((p) => p.items) ?? [];
  const query = new URLSearchParams({
    ...(fromDate ? { from: fromDate } : {}),
    ...(toDate ? { to: toDate } : {}),
  }).toString();
  const exportHref = `/c/${slug}/settings/privacy/export${query ? `?${query}` : ""}`;

  return (
    <section className="card" aria-labelledby="consent-log-h">
      <h2 id="consent-log-h">Consent log</h2>
      <p className="muted">
        Proof of each visitor&apos;s decision on your pages: an opaque consent id (also in the visitor&apos;s cookie),
        what was allowed and refused, the policy and banner versions, and only the visitor&apos;s network and browser
        family. Times in {timeZone.replaceAll("_", " ")}.
      </p>
      <form className="msg-filters" aria-label="Filter the consent log" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="consent-from">From</label>
          <input id="consent-from" type="date" value={fromDate} onChange={(e) => setFromDate(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="consent-to">Until</label>
          <input id="consent-to" type="date" value={toDate} onChange={(e) => setToDate(e.target.value)} />
        </div>
        <a className="btn" href={exportHref} download>
          Export CSV
        </a>
      </form>

      <QueryError error={log.error} />
      {log.isPending ? (
        <LoadingRows label="Loading the consent log" />
      ) : items.length === 0 ? (
        <div className="empty">
          <h3>{fromDate || toDate ? "No decisions in this range" : "No decisions yet"}</h3>
          <p>Decisions appear here as soon as visitors answer the cookie banner on your pages.</p>
        </div>
      ) : (
        <ScrollRegion label="Consent decisions">
          <table className="table" aria-busy={log.isFetching} data-testid="consent-log">
            <thead>
              <tr>
                <th>When</th>
                <th>Consent id</th>
                <th>Allowed</th>
                <th>Refused</th>
                <th>Policy</th>
                <th>Source</th>
                <th>Network · browser</th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <tr key={r.id}>
                  <td>{formatInstant(r.decidedAt, timeZone, locale)}</td>
                  <td>
                    <code title={r.consentId}>{r.consentId.slice(0, 8)}…</code>
                  </td>
                  <td>{r.granted.join(", ")}</td>
                  <td>{r.refused.join(", ") || "—"}</td>
                  <td>
                    v{r.policyVersion} <span className="muted">{r.bannerVersion}</span>
                  </td>
                  <td>
                    {SOURCE_LABELS[r.source]}
                    {r.gpc && r.source !== "gpc" ? " (GPC)" : ""}
                  </td>
                  <td className="muted">
                    {r.ipTruncated ?? "—"} · {r.userAgentFamily}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      <ShowMore query={log} label="Show older decisions" />
    </section>
  );
}

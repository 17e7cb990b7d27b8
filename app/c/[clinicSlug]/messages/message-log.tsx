"use client";
// The clinic-wide message log. By default in three parts, each a page at a time: today and overdue
// (what needs an eye now), then upcoming (soonest first), then earlier (newest first); with a date
// range, every message in it, newest first. Dates carry their year: an episode's questionnaires
// are scheduled months ahead.
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useParams } from "next/navigation";
import { useState } from "react";
import { KIND_LABELS, skipReasonLabel, STATE_LABELS } from "@/app/_components/message-labels";
import { useClinicLocale } from "@/app/_components/clinic-locale";
import { useTRPC } from "@/app/_lib/trpc";
import type { MessageKind, MessageState } from "@/db/schema";
import { wallTimeToUtc } from "@/server/scheduling/zoned-time";
import { formatWhen, type ClinicLocale } from "@/server/scheduling/format";
import type { MessageLogSection } from "@/server/messages/schemas";
import { addDays } from "../calendar/time";
import { LoadingRows, QueryError, ShowMore } from "@/app/_components/query-state";
import { ScrollRegion } from "@/app/_components/scroll-region";

const KINDS = Object.keys(KIND_LABELS) as MessageKind[];
const STATES = Object.keys(STATE_LABELS) as MessageState[];

type Filters = {
  kind?: MessageKind;
  state?: MessageState;
  from?: Date;
  to?: Date;
};
type Clock = { timeZone: string; locale: ClinicLocale };

const SECTIONS: { section: MessageLogSection; title: string; empty: string; more: string }[] = [
  {
    section: "now",
    title: "Today and overdue",
    empty: "Nothing due today, and nothing overdue.",
    more: "Show more from today",
  },
  { section: "upcoming", title: "Upcoming", empty: "Nothing scheduled after today.", more: "Show later messages" },
  { section: "earlier", title: "Earlier", empty: "No messages before today.", more: "Show older messages" },
];

export function MessageLog({ timeZone }: { timeZone: string }) {
  const locale = useClinicLocale();
  const [kind, setKind] = useState<MessageKind | "">("");
  const [state, setState] = useState<MessageState | "">("");
  const [fromDate, setFromDate] = useState("");
  const [toDate, setToDate] = useState("");
  const filters: Filters = {
    kind: kind || undefined,
    state: state || undefined,
    from: fromDate ? wallTimeToUtc(fromDate, "00:00", timeZone) : undefined,
    // "to" is inclusive for people: up to the end of that local day
    to: toDate ? wallTimeToUtc(addDays(toDate, 1), "00:00", timeZone) : undefined,
  };
  const dated = Boolean(fromDate || toDate);
  const filtered = Boolean(kind || state || dated);

  return (
    <section className="card" aria-labelledby="log-h">
      <h2 id="log-h">Message log</h2>
      <form className="msg-filters" aria-label="Filter messages" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="msg-kind">Kind</label>
          <select id="msg-kind" value={kind} onChange={(e) => setKind(e.target.value as MessageKind | "")}>
            <option value="">All kinds</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="msg-state">Status</label>
          <select id="msg-state" value={state} onChange={(e) => setState(e.target.value as MessageState | "")}>
            <option value="">Any status</option>
            {STATES.map((s) => (
              <option key={s} value={s}>
                {STATE_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="msg-from">Due from</label>
          <input id="msg-from" type="date" value={fromDate} onChange={(e) => setFromDate(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="msg-to">Due until</label>
          <input id="msg-to" type="date" value={toDate} onChange={(e) => setToDate(e.target.value)} />
        </div>
        {filtered ? (
          <button
            type="button"
            className="btn btn-small"
            onClick={() => {
              setKind("");
              setState("");
              setFromDate("");
              setToDate("");
            }}
          >
            Clear filters
          </button>
        ) : null}
      </form>
      {dated ? (
        <LogPart
          title="Messages due in these dates"
          filters={filters}
          clock={{ timeZone, locale }}
          empty="No messages match these filters. Try a wider date range or another status."
          more="Show older messages"
        />
      ) : (
        SECTIONS.map((s) => (
          <LogPart
            key={s.section}
            section={s.section}
            title={s.title}
            filters={filters}
            clock={{ timeZone, locale }}
            empty={filtered ? "No messages here match these filters." : s.empty}
            more={s.more}
          />
        ))
      )}
    </section>
  );
}

function LogPart(props: {
  section?: MessageLogSection;
  title: string;
  filters: Filters;
  clock: Clock;
  empty: string;
  more: string;
}) {
  const trpc = useTRPC();
  const { clinicSlug } = useParams<{ clinicSlug: string }>();
  const { timeZone, locale } = props.clock;
  const when = (d: Date) => formatWhen(d, timeZone, locale, { year: true });
  const log = useInfiniteQuery({
    ...trpc.messages.log.infiniteQueryOptions(
      { ...props.filters, section: props.section, limit: 50 },
      { getNextPageParam: (last) => last.nextCursor ?? undefined },
    ),
    placeholderData: keepPreviousData,
  });
  const items = log.data?.pages.flatMap((p) => p.items) ?? [];
  const id = `log-${props.section ?? "dated"}`;
  return (
    <section aria-labelledby={id} className="msg-log-part">
      <h3 id={id}>{props.title}</h3>
      <QueryError error={log.error} />
      {log.isPending ? (
        <LoadingRows label={`Loading ${props.title.toLowerCase()}`} rows={3} />
      ) : items.length === 0 ? (
        <p className="muted">{props.empty}</p>
      ) : (
        <ScrollRegion label="Messages">
          <table className="table" aria-busy={log.isFetching}>
            <thead>
              <tr>
                <th>Due</th>
                <th>Patient</th>
                <th>Message</th>
                <th>Status</th>
                <th>Details</th>
              </tr>
            </thead>
            <tbody>
              {items.map((m) => (
                <tr key={m.id}>
                  <td>{when(m.dueAt)}</td>
                  <td>
                    {m.patientId ? (
                      <Link href={`/c/${clinicSlug}/patients/${m.patientId}`}>
                        {`${m.patientFirstName ?? ""} ${m.patientLastName ?? ""}`.trim() || "Patient"}
                      </Link>
                    ) : (
                      "—"
                    )}
                    {m.toEmail ? <div className="muted">{m.toEmail}</div> : null}
                  </td>
                  <td>{KIND_LABELS[m.kind]}</td>
                  <td>
                    <span className={`badge msg-state-${m.state}`}>{STATE_LABELS[m.state]}</span>
                  </td>
                  <td className="muted">
                    {m.state === "sent" && m.sentAt ? `Sent ${when(m.sentAt)}` : null}
                    {m.state === "skipped" ? skipReasonLabel(m.skipReason) : null}
                    {m.state === "failed" ? `${m.attempts} attempts: ${m.lastError ?? "unknown error"}` : null}
                    {m.state === "pending" && m.attempts > 0 ? `retrying (${m.attempts} attempts so far)` : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      <ShowMore query={log} label={props.more} />
    </section>
  );
}

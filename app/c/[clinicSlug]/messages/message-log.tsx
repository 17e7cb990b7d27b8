"use client";
// The clinic-wide message log: filter by kind, state and due date; newest first, a page at a time.
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useParams } from "next/navigation";
import { useState } from "react";
import { KIND_LABELS, skipReasonLabel, STATE_LABELS } from "@/app/_components/message-labels";
import { useTRPC } from "@/app/_lib/trpc";
import type { MessageKind, MessageState } from "@/db/schema";
import { wallTimeToUtc } from "@/server/scheduling/zoned-time";
import { addDays, formatInstant } from "../calendar/time";
import { LoadingRows, QueryError, ShowMore } from "@/app/_components/query-state";

const KINDS = Object.keys(KIND_LABELS) as MessageKind[];
const STATES = Object.keys(STATE_LABELS) as MessageState[];

export function MessageLog({ timeZone }: { timeZone: string }) {
  const trpc = useTRPC();
  const { clinicSlug } = useParams<{ clinicSlug: string }>();
  const [kind, setKind] = useState<MessageKind | "">("");
  const [state, setState] = useState<MessageState | "">("");
  const [fromDate, setFromDate] = useState("");
  const [toDate, setToDate] = useState("");
  const filters = {
    kind: kind || undefined,
    state: state || undefined,
    from: fromDate ? wallTimeToUtc(fromDate, "00:00", timeZone) : undefined,
    // "to" is inclusive for people: up to the end of that local day
    to: toDate ? wallTimeToUtc(addDays(toDate, 1), "00:00", timeZone) : undefined,
    limit: 50,
  };
  const log = useInfiniteQuery({
    ...trpc.messages.log.infiniteQueryOptions(filters, { getNextPageParam: (last) => last.nextCursor ?? undefined }),
    placeholderData: keepPreviousData,
  });
  const items = log.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = Boolean(kind || state || fromDate || toDate);

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

      <QueryError error={log.error} />
      {log.isPending ? (
        <LoadingRows label="Loading messages" rows={5} />
      ) : items.length === 0 ? (
        <div className="empty">
          <h3>{filtered ? "No messages match these filters" : "No messages yet"}</h3>
          <p>
            {filtered
              ? "Try a wider date range or another status."
              : "Confirmations and reminders appear here as soon as appointments are booked."}
          </p>
        </div>
      ) : (
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
                <td>{formatInstant(m.dueAt, timeZone)}</td>
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
                  {m.state === "sent" && m.sentAt ? `Sent ${formatInstant(m.sentAt, timeZone)}` : null}
                  {m.state === "skipped" ? skipReasonLabel(m.skipReason) : null}
                  {m.state === "failed" ? `${m.attempts} attempts: ${m.lastError ?? "unknown error"}` : null}
                  {m.state === "pending" && m.attempts > 0 ? `retrying (${m.attempts} attempts so far)` : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ShowMore query={log} label="Show older messages" />
    </section>
  );
}

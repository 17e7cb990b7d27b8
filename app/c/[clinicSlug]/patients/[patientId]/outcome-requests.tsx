"use client";
// An episode's questionnaire requests as a compact table: what, which occasion, when due (clinic
// zone), its state, the email and the score. Scheduled ones beyond the next per instrument are
// folded behind "Show all".
import Link from "next/link";
import { useState } from "react";
import { useStartKiosk } from "@/app/_components/kiosk";
import { ScrollRegion } from "@/app/_components/scroll-region";
import { errorMessage } from "@/app/_lib/trpc";
import { skipReasonLabel, STATE_LABELS } from "@/app/_components/message-labels";
import { formatDate, formatDateTime, REQUEST_STATE_LABELS } from "@/app/_components/outcomes/labels";
import type { RequestView } from "@/server/outcomes/views";

function visibleRequests(requests: RequestView[], all: boolean): RequestView[] {
  const sorted = [...requests].sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  if (all) return sorted;
  const nextShown = new Set<string>();
  return sorted.filter((r) => {
    if (r.state === "cancelled") return false;
    if (r.state !== "scheduled") return true;
    if (nextShown.has(r.instrumentKey)) return false;
    nextShown.add(r.instrumentKey);
    return true;
  });
}

function EmailCell({ r, timeZone }: { r: RequestView; timeZone: string }) {
  if (!r.email) {
    if (r.state === "scheduled") return <span className="muted">Emailed when due</span>;
    if (r.response?.source === "staff" || r.state === "open")
      return <span className="muted">Not emailed (in clinic)</span>;
    return <span className="muted">Not emailed</span>;
  }
  const e = r.email;
  return (
    <>
      <span className={`badge msg-state-${e.state}`}>{STATE_LABELS[e.state]}</span>
      {e.state === "skipped" && e.skipReason ? <span className="muted"> {skipReasonLabel(e.skipReason)}</span> : null}
      {e.state === "sent" && e.sentAt ? (
        <span className="muted" title={e.toEmail ?? undefined}>
          {" "}
          {formatDate(e.sentAt, timeZone)}
        </span>
      ) : null}
    </>
  );
}

export function OutcomeRequests({
  slug,
  patientId,
  requests,
  timeZone,
}: {
  slug: string;
  patientId: string;
  requests: RequestView[];
  timeZone: string;
}) {
  const [all, setAll] = useState(false);
  const kiosk = useStartKiosk();
  if (requests.length === 0) return <p className="muted">No questionnaires yet.</p>;
  const rows = visibleRequests(requests, all);
  const hidden = requests.length - visibleRequests(requests, false).length;
  const answerHref = (id: string) => `/c/${slug}/patients/${patientId}/outcomes/${id}`;
  return (
    <div className="oc-requests">
      {kiosk.isError ? (
        <div className="alert alert-error" role="alert">
          {errorMessage(kiosk.error)}
        </div>
      ) : null}
      <ScrollRegion label="Questionnaires in this episode" className="oc-table-wrap">
        <table className="table oc-requests-table" data-testid="outcome-requests">
          <caption className="visually-hidden">Questionnaires in this episode</caption>
          <thead>
            <tr>
              <th scope="col">Questionnaire</th>
              <th scope="col">Occasion</th>
              <th scope="col">Due</th>
              <th scope="col">State</th>
              <th scope="col">Email</th>
              <th scope="col">Score</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} data-state={r.state}>
                <td>{r.instrumentName}</td>
                <td>{r.occasionLabel}</td>
                <td>
                  <time dateTime={r.dueAt.toISOString()} title={formatDateTime(r.dueAt, timeZone)}>
                    {formatDate(r.dueAt, timeZone)}
                  </time>
                </td>
                <td>
                  <span className={`badge oc-state-${r.state}`}>{REQUEST_STATE_LABELS[r.state]}</span>
                  {r.state === "open" && r.draftSavedAt ? <span className="muted"> draft saved</span> : null}
                </td>
                <td>
                  <EmailCell r={r} timeZone={timeZone} />
                </td>
                <td>
                  {r.response ? (
                    r.response.scoreLabel !== null ? (
                      `${r.response.scoreLabel}${r.response.scoreNote ? `, ${r.response.scoreNote}` : ""}`
                    ) : (
                      <span className="muted" title={r.response.unscoredReason ?? undefined}>
                        Not scored{r.response.unscoredReason ? `: ${r.response.unscoredReason}` : ""}
                      </span>
                    )
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
                <td>
                  {r.state === "open" ? (
                    <button
                      type="button"
                      className="btn btn-small"
                      disabled={kiosk.isPending}
                      onClick={() => kiosk.mutate({ requestId: r.id })}
                    >
                      Answer in clinic
                      <span className="visually-hidden">
                        {" "}
                        ({r.instrumentName}, {r.occasionLabel})
                      </span>
                    </button>
                  ) : r.state === "submitted" ? (
                    <Link href={answerHref(r.id)}>
                      View answers
                      <span className="visually-hidden">
                        {" "}
                        ({r.instrumentName}, {r.occasionLabel})
                      </span>
                    </Link>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      {hidden > 0 || all ? (
        <button type="button" className="btn btn-link" aria-expanded={all} onClick={() => setAll(!all)}>
          {all ? "Show fewer" : `Show all (${hidden} more: later or cancelled)`}
        </button>
      ) : null}
    </div>
  );
}

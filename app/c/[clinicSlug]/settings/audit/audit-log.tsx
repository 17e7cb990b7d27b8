"use client";
// The owners' audit view: every access to patient data and every change, newest first, filtered
// by patient, staff member and date (the clinic's local days), and the same as a CSV download.
import { useClinicLocale } from "@/app/_components/clinic-locale";
import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/app/_lib/trpc";
import { actionLabel, actorLabel } from "@/server/audit-log/labels";
import { wallTimeToUtc } from "@/server/scheduling/zoned-time";
import { addDays, formatInstant } from "../../calendar/time";
import { LoadingRows, QueryError, ShowMore } from "@/app/_components/query-state";
import { ScrollRegion } from "@/app/_components/scroll-region";

type Named = { id: string; name: string };

export function AuditLog({
  slug,
  timeZone,
  staff,
  initialPatient,
}: {
  slug: string;
  timeZone: string;
  staff: Named[];
  initialPatient: Named | null;
}) {
  const trpc = useTRPC();
  const [patient, setPatient] = useState<Named | null>(initialPatient);
  const [search, setSearch] = useState("");
  const [staffId, setStaffId] = useState("");
  const [fromDate, setFromDate] = useState("");
  const [toDate, setToDate] = useState("");
  const filters = {
    patientId: patient?.id,
    actorUserId: staffId || undefined,
    from: fromDate ? wallTimeToUtc(fromDate, "00:00", timeZone) : undefined,
    // "until" includes that whole local day
    to: toDate ? wallTimeToUtc(addDays(toDate, 1), "00:00", timeZone) : undefined,
    limit: 50,
  };
  const log = useInfiniteQuery({
    ...trpc.audit.list.infiniteQueryOptions(filters, { getNextPageParam: (last) => last.nextCursor ?? undefined }),
    placeholderData: keepPreviousData,
  });
  const matches = useQuery({
    ...trpc.patients.list.queryOptions({ search: search.trim(), limit: 6 }),
    enabled: !patient && search.trim().length >= 2,
  });
  const items = log.data?.pages.flatMap((p) => p.items) ?? [];
  const query = new URLSearchParams({
    ...(patient ? { patient: patient.id } : {}),
    ...(staffId ? { staff: staffId } : {}),
    ...(fromDate ? { from: fromDate } : {}),
    ...(toDate ? { to: toDate } : {}),
  }).toString();
  const exportHref = `/c/${slug}/settings/audit/export${query ? `?${query}` : ""}`;

  return (
    <section className="card" aria-labelledby="audit-log-h">
      <h2 id="audit-log-h">Audit log</h2>
      <p className="muted">
        Every time someone opened, listed, exported or changed patient data: who, what, which patients and when. The log
        cannot be edited or deleted, not even by owners. Times in {timeZone.replaceAll("_", " ")}.
      </p>
      <form className="msg-filters" aria-label="Filter the audit log" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="audit-patient">Patient</label>
          {patient ? (
            <div>
              <strong data-testid="audit-patient-filter">{patient.name}</strong>{" "}
              <button type="button" className="btn btn-small" onClick={() => setPatient(null)}>
                All patients
              </button>
            </div>
          ) : (
            <input
              id="audit-patient"
              type="search"
              placeholder="Search by name"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
            />
          )}
        </div>
        <div className="field">
          <label htmlFor="audit-staff">Staff member</label>
          <select id="audit-staff" value={staffId} onChange={(e) => setStaffId(e.target.value)}>
            <option value="">Everyone</option>
            {staff.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-from">From</label>
          <input id="audit-from" type="date" value={fromDate} onChange={(e) => setFromDate(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="audit-to">Until</label>
          <input id="audit-to" type="date" value={toDate} onChange={(e) => setToDate(e.target.value)} />
        </div>
        <a className="btn" href={exportHref} download>
          Export CSV
        </a>
      </form>
      {!patient && matches.data?.patients.length ? (
        <ul className="actions" aria-label="Matching patients">
          {matches.data.patients.map((p) => (
            <li key={p.id}>
              <button
                type="button"
                className="btn btn-small"
                onClick={() => {
                  setPatient({ id: p.id, name: `${p.firstName} ${p.lastName}` });
                  setSearch("");
                }}
              >
                {p.firstName} {p.lastName}
              </button>
            </li>
          ))}
        </ul>
      ) : null}

      <QueryError error={log.error} />
      {log.isPending ? (
        <LoadingRows label="Loading the audit log" />
      ) : items.length === 0 ? (
        <div className="empty">
          <h3>Nothing recorded for these filters</h3>
        </div>
      ) : (
        <AuditTable items={items} timeZone={timeZone} testId="audit-log" />
      )}
      <ShowMore query={log} label="Show older entries" />
    </section>
  );
}

type Item = {
  id: string;
  at: Date;
  action: string;
  actor: { name: string } | null;
  via: string | null;
  patientCount: number;
  patients: Named[];
};

/** When, who, what, which patients: the audit view's table, also on the patient's page. */
export function AuditTable({
  items,
  timeZone,
  testId,
  showPatients = true,
}: {
  items: Item[];
  timeZone: string;
  testId: string;
  showPatients?: boolean;
}) {
  const locale = useClinicLocale();
  return (
    <ScrollRegion label="Audit entries">
      <table className="table" data-testid={testId}>
        <thead>
          <tr>
            <th>When</th>
            <th>Who</th>
            <th>What</th>
            {showPatients ? <th>Patients</th> : null}
          </tr>
        </thead>
        <tbody>
          {items.map((r) => (
            <tr key={r.id}>
              <td>{formatInstant(r.at, timeZone, locale)}</td>
              <td>{actorLabel(r)}</td>
              <td>{actionLabel(r.action)}</td>
              {showPatients ? (
                <td>
                  {r.patients.map((p) => p.name).join(", ") || (r.patientCount === 0 ? "—" : "")}
                  {r.patientCount > r.patients.length ? (
                    <span className="muted">
                      {r.patients.length ? " and " : ""}
                      {r.patientCount - r.patients.length} more
                    </span>
                  ) : null}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

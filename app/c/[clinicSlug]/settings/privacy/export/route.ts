// GET …/settings/privacy/export?from=YYYY-MM-DD&to=YYYY-MM-DD: the consent log as CSV, for owners.
// Access is decided as for the settings pages (server/page-access.ts), answered as HTTP statuses:
// not signed in 401, not a member 404, not an owner 403. Dates are the clinic's local days. Audited.
import { appDb } from "@/db/client";
import { recordRead } from "@/server/audit";
import { getSessionUser } from "@/server/auth";
import { pageKioskLock } from "@/server/page-access";
import { consentLogCsv, consentLogRows } from "@/server/consent/log";
import { addDays, wallTimeToUtc } from "@/server/scheduling/zoned-time";
import { withMemberClinic } from "@/server/tenancy";
import { OWNER_ONLY } from "@/server/trpc";

export const dynamic = "force-dynamic";

const isDate = (value: string | null): value is string =>
  value !== null && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));

export async function GET(request: Request, { params }: { params: Promise<{ clinicSlug: string }> }) {
  const { clinicSlug } = await params;
  const user = await getSessionUser();
  if (!user) return new Response("Please sign in.", { status: 401 });
  if (await pageKioskLock()) return new Response("This tablet is with a patient.", { status: 403 });
  const query = new URL(request.url).searchParams;
  const from = query.get("from");
  const to = query.get("to");
  if ((from !== null && !isDate(from)) || (to !== null && !isDate(to))) {
    return new Response("Dates must look like 2026-03-31.", { status: 400 });
  }
  const result = await withMemberClinic(appDb(), user.id, clinicSlug, async (tx, membership) => {
    if (!membership) return { status: 404 as const };
    if (!OWNER_ONLY.includes(membership.role)) return { status: 403 as const };
    const range = {
      from: from ? wallTimeToUtc(from, "00:00", membership.timeZone) : undefined,
      to: to ? wallTimeToUtc(addDays(to, 1), "00:00", membership.timeZone) : undefined,
    };
    const rows = await consentLogRows(tx, membership.id, range);
    await recordRead(tx, {
      clinicId: membership.id,
      actorUserId: user.id,
      action: "consent_log.export",
      entity: "consent_log",
      patientIds: [],
      details: { route: "settings/privacy/export", rows: rows.length },
    });
    return { status: 200 as const, csv: consentLogCsv(rows) };
  });
  if (result.status === 404) return new Response("Clinic not found.", { status: 404 });
  if (result.status === 403) return new Response("Your role in this clinic does not allow that.", { status: 403 });
  const name = `consent-log-${clinicSlug}${from ? `-from-${from}` : ""}${to ? `-to-${to}` : ""}.csv`;
  return new Response(result.csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "no-store",
    },
  });
}

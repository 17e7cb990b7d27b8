// The one shape of a clinic's CSV download (audit log, consent log, dashboard rows), answered as HTTP
// statuses like the settings pages: not signed in 401, a tablet handed to a patient (kiosk) 403, not
// a member 404, a role not allowed 403. The rows are read and their export audited in one clinic
// transaction; the file is an attachment that is never cached.
import type { Tx } from "@/db/client";
import type { Role } from "@/db/schema";
import { recordRead } from "@/server/audit";
import { getSessionUser } from "@/server/auth";
import { appDb } from "@/db/client";
import { pageKioskLock } from "@/server/page-access";
import { withMemberClinic, type ClinicMembership } from "@/server/tenancy";

export type CsvExport = {
  csv: string;
  /** The export's audit row: what was exported and which patients it named. */
  audit: { action: string; entity: string; patientIds: readonly string[]; details: Record<string, unknown> };
};

/** A YYYY-MM-DD query parameter (or none). */
export const isDay = (value: string | null): value is string =>
  value !== null && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));

export async function clinicCsvExport(opts: {
  clinicSlug: string;
  roles: readonly Role[];
  filename: string;
  build: (tx: Tx, membership: ClinicMembership, userId: string) => Promise<CsvExport>;
}): Promise<Response> {
  const user = await getSessionUser();
  if (!user) return new Response("Please sign in.", { status: 401 });
  if (await pageKioskLock()) return new Response("This tablet is with a patient.", { status: 403 });
  const result = await withMemberClinic(appDb(), user.id, opts.clinicSlug, async (tx, membership) => {
    if (!membership) return { status: 404 as const };
    if (!opts.roles.includes(membership.role)) return { status: 403 as const };
    const built = await opts.build(tx, membership, user.id);
    await recordRead(tx, { clinicId: membership.id, actorUserId: user.id, ...built.audit });
    return { status: 200 as const, csv: built.csv };
  });
  if (result.status === 404) return new Response("Clinic not found.", { status: 404 });
  if (result.status === 403) return new Response("Your role in this clinic does not allow that.", { status: 403 });
  return new Response(result.csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${opts.filename}"`,
      "Cache-Control": "no-store",
    },
  });
}

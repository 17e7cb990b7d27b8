// The clinic's consent log for owners: newest first, a page at a time, or every row in a date range
// as CSV (app/c/[clinicSlug]/settings/privacy/export/route.ts).
import { and, desc, eq, gte, lt, or, type SQL } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { consentRecords } from "@/db/schema";
import type { ConsentLogInput } from "./schemas";

const logColumns = {
  id: consentRecords.id,
  consentId: consentRecords.consentId,
  decidedAt: consentRecords.decidedAt,
  granted: consentRecords.granted,
  refused: consentRecords.refused,
  policyVersion: consentRecords.policyVersion,
  bannerVersion: consentRecords.bannerVersion,
  source: consentRecords.source,
  gpc: consentRecords.gpc,
  ipTruncated: consentRecords.ipTruncated,
  userAgentFamily: consentRecords.userAgentFamily,
  expiresAt: consentRecords.expiresAt,
};

export type ConsentLogRow = {
  id: string;
  consentId: string;
  decidedAt: Date;
  granted: string[];
  refused: string[];
  policyVersion: number;
  bannerVersion: string;
  source: "banner" | "settings" | "gpc";
  gpc: boolean;
  ipTruncated: string | null;
  userAgentFamily: string;
  expiresAt: Date;
};

const encodeCursor = (at: Date, id: string) => Buffer.from(`${at.toISOString()}|${id}`).toString("base64url");
function decodeCursor(cursor: string): { at: Date; id: string } | null {
  const [iso, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const at = new Date(iso ?? "");
  return id && !Number.isNaN(at.getTime()) && /^[0-9a-f-]{36}$/i.test(id) ? { at, id } : null;
}

function rangeConditions(clinicId: string, range: { from?: Date; to?: Date }): (SQL | undefined)[] {
  return [
    eq(consentRecords.clinicId, clinicId),
    range.from ? gte(consentRecords.decidedAt, range.from) : undefined,
    range.to ? lt(consentRecords.decidedAt, range.to) : undefined,
  ];
}

export async function consentLog(
  tx: Tx,
  clinicId: string,
  input: ConsentLogInput,
): Promise<{ items: ConsentLogRow[]; nextCursor: string | null }> {
  const after = input.cursor ? decodeCursor(input.cursor) : null;
  const rows = await tx
    .select(logColumns)
    .from(consentRecords)
    .where(
      and(
        ...rangeConditions(clinicId, input),
        after
          ? or(
              lt(consentRecords.decidedAt, after.at),
              and(eq(consentRecords.decidedAt, after.at), lt(consentRecords.id, after.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(consentRecords.decidedAt), desc(consentRecords.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return { items: page, nextCursor: rows.length > input.limit && last ? encodeCursor(last.decidedAt, last.id) : null };
}

/** Every decision in the range, oldest first (an export is read top to bottom). */
export async function consentLogRows(
  tx: Tx,
  clinicId: string,
  range: { from?: Date; to?: Date },
): Promise<ConsentLogRow[]> {
  return tx
    .select(logColumns)
    .from(consentRecords)
    .where(and(...rangeConditions(clinicId, range)))
    .orderBy(consentRecords.decidedAt, consentRecords.id);
}

const CSV_HEADER = [
  "decided_at_utc",
  "consent_id",
  "granted",
  "refused",
  "policy_version",
  "banner_version",
  "source",
  "gpc",
  "ip_network",
  "browser",
  "expires_at_utc",
];

/** One CSV field: quoted when needed; a leading = + - @ is neutralised so spreadsheets do not run it. */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function consentLogCsv(rows: readonly ConsentLogRow[]): string {
  const lines = [CSV_HEADER.join(",")];
  for (const r of rows) {
    lines.push(
      [
        r.decidedAt.toISOString(),
        r.consentId,
        r.granted.join(" "),
        r.refused.join(" "),
        String(r.policyVersion),
        r.bannerVersion,
        r.source,
        r.gpc ? "yes" : "no",
        r.ipTruncated ?? "",
        r.userAgentFamily,
        r.expiresAt.toISOString(),
      ]
        .map(csvField)
        .join(","),
    );
  }
  return `${lines.join("\r\n")}\r\n`;
}

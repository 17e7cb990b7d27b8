// Reads what the availability engine needs for one clinic and range in ONE statement: the
// clinic's hours and rules, the members who take appointments with their hours, closures, time off and busy time
// (appointments merged into ranges by range_agg), all as JSON. Runs in the clinic transaction,
// so row-level security applies to every table it reads.
import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { appointmentTypes, memberships, users, type AppointmentType, type WeeklyHours } from "@/db/schema";
import { DomainError, notFound } from "@/server/errors";
import type { AvailabilityInput, Span } from "./availability";

export type BookingRules = AvailabilityInput["rules"];

/** The longest an appointment can block a clinician: 480 min + 240 min buffer (db checks). */
export const MAX_BLOCK_MS = 12 * 3_600_000;

/** Staff may book any 5-minute start up to a year ahead; patients follow the clinic's rules. */
export const STAFF_RULES: BookingRules = { granularityMinutes: 5, minNoticeMinutes: 0, maxAdvanceDays: 365 };

/** The members who take appointments (owners or clinicians: memberships.takes_appointments), by name. */
export async function listClinicians(tx: Tx, clinicId: string) {
  return tx
    .select({ id: users.id, name: users.name, workingHours: memberships.workingHours })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.clinicId, clinicId), eq(memberships.takesAppointments, true)))
    .orderBy(asc(users.name));
}

/** The type if it is offered (active; online-bookable when booked online), else UNKNOWN_TYPE. */
export function offeredType(type: AppointmentType | null | undefined, opts: { online?: boolean }): AppointmentType {
  if (!type || !type.active || (opts.online && !type.onlineBookable)) {
    throw new DomainError("UNKNOWN_TYPE", "That appointment type is not offered.", "NOT_FOUND");
  }
  return type;
}

export async function getAppointmentType(
  tx: Tx,
  clinicId: string,
  typeId: string,
  opts: { online?: boolean } = {},
): Promise<AppointmentType> {
  const [type] = await tx
    .select()
    .from(appointmentTypes)
    .where(and(eq(appointmentTypes.clinicId, clinicId), eq(appointmentTypes.id, typeId)));
  return offeredType(type, opts);
}

/** [start, end) in epoch milliseconds, as the JSON below carries instants. */
type MsPair = [number, number];
export type LoadedRow = {
  type_row: (Omit<AppointmentType, "createdAt"> & { createdAt: string }) | null;
  time_zone: string;
  opening_hours: WeeklyHours;
  granularity: number;
  min_notice: number;
  max_advance: number;
  closures: MsPair[];
  clinicians: { id: string; name: string; hours: WeeklyHours | null; off: MsPair[]; busy: MsPair[] }[];
};

const spans = (pairs: MsPair[]): Span[] => pairs.map(([a, b]) => ({ startsAt: new Date(a), endsAt: new Date(b) }));
// date_part is float8 arithmetic; extract() returns numeric, measurably slower over a busy month.
const ms = (column: ReturnType<typeof sql>) => sql`date_part('epoch', ${column}) * 1000`;

export type LoadOptions = {
  /** The type itself, or its id to read in the same statement (checked as getAppointmentType does). */
  type: AppointmentType | { lookup: string; online?: boolean };
  from: Date;
  to: Date;
  now: Date;
  clinicianIds?: string[];
  rules?: BookingRules;
  ignoreAppointmentId?: string;
};

export type LoadedAvailability = AvailabilityInput & {
  clinicianNames: Map<string, string>;
  appointmentType: AppointmentType;
};

/**
 * The one SELECT behind loadAvailabilityInput (one row, or none for no such clinic); booking
 * runs it as a CTE of its insert (book.ts), so reading and booking are one statement.
 */
export function availabilityQuery(clinicId: string, opts: LoadOptions): SQL {
  // Spans that could touch the range: anything reaching past `from - 1 day`. No appointment blocks
  // more than 12 h (types cap at 8 h + 4 h buffer), so a lower bound on starts_at lets the index
  // skip the clinician's history.
  const windowStart = new Date(opts.from.getTime() - 86_400_000);
  const windowEnd = new Date(opts.to.getTime() + 86_400_000);
  const historyStart = new Date(windowStart.getTime() - MAX_BLOCK_MS);
  const ids = opts.clinicianIds;
  const onlySome = !ids
    ? sql``
    : ids.length === 0
      ? sql`AND false`
      : sql`AND m.user_id IN (${sql.join(
          ids.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`;
  const notIgnored = opts.ignoreAppointmentId ? sql`AND a.id <> ${opts.ignoreAppointmentId}::uuid` : sql``;
  const lookup = "lookup" in opts.type ? opts.type : null;
  const typeColumn = lookup
    ? sql`(SELECT json_build_object('clinicId', t.clinic_id, 'id', t.id, 'name', t.name, 'durationMinutes', t.duration_minutes,
                'bufferMinutes', t.buffer_minutes, 'priceMinor', t.price_minor, 'color', t.color, 'onlineBookable', t.online_bookable,
                'active', t.active, 'createdAt', t.created_at, 'paymentPolicy', t.payment_policy,
                'depositMinor', t.deposit_minor, 'firstVisitPolicy', t.first_visit_policy,
                'firstVisitDepositMinor', t.first_visit_deposit_minor)
             FROM appointment_types t WHERE t.clinic_id = c.id AND t.id = ${lookup.lookup}::uuid)`
    : sql`NULL::json`;
  return sql`
    SELECT ${typeColumn} AS type_row, c.time_zone, c.opening_hours, c.slot_granularity_minutes AS granularity,
           c.min_notice_minutes AS min_notice, c.max_advance_days AS max_advance,
           (SELECT coalesce(json_agg(json_build_array(${ms(sql`x.starts_at`)}, ${ms(sql`x.ends_at`)})), '[]')
              FROM closures x
             WHERE x.clinic_id = c.id AND x.starts_at < ${windowEnd} AND x.ends_at > ${windowStart}) AS closures,
           (SELECT coalesce(json_agg(json_build_object(
                     'id', m.user_id, 'name', u.name, 'hours', m.working_hours,
                     'off', (SELECT coalesce(json_agg(json_build_array(${ms(sql`o.starts_at`)}, ${ms(sql`o.ends_at`)})), '[]')
                               FROM time_off o
                              WHERE o.clinic_id = c.id AND o.clinician_id = m.user_id
                                AND o.starts_at < ${windowEnd} AND o.ends_at > ${windowStart}),
                     -- unnest reads a multirange out in ascending order
                     'busy', (SELECT coalesce(json_agg(json_build_array(${ms(sql`lower(r)`)}, ${ms(sql`upper(r)`)})), '[]')
                                FROM unnest((
                                  SELECT range_agg(tstzrange(a.starts_at, a.blocked_until))
                                    FROM appointments a
                                   WHERE a.clinic_id = c.id AND a.clinician_id = m.user_id AND a.status <> 'cancelled'
                                     AND a.starts_at < ${windowEnd} AND a.starts_at > ${historyStart}
                                     AND a.blocked_until > ${windowStart} ${notIgnored}
                                )) r)
                   ) ORDER BY u.name), '[]')
              FROM memberships m JOIN users u ON u.id = m.user_id
             WHERE m.clinic_id = c.id AND m.takes_appointments ${onlySome}) AS clinicians
      FROM clinics c
     WHERE c.id = ${clinicId}`;
}

/** availabilityQuery's row as the engine's input (the type checked as getAppointmentType does). */
export function toAvailabilityInput(row: LoadedRow | undefined, opts: LoadOptions): LoadedAvailability {
  if (!row) throw notFound("The clinic");
  const lookup = "lookup" in opts.type ? opts.type : null;
  const type = lookup
    ? offeredType(row.type_row && { ...row.type_row, createdAt: new Date(row.type_row.createdAt) }, lookup)
    : (opts.type as AppointmentType);
  return {
    timeZone: row.time_zone,
    from: opts.from,
    to: opts.to,
    now: opts.now,
    clinicHours: row.opening_hours,
    closures: spans(row.closures),
    clinicians: row.clinicians.map((c) => ({ id: c.id, hours: c.hours, timeOff: spans(c.off), busy: spans(c.busy) })),
    type: { durationMinutes: type.durationMinutes, bufferMinutes: type.bufferMinutes },
    appointmentType: type,
    rules: opts.rules ?? {
      granularityMinutes: row.granularity,
      minNoticeMinutes: row.min_notice,
      maxAdvanceDays: row.max_advance,
    },
    clinicianNames: new Map(row.clinicians.map((c) => [c.id, c.name])),
  };
}

export async function loadAvailabilityInput(tx: Tx, clinicId: string, opts: LoadOptions): Promise<LoadedAvailability> {
  const result = await tx.execute<LoadedRow>(availabilityQuery(clinicId, opts));
  return toAvailabilityInput(result.rows[0], opts);
}

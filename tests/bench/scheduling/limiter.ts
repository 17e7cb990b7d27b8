// The abuse limits' cost on public booking (issue 12): the booking as the booking.book procedure runs
// it — the three counters in rate_limits (per IP, per email, per clinic), then the clinic transaction
// that books — against the same booking without the counters. In-process (no HTTP), 8 clients, distinct
// free slots, each visitor with their own IP and email. Thresholds are raised so nothing is refused:
// what is measured is the counting every real booking pays.
import type pg from "pg";
import { createAppPool, drizzleFor, type Db } from "@/db/client";
import { limitPublicBooking } from "@/server/booking/limits";
import { bookOnline } from "@/server/booking/public-booking";
import { DomainError } from "@/server/errors";
import { env, provideAuthSecret } from "@/server/env";
import { withPublicClinic } from "@/server/tenancy";
import { describeOutcomes, figures, inTurns, mergeRuns, runLoad, type Figures } from "../load";
import { freeBookingSlots, type BookingSlot } from "./anchors";

const CLIENTS = 8;
const RUN = { warm: 40, ops: 600, ms: 12_000, rounds: 10 };

/** allBooked: every timed operation booked (otherwise the ratio compares failures, not bookings). */
export type LimiterResult = { without: Figures; with: Figures; ratio: number; outcomes: string; allBooked: boolean };

let visitors = 0;
function visitor(slot: BookingSlot) {
  const n = ++visitors;
  return {
    ip: `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
    input: {
      typeId: slot.typeId,
      clinicianId: slot.clinicianId,
      startsAt: slot.startsAt,
      firstName: "Bench",
      lastName: `Visitor${n}`,
      email: `visitor${n}@bench.test`,
      phone: "(541) 555-0100",
    },
  };
}

async function book(db: Db, slot: BookingSlot, limits: boolean): Promise<string> {
  const { ip, input } = visitor(slot);
  try {
    if (limits) await limitPublicBooking(db, { ip, clinicId: slot.clinicId, email: input.email });
    await withPublicClinic(db, slot.slug, (tx, clinic) => bookOnline(tx, clinic!, input, new Date()));
    return "booked";
  } catch (error) {
    return error instanceof DomainError ? error.code : `threw ${(error as Error).message.slice(0, 60)}`;
  }
}

export async function benchLimiter(admin: pg.Pool, databaseUrl: string): Promise<LimiterResult> {
  // Manage links and limit keys are signed; the bench runs as production, which has no default secret.
  if (!env.NEXTAUTH_SECRET) provideAuthSecret("bench-secret-only-for-npm-run-bench");
  Object.assign(env, {
    LIMIT_BOOKING_PER_IP_HOUR: 1e9,
    LIMIT_BOOKING_PER_EMAIL_DAY: 1e9,
    LIMIT_BOOKING_PER_CLINIC_HOUR: 1e9,
  });
  const pool = createAppPool(databaseUrl);
  const db = drizzleFor(pool);
  try {
    const slots = await freeBookingSlots(admin, 2 * (RUN.warm + RUN.ops));
    const halves = [slots.filter((_, i) => i % 2 === 0), slots.filter((_, i) => i % 2 === 1)];
    // each path books its own slots, one after another across its blocks
    const booking = (list: BookingSlot[], limits: boolean) => {
      let next = 0;
      return () => {
        const slot = list[next++];
        return slot ? book(db, slot, limits) : Promise.resolve("out of slots");
      };
    };
    const paths = [booking(halves[0]!, false), booking(halves[1]!, true)];
    for (const op of paths) await runLoad({ clients: CLIENTS, maxOps: RUN.warm, maxMs: 5_000, op });
    // in turns (inTurns): run one after the other, a burst of other work (autovacuum after the
    // first path's bookings, a checkpoint) fell on one path only; the ratio moved from 0.75 to 1.01
    const [withoutRuns, withRuns] = await inTurns(
      paths.map((op) => ({ ops: RUN.ops, op })),
      { clients: CLIENTS, rounds: RUN.rounds, maxMs: 2 * RUN.ms },
    );
    const without = mergeRuns(withoutRuns!);
    const withLimits = mergeRuns(withRuns!);
    return {
      without: figures(without),
      with: figures(withLimits),
      ratio: figures(withLimits).rate / figures(without).rate,
      outcomes: `without: ${describeOutcomes(without)}; with: ${describeOutcomes(withLimits)}`,
      allBooked: [without, withLimits].every((run) => run.outcomes.get("booked") === run.ops),
    };
  } finally {
    await pool.end();
  }
}

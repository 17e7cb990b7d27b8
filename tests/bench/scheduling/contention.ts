// Path (b): 32 front-desk clients race for 100 offers (30- and 60-minute types) in one empty
// clinic through the HTTP path. The offers form 25 time-disjoint cells of four pairwise
// overlapping offers for one clinician, so exactly one booking per cell can win whatever the
// order; the expectation is computed from the offers, not assumed.
import type pg from "pg";
import type { LoadRun } from "../load";
import { mutate, overHttp, type BenchServer, type Measured } from "./http";
import { TZ } from "./seed";

type Offer = { clinicianId: string; typeId: string; startsAt: Date; blockedUntil: Date };
export type ContentionResult = Measured & {
  expected: number | null;
  booked: number;
  ok200: number;
  overlaps: number;
  fiveXx: number;
  deadlocksSeen: number;
  deadlocksPg: number;
  run: LoadRun;
};

const CLIENTS = 32;
const DURATION_MS = 20_000;
const MAX_ATTEMPTS = 50_000;

/** 25 cells: 5 weekdays from two days ahead × 6 two-hour windows; offers start +0/+5/+15/+25 min. */
async function loadOffers(pool: pg.Pool, raceClinic: number): Promise<Offer[]> {
  const { rows } = await pool.query<Offer>(
    `WITH days AS (
       SELECT day, (row_number() OVER (ORDER BY day) - 1)::int AS i
       FROM (SELECT (now() AT TIME ZONE '${TZ}')::date + g AS day FROM generate_series(2, 14) g) d
       WHERE extract(isodow FROM day) < 6 ORDER BY day LIMIT 5)
     SELECT u.user_id AS "clinicianId", t.type_id AS "typeId", x.s AS "startsAt", x.s + make_interval(mins => t.minutes + t.buffer) AS "blockedUntil"
     FROM days CROSS JOIN generate_series(0, 5) w
     CROSS JOIN (VALUES (0, 60), (5, 30), (15, 60), (25, 30)) o(offset_min, minutes)
     JOIN bench.users u ON u.n = $1 AND u.c = (days.i * 6 + w) % 10 + 1
     JOIN bench.types t ON t.n = $1 AND t.minutes = o.minutes
     CROSS JOIN LATERAL (SELECT ((day + make_time(7 + 2 * w, 0, 0)) AT TIME ZONE '${TZ}') + make_interval(mins => o.offset_min) AS s) x
     WHERE days.i * 6 + w < 25`,
    [raceClinic],
  );
  return rows;
}

const overlaps = (a: Offer, b: Offer) => a.startsAt < b.blockedUntil && b.startsAt < a.blockedUntil;

/**
 * Groups offers that overlap in time (any clinician: patients are shared). When every group is
 * one clinician's clique, each group ends with exactly one booking: the answer is the group
 * count. Otherwise the outcome depends on the order, and there is no single expectation (null).
 */
function expectedBookings(offers: Offer[]): number | null {
  const sorted = [...offers].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  const groups: Offer[][] = [];
  let end = -Infinity;
  for (const o of sorted) {
    if (o.startsAt.getTime() < end) groups[groups.length - 1]!.push(o);
    else groups.push([o]);
    end = Math.max(end, o.blockedUntil.getTime());
  }
  const clique = (g: Offer[]) =>
    g.every((a) => g.every((b) => a === b || (a.clinicianId === b.clinicianId && overlaps(a, b))));
  return groups.every(clique) ? groups.length : null;
}

/** A small seeded PRNG, so each client's order is random but the same from run to run. */
function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(xs: T[], seed: number): T[] {
  const rnd = mulberry32(seed);
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

async function deadlockCount(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ deadlocks: string }>(
    "SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()",
  );
  return Number(rows[0]?.deadlocks ?? 0);
}

export async function benchContention(
  admin: pg.Pool,
  server: BenchServer,
  raceClinic: number,
): Promise<ContentionResult> {
  const offers = await loadOffers(admin, raceClinic);
  const {
    rows: [clinic],
  } = await admin.query<{ id: string; slug: string; frontDeskId: string }>(
    `SELECT b.id, b.slug, u.user_id AS "frontDeskId" FROM bench.clinics b JOIN bench.users u ON u.n = b.n AND u.c = 0 WHERE b.n = $1`,
    [raceClinic],
  );
  const { rows: patients } = await admin.query<{ id: string }>(
    "SELECT patient_id AS id FROM bench.patients WHERE n = $1 AND p <= $2 ORDER BY p",
    [raceClinic, CLIENTS],
  );
  const who = { clinicSlug: clinic!.slug, userId: clinic!.frontDeskId };
  const orders = Array.from({ length: CLIENTS }, (_, c) => shuffled(offers, c + 1));
  const attempts = Array.from({ length: CLIENTS }, () => 0);
  const deadlocksBefore = await deadlockCount(admin);
  const seenBefore = server.errors.deadlocks;
  const measured = await overHttp(server, {
    clients: CLIENTS,
    maxOps: MAX_ATTEMPTS,
    maxMs: DURATION_MS,
    op: async (_i, c) => {
      const offer = orders[c]![attempts[c]!++ % offers.length]!;
      const res = await mutate(server.baseUrl, "scheduling.book", who, {
        clinicianId: offer.clinicianId,
        patientId: patients[c]!.id,
        typeId: offer.typeId,
        startsAt: offer.startsAt,
      });
      return res.domainCode ? `${res.status} ${res.domainCode}` : String(res.status);
    },
  });
  const {
    rows: [counts],
  } = await admin.query<{ booked: string; overlaps: string }>(
    `SELECT (SELECT count(*) FROM appointments WHERE clinic_id = $1 AND status <> 'cancelled') AS booked,
            (SELECT count(*) FROM appointments a JOIN appointments b
               ON b.clinic_id = a.clinic_id AND a.id < b.id AND b.status <> 'cancelled'
              AND ((a.clinician_id = b.clinician_id AND tstzrange(a.starts_at, a.blocked_until) && tstzrange(b.starts_at, b.blocked_until))
                OR (a.patient_id = b.patient_id AND tstzrange(a.starts_at, a.ends_at) && tstzrange(b.starts_at, b.ends_at)))
             WHERE a.clinic_id = $1 AND a.status <> 'cancelled') AS overlaps`,
    [clinic!.id],
  );
  const { run } = measured;
  const fiveXx = [...run.outcomes.entries()].filter(([k]) => /^5\d\d/.test(k)).reduce((n, [, v]) => n + v, 0);
  return {
    ...measured,
    expected: expectedBookings(offers),
    booked: Number(counts!.booked),
    ok200: run.outcomes.get("200") ?? 0,
    overlaps: Number(counts!.overlaps),
    fiveXx,
    deadlocksSeen: server.errors.deadlocks - seenBefore,
    deadlocksPg: (await deadlockCount(admin)) - deadlocksBefore,
  };
}

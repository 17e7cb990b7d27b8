// Seeds the scheduling bench's world with set-based SQL, as the table owner. Every clinic has a
// front-desk user (c = 0), ten clinicians (c = 1…10), the three default appointment types and 40
// patients. Appointments are non-overlapping by construction, per clinician and per patient:
//   regular  ~1,000 per clinic over a year (half past, half ahead), Mon–Fri 07:00–19:00 on the hour.
//            Clinician c has hour k of day d iff (12d + k + 7c + n) ≡ 0 (mod 31): never two
//            consecutive hours for one clinician (so the 60+15 type fits), and at most one clinician
//            per clinic per hour (so any patient rotation over patients 1–20 is safe).
//   packed   every half hour of the next 28 days for all ten clinicians, 30-minute type, ~1 in 9 left free.
//   big      ~20,000 over the year: two hours in three, 45/30-minute types (60+15 only at 18:00).
//   race     none (the contention bench fills it).
// Patients 21–30 of the regular clinics are kept free for the booking benches (patient 20 + c
// books only with clinician c). Lookup tables live in schema `bench`, dropped with the database.
import type pg from "pg";
import { performance } from "node:perf_hooks";
import { DEFAULT_APPOINTMENT_TYPES } from "@/server/scheduling/defaults";

export const TZ = "America/Los_Angeles";
export type ClinicKind = "regular" | "packed" | "big" | "race";
export type SeedResult = {
  regularClinics: number;
  appointments: Record<ClinicKind, number>;
  seedMs: number;
  vacuumMs: number;
};

const LOCAL_TODAY = `(now() AT TIME ZONE '${TZ}')::date`;
const LOCAL = (day: string, time: string) => `((${day}) + (${time})) AT TIME ZONE '${TZ}'`;
const WEEKDAY = (day: string) => `extract(isodow FROM ${day}) < 6`;

async function setUpTenants(db: pg.ClientBase, regular: number) {
  await db.query("CREATE SCHEMA bench");
  await db.query(
    `CREATE UNLOGGED TABLE bench.clinics AS
       SELECT n, CASE WHEN n <= $1 THEN 'regular' WHEN n = $1 + 1 THEN 'packed' WHEN n = $1 + 2 THEN 'big' ELSE 'race' END AS kind,
              gen_random_uuid() AS id
       FROM generate_series(1, $1 + 3) n`,
    [regular],
  );
  await db.query(
    "ALTER TABLE bench.clinics ADD COLUMN slug text GENERATED ALWAYS AS (CASE kind WHEN 'regular' THEN 'r' || n ELSE kind END) STORED",
  );
  await db.query(
    `INSERT INTO clinics (id, slug, name, time_zone) SELECT id, slug, 'Bench ' || slug, '${TZ}' FROM bench.clinics`,
  );
  await db.query(
    "CREATE UNLOGGED TABLE bench.users AS SELECT b.n, b.id AS clinic_id, c, gen_random_uuid() AS user_id FROM bench.clinics b, generate_series(0, 10) c",
  );
  await db.query(`INSERT INTO users (id, email, name)
                  SELECT user_id, 'u' || n || '-' || c || '@bench.test', CASE WHEN c = 0 THEN 'Front desk ' || n ELSE 'Clinician ' || lpad(c::text, 2, '0') END FROM bench.users`);
  await db.query(`INSERT INTO memberships (clinic_id, user_id, role)
                  SELECT clinic_id, user_id, (CASE WHEN c = 0 THEN 'front_desk' ELSE 'clinician' END)::member_role FROM bench.users`);
  await db.query(
    "CREATE UNLOGGED TABLE bench.patients AS SELECT b.n, b.id AS clinic_id, p, gen_random_uuid() AS patient_id FROM bench.clinics b, generate_series(1, 40) p",
  );
  await db.query(`INSERT INTO patients (clinic_id, id, first_name, last_name, email)
                  SELECT clinic_id, patient_id, 'Patient' || p, 'Bench' || n, 'p' || p || '.' || n || '@bench.test' FROM bench.patients`);
  const types = DEFAULT_APPOINTMENT_TYPES;
  await db.query(
    `CREATE UNLOGGED TABLE bench.types AS
       SELECT b.n, b.id AS clinic_id, t.minutes, t.buffer, t.name, gen_random_uuid() AS type_id
       FROM bench.clinics b, unnest($1::int[], $2::int[], $3::text[]) AS t(minutes, buffer, name)`,
    [types.map((t) => t.durationMinutes), types.map((t) => t.bufferMinutes), types.map((t) => t.name)],
  );
  await db.query(`INSERT INTO appointment_types (clinic_id, id, name, duration_minutes, buffer_minutes, price_minor, online_bookable)
                  SELECT clinic_id, type_id, name, minutes, buffer, 10000, true FROM bench.types`);
  for (const t of ["clinics", "users", "patients", "types"]) await db.query(`ANALYZE bench.${t}`);
}

/** One INSERT … SELECT from a `slots` CTE of (n, d, k, c, p, minutes, starts_at); the rest is joined in. */
function insertAppointments(slots: string): string {
  return `
    INSERT INTO appointments (clinic_id, clinician_id, patient_id, type_id, starts_at, ends_at, blocked_until, status)
    SELECT u.clinic_id, u.user_id, p.patient_id, t.type_id, s.starts_at,
           s.starts_at + make_interval(mins => t.minutes), s.starts_at + make_interval(mins => t.minutes + t.buffer),
           (CASE WHEN s.starts_at < now() THEN 'completed' ELSE 'booked' END)::appointment_status
    FROM (${slots}) s
    JOIN bench.users u ON u.n = s.n AND u.c = s.c
    JOIN bench.patients p ON p.n = s.n AND p.p = s.p
    JOIN bench.types t ON t.n = s.n AND t.minutes = s.minutes`;
}

// c is solved from the congruence: 7⁻¹ ≡ 9 (mod 31).
const REGULAR = `
  SELECT n, d, k, c, (d * 12 + k) % 20 + 1 AS p, (ARRAY[60, 45, 30])[(d + k) % 3 + 1] AS minutes,
         ${LOCAL(`${LOCAL_TODAY} - 182 + d`, "make_time(7 + k, 0, 0)")} AS starts_at
  FROM (SELECT b.n, d, k, ((31 - (d * 12 + k + b.n) % 31) * 9) % 31 AS c
        FROM bench.clinics b, generate_series(0, 364) d, generate_series(0, 11) k
        WHERE b.kind = 'regular' AND b.n BETWEEN $1 AND $2 AND ${WEEKDAY(`${LOCAL_TODAY} - 182 + d`)}) x
  WHERE c BETWEEN 1 AND 10`;

const PACKED = `
  SELECT b.n, d, h AS k, c, ((d * 24 + h) * 10 + c) % 40 + 1 AS p, 30 AS minutes,
         ${LOCAL(`${LOCAL_TODAY} + d`, "make_time(7 + h / 2, (h % 2) * 30, 0)")} AS starts_at
  FROM bench.clinics b, generate_series(0, 28) d, generate_series(0, 23) h, generate_series(1, 10) c
  WHERE b.kind = 'packed' AND ${WEEKDAY(`${LOCAL_TODAY} + d`)} AND (d + h + c) % 9 <> 0`;

const BIG = `
  SELECT b.n, d, k, c, ((d * 12 + k) * 10 + c) % 40 + 1 AS p,
         CASE WHEN k = 11 THEN 60 WHEN (d + k) % 2 = 0 THEN 45 ELSE 30 END AS minutes,
         ${LOCAL(`${LOCAL_TODAY} - 182 + d`, "make_time(7 + k, 0, 0)")} AS starts_at
  FROM bench.clinics b, generate_series(0, 364) d, generate_series(0, 11) k, generate_series(1, 10) c
  WHERE b.kind = 'big' AND ${WEEKDAY(`${LOCAL_TODAY} - 182 + d`)} AND (d * 12 + k + c) % 3 <> 0`;

/** Seeds everything; regular clinics in chunks over `pool` (two at a time: this machine has two cores). */
export async function seedScheduling(pool: pg.Pool, regular: number, log: (m: string) => void): Promise<SeedResult> {
  const started = performance.now();
  const setup = await pool.connect();
  try {
    await setUpTenants(setup, regular);
    await setup.query(insertAppointments(PACKED));
    await setup.query(insertAppointments(BIG));
  } finally {
    setup.release();
  }
  const CHUNK = 50;
  const chunks = Array.from(
    { length: Math.ceil(regular / CHUNK) },
    (_, i) => [i * CHUNK + 1, Math.min(regular, (i + 1) * CHUNK)] as const,
  );
  let done = 0;
  const worker = async () => {
    for (let chunk = chunks.shift(); chunk; chunk = chunks.shift()) {
      await pool.query(insertAppointments(REGULAR), [chunk[0], chunk[1]]);
      done += chunk[1] - chunk[0] + 1;
      if (done % 200 < CHUNK)
        log(`  … ${done}/${regular} regular clinics (${((performance.now() - started) / 1000).toFixed(0)} s)`);
    }
  };
  await Promise.all([worker(), worker()]);
  const seedMs = performance.now() - started;
  const vacuumStarted = performance.now();
  await pool.query("VACUUM ANALYZE");
  const vacuumMs = performance.now() - vacuumStarted;
  const { rows } = await pool.query<{ kind: ClinicKind; count: string }>(
    "SELECT b.kind, count(a.*) AS count FROM bench.clinics b LEFT JOIN appointments a ON a.clinic_id = b.id GROUP BY b.kind",
  );
  const appointments = { regular: 0, packed: 0, big: 0, race: 0 };
  for (const r of rows) appointments[r.kind] = Number(r.count);
  return { regularClinics: regular, appointments, seedMs, vacuumMs };
}

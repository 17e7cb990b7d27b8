// What a clinic that has run for a year has besides appointments and emails, for every bench
// clinic, with set-based SQL as the table owner (the scheduling seed's bench.* lookup tables and
// appointments are its input): the rows the owner dashboard's outcomes, adherence, at-risk,
// discharged-episode and revenue KPIs read, which the bench otherwise never met.
//   episodes   per patient, one per ~8-week window (offset per patient) in which they had completed
//              visits: started at the window's first visit, by that visit's clinician; discharged an
//              hour after its last visit, except the patient's latest window when that visit is
//              within 30 days (active: at most one per patient). Plus four referred patients per
//              clinic (new patients rows, bench.patients p = 41…44) with an open episode and no visit
//              yet — the at-risk list's "open episode, not booked" (every other bench patient is booked
//              ahead, so the list was always empty).
//   outcomes   each episode has an ODI schedule (at intake and discharge) and its answered requests:
//              intake for every episode, discharge for the discharged ones. Answers are valid ODI
//              2.1a-plain (all ten sections, 0–5), scored by the instrument's rule (total ÷ 50 × 100);
//              six in ten discharged episodes improve by at least the MCID (10 points), the rest by
//              less or get worse. Entered by the clinician in clinic (source staff), at the visit.
//   programs   half the patients seen: one assigned home-exercise program (version 1, unphased, five
//              days a week, started 5–7 weeks ago by the episode's clinician) of four library
//              exercises at their default dosage; exercise_logs (done) from the start to yesterday:
//              each patient does the whole session on a share of days (25–85 %), a few items on some
//              other days (~60 % of item-days overall at most; ~1M logs at scale 1).
//   payments   per completed appointment that has ended: its visit charge (the type's price, as
//              server/payments/charge-visit.ts writes it), nine in ten paid by card in clinic within
//              two days (when that is past), one payment in a hundred refunded in full a few days later.
// Triggers are off while inserting (session_replication_role = replica): what the payments triggers
// keep (their appointment's clinician and type, 0036; patient_balances, 0037) is written here by the
// triggers' definitions, and nothing else the app keeps by trigger is derived from these tables;
// foreign keys are therefore unchecked, so every row is built from rows it references.
import type pg from "pg";
import { INSTRUMENTS } from "@/server/outcomes/instruments";
import { ANSWER_WINDOW_DAYS } from "@/server/outcomes/occasions";

const ODI = INSTRUMENTS.odi;
const REFERRALS = 4;
const TITLES = ["Low back pain", "Lumbar radiculopathy", "Low back pain after lifting", "Sacroiliac joint pain"];

/** A stable pseudo-random number 0…m−1 from some text (SQL). */
const hash = (text: string, m: number) => `((hashtext(${text}) & 2147483647) % ${m})`;

export async function seedCare(admin: pg.Pool): Promise<void> {
  const started = Date.now();
  const client = await admin.connect();
  const counts: Record<string, number> = {};
  try {
    await client.query("BEGIN");
    await client.query("SET LOCAL session_replication_role = replica");

    // Referred patients, not seen yet (never booked).
    await client.query(
      `INSERT INTO bench.patients (n, clinic_id, p, patient_id)
       SELECT b.n, b.id, 40 + k, gen_random_uuid() FROM bench.clinics b, generate_series(1, $1::int) k`,
      [REFERRALS],
    );
    await client.query(`
      INSERT INTO patients (clinic_id, id, first_name, last_name, email, referral_source)
      SELECT clinic_id, patient_id, 'Referral' || (p - 40), 'Bench' || n, 'p' || p || '.' || n || '@bench.test', 'Doctor referral'
        FROM bench.patients WHERE p > 40`);

    // The episodes, with their requests' ids and the ODI totals (0–50) of their answers.
    await client.query(
      `CREATE TEMP TABLE care_episodes ON COMMIT DROP AS
       WITH visits AS (
         SELECT a.clinic_id, a.patient_id, a.clinician_id, a.starts_at,
                floor((extract(epoch FROM a.starts_at) / 86400 + ${hash("a.patient_id::text", 56)}) / 56)::int AS w
           FROM appointments a WHERE a.status = 'completed' AND a.starts_at < now()),
       windows AS (
         SELECT clinic_id, patient_id, min(starts_at) AS started_at, max(starts_at) AS last_visit,
                (array_agg(clinician_id ORDER BY starts_at))[1] AS clinician_id,
                w = max(w) OVER (PARTITION BY clinic_id, patient_id) AS latest
           FROM visits GROUP BY clinic_id, patient_id, w),
       spans AS (
         SELECT clinic_id, patient_id, clinician_id, started_at,
                CASE WHEN latest AND last_visit > now() - interval '30 days' THEN NULL
                     ELSE least(last_visit + interval '1 hour', now()) END AS discharged_at
           FROM windows
         UNION ALL
         SELECT r.clinic_id, r.patient_id, u.user_id, now() - make_interval(days => 2 + 5 * (r.p - 41)), NULL
           FROM bench.patients r JOIN bench.users u ON u.n = r.n AND u.c = (r.n + r.p) % 10 + 1
          WHERE r.p > 40)
       SELECT s.*, gen_random_uuid() AS id, gen_random_uuid() AS intake_id, gen_random_uuid() AS discharge_id,
              x.h, 14 + x.h % 22 AS intake_total,
              CASE WHEN x.h % 100 < 60 THEN 14 + x.h % 22 - 5 - (x.h / 100) % 10   -- 10–28 points better
                   ELSE 14 + x.h % 22 + 2 - (x.h / 100) % 7 END AS discharge_total   -- 4 worse … 8 better
         FROM spans s CROSS JOIN LATERAL (SELECT ${hash("s.patient_id::text || s.started_at::text", 100000)} AS h) x`,
    );
    counts.episodes = (
      await client.query(
        `INSERT INTO episodes (clinic_id, id, patient_id, clinician_id, title, started_at, status, discharged_at,
                               created_by, created_at, updated_at)
         SELECT clinic_id, id, patient_id, clinician_id, ($1::text[])[h % cardinality($1::text[]) + 1], started_at,
                (CASE WHEN discharged_at IS NULL THEN 'active' ELSE 'discharged' END)::episode_status, discharged_at,
                clinician_id, started_at, coalesce(discharged_at, started_at)
           FROM care_episodes`,
        [TITLES],
      )
    ).rowCount!;
    await client.query(
      `INSERT INTO outcome_schedules (clinic_id, episode_id, instrument_key, at_intake, at_discharge, created_at, updated_at)
       SELECT clinic_id, id, $1, true, true, started_at, started_at FROM care_episodes`,
      [ODI.key],
    );
    // One row per answered occasion: intake at the start, discharge at the discharge.
    await client.query(`
      CREATE TEMP TABLE care_answers ON COMMIT DROP AS
      SELECT e.clinic_id, e.id AS episode_id, e.patient_id, e.clinician_id, o.request_id, o.occasion, o.at, o.total
        FROM care_episodes e
       CROSS JOIN LATERAL (VALUES (e.intake_id, 'intake', e.started_at, e.intake_total),
                                  (e.discharge_id, 'discharge', e.discharged_at, e.discharge_total)) o(request_id, occasion, at, total)
       WHERE o.at IS NOT NULL`);
    await client.query(
      `INSERT INTO outcome_requests (clinic_id, id, episode_id, patient_id, instrument_key, instrument_version, occasion,
                                     due_at, closes_at, status, created_at, updated_at)
       SELECT clinic_id, request_id, episode_id, patient_id, $1, $2, occasion, at,
              at + make_interval(days => $3), 'submitted', at, at
         FROM care_answers`,
      [ODI.key, ODI.version, ANSWER_WINDOW_DAYS],
    );
    // Section i (1–10) of a total T: T / 10, plus one for the first T % 10 sections.
    counts.responses = (
      await client.query(
        `INSERT INTO outcome_responses (clinic_id, request_id, episode_id, patient_id, instrument_key, instrument_version,
                                        answers, score, answered_items, total_items, prorated, source, entered_by,
                                        completed_at, created_at)
         SELECT c.clinic_id, c.request_id, c.episode_id, c.patient_id, $1, $2,
                jsonb_build_object('values', (SELECT jsonb_object_agg(s.id, c.total / 10 + (s.i <= c.total % 10)::int)
                                                FROM unnest($3::text[]) WITH ORDINALITY s(id, i))),
                round(c.total * 100.0 / ($4 * cardinality($3::text[])), 4), cardinality($3::text[]),
                cardinality($3::text[]), false, 'staff', c.clinician_id, c.at, c.at
           FROM care_answers c`,
        [ODI.key, ODI.version, ODI.items.map((i) => i.id), maxOption()],
      )
    ).rowCount!;

    // Programs: half the patients seen, by the clinician of their latest episode.
    await client.query(`
      CREATE TEMP TABLE care_programs ON COMMIT DROP AS
      SELECT DISTINCT ON (e.clinic_id, e.patient_id) e.clinic_id, gen_random_uuid() AS id, e.patient_id, e.clinician_id,
             c.time_zone, (now() AT TIME ZONE c.time_zone)::date - (35 + ${hash("e.patient_id::text || 'start'", 15)}) AS start_date,
             25 + ${hash("e.patient_id::text || 'adherence'", 61)} AS session_percent
        FROM care_episodes e JOIN clinics c ON c.id = e.clinic_id
       WHERE ${hash("e.patient_id::text || 'program'", 2)} = 0
         AND EXISTS (SELECT 1 FROM dashboard_patient_visits v WHERE v.clinic_id = e.clinic_id AND v.patient_id = e.patient_id)
       ORDER BY e.clinic_id, e.patient_id, e.started_at DESC`);
    const assignedAt = `((p.start_date + time '10:00') AT TIME ZONE p.time_zone)`;
    counts.programs = (
      await client.query(`
        INSERT INTO programs (clinic_id, id, patient_id, title, status, current_version, assigned_version, revision,
                              created_by, created_at, updated_at)
        SELECT p.clinic_id, p.id, p.patient_id, 'Home exercises for your back', 'assigned', 1, 1, 2, p.clinician_id,
               ${assignedAt} - interval '15 minutes', ${assignedAt}
          FROM care_programs p`)
    ).rowCount!;
    await client.query(
      `INSERT INTO program_versions (clinic_id, program_id, version, title, start_date, days_per_week, phases, created_by,
                                     created_at, updated_at, assigned_at, assigned_by)
       SELECT p.clinic_id, p.id, 1, 'Home exercises for your back', p.start_date, 5, $1::jsonb, p.clinician_id,
              ${assignedAt} - interval '15 minutes', ${assignedAt}, ${assignedAt}, p.clinician_id
         FROM care_programs p`,
      [JSON.stringify([{ title: "Home exercises", notes: null, startWeek: null, startDate: null }])],
    );
    // Four different library exercises per program ((h + 7j) mod n, j = 0…3; the library has well over 21).
    await client.query(`
      CREATE TEMP TABLE care_items ON COMMIT DROP AS
      SELECT p.clinic_id, gen_random_uuid() AS id, p.id AS program_id, p.patient_id, p.time_zone, p.start_date,
             p.session_percent, j AS position, l.id AS exercise_id
        FROM care_programs p CROSS JOIN generate_series(0, 3) j
        JOIN (SELECT id, row_number() OVER (ORDER BY slug) - 1 AS k, count(*) OVER () AS n FROM library_exercises) l
          ON l.k = (${hash("p.id::text", 1000)} + 7 * j) % l.n`);
    await client.query(`
      INSERT INTO program_items (clinic_id, id, program_id, version, position, phase_index, library_exercise_id,
                                 sets, reps, hold_seconds, side, times_per_day, days_per_week)
      SELECT i.clinic_id, i.id, i.program_id, 1, i.position, 0, i.exercise_id,
             l.sets, l.reps, l.hold_seconds, l.side, l.times_per_day, 5
        FROM care_items i JOIN library_exercises l ON l.id = i.exercise_id`);
    // A day is a whole session (every item ticked) for session_percent % of days; on one in seven of
    // the others the patient ticks the first one or two items.
    counts.logs = (
      await client.query(`
        INSERT INTO exercise_logs (clinic_id, program_id, version, item_id, patient_id, day, done, logged_at)
        SELECT i.clinic_id, i.program_id, 1, i.id, i.patient_id, d.day, true,
               ((d.day + time '18:00') AT TIME ZONE i.time_zone) + make_interval(mins => i.position * 4 + x.h % 180)
          FROM care_items i
         CROSS JOIN LATERAL generate_series(i.start_date, (now() AT TIME ZONE i.time_zone)::date - 1, interval '1 day') g(t)
         CROSS JOIN LATERAL (SELECT g.t::date AS day) d
         CROSS JOIN LATERAL (SELECT ${hash("i.program_id::text || d.day::text", 100000)} AS h) x
         WHERE x.h % 100 < i.session_percent OR ((x.h / 100) % 7 = 0 AND i.position <= (x.h / 1000) % 2)`)
    ).rowCount!;

    // The ledger: visit charges, card payments, a few refunds.
    await client.query(`
      CREATE TEMP TABLE care_payments ON COMMIT DROP AS
      SELECT a.clinic_id, a.id AS appointment_id, a.patient_id, a.clinician_id, a.type_id, t.price_minor, c.currency,
             a.ends_at AS charged_at, gen_random_uuid() AS payment_id, d.user_id AS desk_id,
             CASE WHEN ${hash("a.id::text || 'paid'", 10)} < 9
                  THEN a.ends_at + make_interval(mins => 20 + ${hash("a.id::text || 'when'", 2880)}) END AS paid_at,
             ${hash("a.id::text || 'refund'", 100)} = 0 AS refunded
        FROM appointments a
        JOIN appointment_types t ON t.clinic_id = a.clinic_id AND t.id = a.type_id
        JOIN clinics c ON c.id = a.clinic_id
        JOIN bench.users d ON d.clinic_id = a.clinic_id AND d.c = 0
       WHERE a.status = 'completed' AND a.ends_at <= now() AND t.price_minor > 0`);
    counts.payments = (
      await client.query(`
        INSERT INTO payments (clinic_id, id, patient_id, appointment_id, kind, amount_minor, currency, status, method,
                              refund_of, idempotency_key, reason, created_by, created_at, updated_at, settled_at,
                              appointment_clinician_id, appointment_type_id)
        SELECT clinic_id, gen_random_uuid(), patient_id, appointment_id, 'visit_charge', price_minor, currency, 'succeeded',
               NULL, NULL::uuid, 'visit:' || appointment_id, NULL, clinician_id, charged_at, charged_at, charged_at,
               clinician_id, type_id
          FROM care_payments
        UNION ALL
        SELECT clinic_id, payment_id, patient_id, appointment_id, 'payment', price_minor, currency, 'succeeded',
               'card_terminal', NULL, 'pay:' || payment_id, NULL, desk_id, paid_at, paid_at, paid_at, clinician_id, type_id
          FROM care_payments WHERE paid_at <= now()
        UNION ALL
        SELECT clinic_id, gen_random_uuid(), patient_id, appointment_id, 'refund', price_minor, currency, 'succeeded',
               'card_terminal', payment_id, 'refund:' || payment_id, 'Refunded at the patient''s request', desk_id,
               paid_at + interval '4 days', paid_at + interval '4 days', paid_at + interval '4 days', clinician_id, type_id
          FROM care_payments WHERE refunded AND paid_at + interval '4 days' <= now()`)
    ).rowCount!;
    // what the payments trigger keeps (0037), by its definition, as the migration backfills it
    await client.query(`
      INSERT INTO patient_balances (clinic_id, patient_id, currency, appointment_clinician_id, appointment_type_id, balance_minor)
      SELECT clinic_id, patient_id, currency, appointment_clinician_id, appointment_type_id, sum(app_payment_owing(kind, amount_minor))
        FROM payments WHERE status = 'succeeded' GROUP BY 1, 2, 3, 4, 5`);
    await client.query("COMMIT");
  } catch (e) {
    await client.query("ROLLBACK").catch(() => {});
    throw e;
  } finally {
    client.release();
  }
  for (const table of [
    "patients",
    "episodes",
    "outcome_schedules",
    "outcome_requests",
    "outcome_responses",
    "programs",
    "program_versions",
    "program_items",
    "exercise_logs",
    "payments",
    "patient_balances",
  ])
    await admin.query(`VACUUM ANALYZE ${table}`);
  await admin.query("ANALYZE bench.patients");
  console.log(
    `Seeded ${counts.episodes} episodes, ${counts.responses} outcome responses, ${counts.programs} programs, ` +
      `${counts.logs} exercise logs, ${counts.payments} payments in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
  );
}

/** The ODI's highest option value (5): a section's most disability. */
function maxOption(): number {
  return Math.max(...ODI.items.flatMap((item) => (item.options ?? []).map((o) => o.value)));
}

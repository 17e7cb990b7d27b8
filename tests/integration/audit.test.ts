// Every access to patient data leaves one audit row naming the patients it showed — staff reads,
// lists, and the patient's own plan opened by link. The app's database role can add to the log
// but never rewrite it, and cannot step out of its role. Owners read the log, filtered.
import { sql } from "drizzle-orm";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createAppPool } from "@/db/client";
import { createPatientLinkToken } from "@/server/auth/patient-links";
import { requireDatabaseUrl } from "@/server/env";
import { anonymousCaller, callerFor, refusal } from "../fixtures/callers";
import { makePatient, seedClinic, type SeededClinic } from "../fixtures/clinic";
import { adminDb, adminPool } from "../fixtures/db";
import { ensureLibrary, libraryIdLike, programInput } from "../fixtures/programs";
import { at, bookFollowUp, futureDate } from "./messages-fixtures";

let a: SeededClinic;
let b: SeededClinic;
let app: pg.Pool;

beforeAll(async () => {
  await ensureLibrary();
  a = await seedClinic();
  b = await seedClinic();
  app = createAppPool(requireDatabaseUrl(), 2);
});

afterAll(async () => {
  await app.end();
});

type Row = {
  action: string;
  actor_user_id: string | null;
  patient_ids: string[] | null;
  details: Record<string, unknown>;
};

/** The audit rows clinic `clinicId` gained while `fn` ran, as the table owner sees them. */
async function rowsWrittenBy(clinicId: string, fn: () => Promise<unknown>): Promise<Row[]> {
  const before = await adminDb().execute<{ max: string | null }>(
    sql`SELECT max(id)::text AS max FROM audit_log WHERE clinic_id = ${clinicId}`,
  );
  await fn();
  const after = await adminDb().execute<Row>(sql`
    SELECT action, actor_user_id, patient_ids, details FROM audit_log
    WHERE clinic_id = ${clinicId} AND id > ${before.rows[0]?.max ?? "0"}::bigint ORDER BY id`);
  return after.rows;
}

/** The SQLSTATE a statement fails with (null when it succeeds). */
async function sqlState(run: () => Promise<unknown>): Promise<string | null> {
  try {
    await run();
    return null;
  } catch (error) {
    return (error as { code?: string }).code ?? "unknown";
  }
}

describe("reads are audited", () => {
  test("opening a patient writes one row naming that patient and who opened them", async () => {
    const patient = a.patients[0]!;
    const rows = await rowsWrittenBy(a.id, () => callerFor(a.frontDesk, a.slug).patients.get({ id: patient.id }));
    expect(rows).toEqual([
      {
        action: "patient.read",
        actor_user_id: a.frontDesk.id,
        patient_ids: [patient.id],
        details: { procedure: "patients.get" },
      },
    ]);
  });

  test("a list writes one row holding exactly the patients it returned", async () => {
    const caller = callerFor(a.clinician, a.slug);
    let shown: string[] = [];
    const rows = await rowsWrittenBy(a.id, async () => {
      shown = (await caller.patients.list({ limit: 1, offset: 1 })).patients.map((p) => p.id);
    });
    expect(shown).toHaveLength(1);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: "patients.list", actor_user_id: a.clinician.id, patient_ids: shown });
  });

  test("the patient's plan opened by link writes a row for that patient, by the patient link", async () => {
    const patient = await callerFor(a.frontDesk, a.slug).patients.create(
      makePatient({ firstName: "Noor", notes: undefined }),
    );
    const clinician = callerFor(a.clinician, a.slug);
    const saved = await clinician.programs.save(programInput(patient.id, [await libraryIdLike("bridge")]));
    await clinician.programs.assign({ id: saved.id, expectedRevision: saved.revision });
    const token = createPatientLinkToken({ clinicId: a.id, patientId: patient.id, purpose: "plan", ttlSeconds: 3600 });

    const rows = await rowsWrittenBy(a.id, async () => {
      expect((await anonymousCaller().plan.today({ token })).program).not.toBeNull();
    });
    expect(rows).toEqual([
      {
        action: "plan.read",
        actor_user_id: null,
        patient_ids: [patient.id],
        details: { procedure: "plan.today", via: "patient link" },
      },
    ]);
  });

  test("the calendar and an appointment's messages name the patients they showed", async () => {
    const day = futureDate(2);
    const first = await bookFollowUp(a, at(a, day, "09:00"), a.patients[0]!.id);
    await bookFollowUp(a, at(a, day, "10:00"), a.patients[1]!.id);
    const desk = callerFor(a.frontDesk, a.slug);
    const rows = await rowsWrittenBy(a.id, async () => {
      await desk.scheduling.calendar({ from: at(a, day, "00:00"), to: at(a, day, "23:59") });
      await desk.messages.forAppointment({ appointmentId: first.id });
    });
    expect(rows.map((r) => [r.action, r.patient_ids])).toEqual([
      ["calendar.read", [a.patients[0]!.id, a.patients[1]!.id]],
      ["messages.read", [a.patients[0]!.id]],
    ]);
  });

  test("the dashboard's drill-down names the patients it listed", async () => {
    // A visit last week: book it, then move it into the past (booking refuses past times).
    const booked = await bookFollowUp(a, at(a, futureDate(3), "11:00"), a.patients[0]!.id);
    await adminDb().execute(
      sql`UPDATE appointments SET starts_at = starts_at - interval '14 days', ends_at = ends_at - interval '14 days',
                 blocked_until = blocked_until - interval '14 days'
           WHERE id = ${booked.id}`,
    );
    const owner = callerFor(a.owner, a.slug);
    const filters = { preset: "last_4_weeks" as const };
    let listed: string[] = [];
    const rows = await rowsWrittenBy(a.id, async () => {
      const drill = await owner.dashboard.drillDown({ kind: "scheduled", filters });
      listed = [...new Set(drill.rows.map((r) => r.patientId))];
    });
    expect(listed).toContain(a.patients[0]!.id);
    expect(rows.map((r) => [r.action, [...(r.patient_ids ?? [])].sort()])).toEqual([
      ["dashboard.drillDown", listed.sort()],
    ]);
  });

  test("a refused read writes nothing", async () => {
    const rows = await rowsWrittenBy(a.id, () =>
      refusal(callerFor(b.owner, a.slug).patients.get({ id: a.patients[0]!.id })),
    );
    expect(rows).toEqual([]);
  });
});

describe("the audit log cannot be rewritten by the app's role", () => {
  /** Runs fn on an app connection in a transaction scoped to clinic A, then rolls back. */
  async function asClinicA<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await app.connect();
    try {
      await client.query("BEGIN");
      await client.query("SELECT set_config('app.clinic_id', $1, true)", [a.id]);
      return await fn(client);
    } finally {
      await client.query("ROLLBACK");
      client.release();
    }
  }

  test("UPDATE, DELETE and TRUNCATE of the clinic's own rows are refused", async () => {
    expect(await asClinicA((c) => sqlState(() => c.query("UPDATE audit_log SET action = 'nothing.happened'")))).toBe(
      "42501",
    );
    expect(await asClinicA((c) => sqlState(() => c.query("DELETE FROM audit_log")))).toBe("42501");
    expect(await asClinicA((c) => sqlState(() => c.query("TRUNCATE audit_log")))).toBe("42501");
    expect(await asClinicA((c) => sqlState(() => c.query("SELECT count(*) FROM audit_log")))).toBeNull();
  });

  test("even if UPDATE and DELETE were granted again, the log refuses them for anyone but its owner", async () => {
    await adminPool().query("GRANT UPDATE, DELETE ON audit_log TO junction_app");
    try {
      expect(await asClinicA((c) => sqlState(() => c.query("UPDATE audit_log SET action = 'nothing.happened'")))).toBe(
        "42501",
      );
      expect(await asClinicA((c) => sqlState(() => c.query("DELETE FROM audit_log")))).toBe("42501");
    } finally {
      await adminPool().query("REVOKE UPDATE, DELETE ON audit_log FROM junction_app");
    }
  });

  test("the table owner can still remove a clinic altogether: its audit rows go with it", async () => {
    const gone = await seedClinic();
    await callerFor(gone.owner, gone.slug).patients.get({ id: gone.patients[0]!.id });
    const count = async () =>
      (
        await adminPool().query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE clinic_id = $1", [
          gone.id,
        ])
      ).rows[0]!.n;
    expect(await count()).toBeGreaterThan(0);
    await adminPool().query("DELETE FROM clinics WHERE id = $1", [gone.id]);
    expect(await count()).toBe(0);
  });

  test("an app connection cannot leave its role: RESET ROLE, SET ROLE NONE and SET ROLE <owner> stay junction_app", async () => {
    const owner = (await adminPool().query<{ u: string }>("SELECT current_user AS u")).rows[0]!.u;
    const client = await app.connect();
    try {
      await client.query("RESET ROLE");
      expect((await client.query("SELECT current_user AS c, session_user AS s")).rows[0]).toEqual({
        c: "junction_app",
        s: "junction_app",
      });
      await client.query("SET ROLE NONE");
      expect((await client.query("SELECT current_user AS c")).rows[0]).toEqual({ c: "junction_app" });
      expect(await sqlState(() => client.query(`SET ROLE "${owner}"`))).toBe("42501");
      expect(await sqlState(() => client.query(`SET SESSION AUTHORIZATION "${owner}"`))).toBe("42501");
    } finally {
      client.release();
    }
  });
});

describe("the owners' audit view", () => {
  test("filters by patient: who looked at this patient, newest first, with names", async () => {
    const patient = a.patients[1]!;
    await callerFor(a.clinician, a.slug).patients.get({ id: patient.id });
    const { items } = await callerFor(a.owner, a.slug).audit.list({ patientId: patient.id });
    expect(items[0]).toMatchObject({
      action: "patient.read",
      actor: { id: a.clinician.id, name: a.clinician.name },
      patients: [{ id: patient.id, name: `${patient.firstName} ${patient.lastName}` }],
    });
    expect(items.every((i) => i.patientCount >= 1)).toBe(true);
    // the patient's registration is in the same list (a change, not a read)
    expect(items.map((i) => i.action)).toContain("patient.create");
  });

  test("who looked at this patient: each person once, with how often, latest first", async () => {
    const patient = await callerFor(a.frontDesk, a.slug).patients.create(
      makePatient({ firstName: "Wren", notes: undefined }),
    );
    const clinician = callerFor(a.clinician, a.slug);
    await clinician.patients.get({ id: patient.id });
    await clinician.programs.forPatient({ patientId: patient.id });
    await callerFor(a.frontDesk, a.slug).patients.list({ search: "Wren" });
    const token = createPatientLinkToken({ clinicId: a.id, patientId: patient.id, purpose: "plan", ttlSeconds: 3600 });
    await anonymousCaller().plan.today({ token });

    const people = await callerFor(a.owner, a.slug).audit.patientAccess({ patientId: patient.id });
    expect(people.map((p) => [p.actor?.name ?? p.via, p.accesses])).toEqual([
      ["patient link", 1],
      [a.frontDesk.name, 2], // registered, then found in a search
      [a.clinician.name, 2],
    ]);
    expect((await refusal(callerFor(a.clinician, a.slug).audit.patientAccess({ patientId: patient.id }))).code).toBe(
      "FORBIDDEN",
    );
  });

  test("filters by staff member and by date", async () => {
    const owner = callerFor(a.owner, a.slug);
    await callerFor(a.frontDesk, a.slug).patients.list({});
    const mine = await owner.audit.list({ actorUserId: a.frontDesk.id });
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((i) => i.actor?.id === a.frontDesk.id)).toBe(true);

    const future = await owner.audit.list({ from: new Date(Date.now() + 60_000) });
    expect(future.items).toEqual([]);
    const past = await owner.audit.list({ to: new Date(Date.now() - 86_400_000) });
    expect(past.items).toEqual([]);
    const today = await owner.audit.list({ from: new Date(Date.now() - 3_600_000), limit: 2 });
    expect(today.items).toHaveLength(2);
    const older = await owner.audit.list({
      from: new Date(Date.now() - 3_600_000),
      limit: 2,
      cursor: today.nextCursor!,
    });
    expect(older.items.map((i) => i.id)).not.toContain(today.items[0]!.id);
  });

  test("is for owners only, and clinic B's owner never sees clinic A's rows", async () => {
    expect((await refusal(callerFor(a.clinician, a.slug).audit.list({}))).code).toBe("FORBIDDEN");
    expect((await refusal(callerFor(a.frontDesk, a.slug).audit.list({}))).code).toBe("FORBIDDEN");
    expect((await refusal(callerFor(b.owner, a.slug).audit.list({}))).code).toBe("NOT_FOUND");
    const fromB = await callerFor(b.owner, b.slug).audit.list({ patientId: a.patients[0]!.id, limit: 200 });
    expect(fromB.items).toEqual([]);
    const all = await callerFor(b.owner, b.slug).audit.list({ limit: 200 });
    expect(all.items.length).toBeGreaterThan(0);
    expect(all.items.some((i) => i.actor && a.staff.some((s) => s.id === i.actor!.id))).toBe(false);
  });

  test("reading the log is itself recorded", async () => {
    const patient = a.patients[0]!;
    const rows = await rowsWrittenBy(a.id, () => callerFor(a.owner, a.slug).audit.list({ patientId: patient.id }));
    expect(rows).toEqual([
      {
        action: "audit_log.read",
        actor_user_id: a.owner.id,
        patient_ids: [patient.id],
        details: { procedure: "audit.list" },
      },
    ]);
  });
});

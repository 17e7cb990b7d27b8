// The front desk and clinicians register and update patients and find them again; every change
// leaves an audit entry saying who did what, in which clinic; bad input is refused with a
// message naming the field, and nothing is saved.
import { and, asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import pg from "pg";
import { drizzleFor } from "@/db/client";
import { auditLog, patients } from "@/db/schema";
import { requireDatabaseUrl } from "@/server/env";
import { createCaller } from "@/server/root";
import { INTERNAL_ERROR_MESSAGE } from "@/server/trpc";
import { callerFor, refusal, shownMessage, type Caller } from "../fixtures/callers";
import { makePatient, seedClinic, type PatientInput, type SeededClinic } from "../fixtures/clinic";
import { adminDb } from "../fixtures/db";
import { clinicSnapshot } from "../fixtures/snapshot";

let clinic: SeededClinic;
let frontDesk: Caller;
let clinician: Caller;

beforeAll(async () => {
  clinic = await seedClinic();
  frontDesk = callerFor(clinic.frontDesk, clinic.slug);
  clinician = callerFor(clinic.clinician, clinic.slug);
});

const auditFor = (patientId: string) =>
  adminDb()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entity, "patient"), eq(auditLog.entityId, patientId)))
    .orderBy(asc(auditLog.id));

const storedPatient = async (id: string) =>
  (
    await adminDb()
      .select()
      .from(patients)
      .where(and(eq(patients.clinicId, clinic.id), eq(patients.id, id)))
  )[0];

function daysFromToday(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

describe("registering a patient", () => {
  test("saves them in this clinic and records who registered them", async () => {
    const input = makePatient({
      firstName: "  Amara ",
      lastName: "Osei",
      email: "Amara.Osei@Example.com",
      phone: "",
      notes: "",
    });
    const created = await frontDesk.patients.create(input);
    expect(created).toMatchObject({
      clinicId: clinic.id,
      firstName: "Amara",
      lastName: "Osei",
      email: "amara.osei@example.com",
      phone: null,
      dateOfBirth: input.dateOfBirth,
    });
    // The front desk never sees clinical notes, not even empty ones.
    expect(created).not.toHaveProperty("notes");
    expect(await storedPatient(created.id)).toEqual({ ...created, notes: null });
    const audit = await auditFor(created.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      clinicId: clinic.id,
      actorUserId: clinic.frontDesk.id,
      action: "patient.create",
      entity: "patient",
    });
  });

  test("opens their record from the list", async () => {
    const created = await clinician.patients.create(makePatient({ lastName: "Brightwater" }));
    const { notes: _notes, ...details } = created;
    expect(await frontDesk.patients.get({ id: created.id })).toEqual(details);
  });
});

describe("updating a patient", () => {
  test("changes the record and records who changed which fields", async () => {
    const created = await frontDesk.patients.create(makePatient({ notes: null }));
    const updated = await clinician.patients.update({
      ...created,
      phone: "(541) 555-0199",
      notes: "Cleared for running.",
    });
    expect(updated).toMatchObject({
      id: created.id,
      phone: "(541) 555-0199",
      notes: "Cleared for running.",
      firstName: created.firstName,
    });
    expect(await storedPatient(created.id)).toEqual(updated);

    const audit = await auditFor(created.id);
    expect(audit.map((e) => [e.action, e.actorUserId, e.clinicId])).toEqual([
      ["patient.create", clinic.frontDesk.id, clinic.id],
      ["patient.update", clinic.clinician.id, clinic.id],
    ]);
    expect(audit[1]!.details).toEqual({ fields: ["phone", "notes"] });
  });

  test("the patient's history shows the newest change first", async () => {
    const created = await frontDesk.patients.create(makePatient({ notes: null }));
    await clinician.patients.update({ ...created, lastName: "Renamed" });
    const history = await frontDesk.patients.history({ id: created.id });
    expect(history.map((e) => e.action)).toEqual(["patient.update", "patient.create"]);
  });

  test("an unknown patient answers NOT_FOUND", async () => {
    const error = await refusal(clinician.patients.update({ id: crypto.randomUUID(), ...makePatient() }));
    expect(error.code).toBe("NOT_FOUND");
    expect(shownMessage(error)).toBe("That patient was not found.");
  });
});

describe("finding patients", () => {
  let owner: Caller;
  beforeAll(async () => {
    owner = callerFor(clinic.owner, clinic.slug);
    await owner.patients.create(
      makePatient({ firstName: "Wren", lastName: "Halvorsen", email: "wren.h@example.com", phone: "(541) 555-0134" }),
    );
    await owner.patients.create(
      makePatient({
        firstName: "Wren",
        lastName: "Abernathy",
        email: "w.abernathy@example.com",
        phone: "(541) 555-0177",
      }),
    );
    await owner.patients.create(
      makePatient({ firstName: "Halvor", lastName: "Zeller", email: "hz@example.com", phone: "(541) 555-0188" }),
    );
  });

  const namesFor = async (search?: string) =>
    (await frontDesk.patients.list({ search })).patients.map((p) => `${p.firstName} ${p.lastName}`);

  test("lists everyone by last name, with the total", async () => {
    const { patients: rows, total } = await frontDesk.patients.list({});
    expect(total).toBe(rows.length);
    const lastNames = rows.map((p) => p.lastName.toLowerCase());
    expect(lastNames).toEqual([...lastNames].sort());
    expect(rows.every((p) => p.clinicId === clinic.id)).toBe(true);
  });

  test("every word typed must match, in any order, in name, email or phone", async () => {
    expect(await namesFor("Halvorsen, Wren")).toEqual(["Wren Halvorsen"]);
    expect(await namesFor("wren")).toEqual(["Wren Abernathy", "Wren Halvorsen"]);
    expect(await namesFor("HALVOR")).toEqual(["Wren Halvorsen", "Halvor Zeller"]);
    expect(await namesFor("w.abernathy@")).toEqual(["Wren Abernathy"]);
    expect(await namesFor("555-0188")).toEqual(["Halvor Zeller"]);
    expect(await namesFor("wren zeller")).toEqual([]);
  });

  test("wildcard characters are searched for literally", async () => {
    expect(await namesFor("%")).toEqual([]);
    expect(await namesFor("_")).toEqual([]);
  });

  test("pages through the list", async () => {
    const all = (await frontDesk.patients.list({})).patients.map((p) => p.id);
    const page = await frontDesk.patients.list({ limit: 2, offset: 1 });
    expect(page.patients.map((p) => p.id)).toEqual(all.slice(1, 3));
    expect(page.total).toBe(all.length);
  });
});

describe("bad input", () => {
  const cases: [string, Partial<PatientInput>, string][] = [
    ["an empty first name", { firstName: "   " }, "First name: Enter a first name"],
    ["a malformed email", { email: "jordan@" }, "Email: Enter a valid email address"],
    [
      "a birth date in the future",
      { dateOfBirth: daysFromToday(2) },
      "Date of birth: Enter a real birth date, not in the future",
    ],
    [
      "a birth date before 1900",
      { dateOfBirth: "1850-02-01" },
      "Date of birth: Enter a real birth date, not in the future",
    ],
    [
      "a day that does not exist",
      { dateOfBirth: "2001-02-30" },
      "Date of birth: Enter a real birth date, not in the future",
    ],
    [
      "a 29 February outside a leap year",
      { dateOfBirth: "1900-02-29" },
      "Date of birth: Enter a real birth date, not in the future",
    ],
    [
      "letters in the phone number",
      { phone: "call me maybe" },
      "Phone: Enter a phone number with digits, spaces, +, ( ) or -",
    ],
  ];

  test.each(cases)(
    "registering with %s is refused, naming the field, and nothing is saved",
    async (_what, bad, message) => {
      const before = await clinicSnapshot(clinic.id);
      const error = await refusal(frontDesk.patients.create(makePatient({ notes: null, ...bad })));
      expect(error.code).toBe("BAD_REQUEST");
      expect(shownMessage(error)).toBe(message);
      expect(await clinicSnapshot(clinic.id)).toEqual(before);
    },
  );

  test("a 29 February in a leap year is a real birth date", async () => {
    const created = await frontDesk.patients.create(makePatient({ dateOfBirth: "2000-02-29", notes: null }));
    expect(created.dateOfBirth).toBe("2000-02-29");
  });

  test.each(cases)(
    "updating with %s is refused, naming the field, and the record is unchanged",
    async (_what, bad, message) => {
      const target = clinic.patients[0]!;
      const before = await clinicSnapshot(clinic.id);
      const error = await refusal(clinician.patients.update({ ...target, ...bad }));
      expect(error.code).toBe("BAD_REQUEST");
      expect(shownMessage(error)).toBe(message);
      expect(await clinicSnapshot(clinic.id)).toEqual(before);
    },
  );
});

describe("when saving fails unexpectedly", () => {
  test("the person sees a plain apology, never the query or the patient's details", async () => {
    // A database that refuses writes (say, mid-failover): the insert fails inside PostgreSQL.
    const readOnly = new pg.Pool({
      connectionString: requireDatabaseUrl(),
      max: 1,
      options: "-c role=junction_app -c default_transaction_read_only=on",
    });
    try {
      const caller = createCaller({
        db: drizzleFor(readOnly),
        origin: "staff",
        user: clinic.clinician,
        clinicSlug: clinic.slug,
        ip: null,
      });
      const error = await refusal(
        caller.patients.create(makePatient({ lastName: "Confidential", notes: "Post-op ACL, week 3" })),
      );
      expect(error.code).toBe("INTERNAL_SERVER_ERROR");
      expect(error.message).toContain("Confidential"); // the server-side error still says what failed …
      const shown = shownMessage(error);
      expect(shown).toBe(INTERNAL_ERROR_MESSAGE); // … the browser is told only that something went wrong
      expect(shown).not.toMatch(/Confidential|ACL|insert|patients/i);
    } finally {
      await readOnly.end();
    }
  });
});

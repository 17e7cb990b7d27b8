// The inputs that answered 500 before, as staff and patients meet them: each is now refused with a
// 400 naming the field, nothing is stored, and text that is fine is stored as people meant it.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { patients } from "@/db/schema";
import { toTRPCError } from "@/server/errors";
import { PATIENT_LINK_PROCEDURES, refuseLinkInUrl } from "@/server/http-input";
import { anonymousCaller, callerFor, refusal, shownMessage, type Caller } from "../fixtures/callers";
import { makePatient, seedClinic, type SeededClinic } from "../fixtures/clinic";
import { adminDb } from "../fixtures/db";
import { clinicSnapshot } from "../fixtures/snapshot";

let clinic: SeededClinic;
let clinician: Caller;

beforeAll(async () => {
  clinic = await seedClinic();
  clinician = callerFor(clinic.clinician, clinic.slug);
});

describe("names", () => {
  const refused: [string, string, string][] = [
    ["a NUL byte", "Jo\u0000rdan", "First name: must not contain invisible or control characters"],
    ["an escape character", "Jo\u001b[2Jrdan", "First name: must not contain invisible or control characters"],
    ["a right-to-left override", "Jordan\u202Egnp.exe", "First name: must not contain invisible or control characters"],
    ["a bidi isolate", "\u2067Jordan\u2069", "First name: must not contain invisible or control characters"],
    ["a zero-width space", "Jor\u200Bdan", "First name: must not contain invisible or control characters"],
    ["a byte-order mark inside it", "Jor\uFEFFdan", "First name: must not contain invisible or control characters"],
    ["a lone surrogate", "Jordan\uD800", "First name: must not contain invisible or control characters"],
  ];

  test.each(refused)(
    "a first name with %s is refused, naming the field, and nothing is saved",
    async (_what, name, message) => {
      const before = await clinicSnapshot(clinic.id);
      const error = await refusal(clinician.patients.create(makePatient({ firstName: name })));
      expect(error.code).toBe("BAD_REQUEST");
      expect(shownMessage(error)).toBe(message);
      expect(await clinicSnapshot(clinic.id)).toEqual(before);
    },
  );

  test("a name is stored trimmed and in one Unicode form (NFC); accents, apostrophes and scripts are kept", async () => {
    const created = await clinician.patients.create(
      makePatient({ firstName: "  Zoe\u0301 ", lastName: "O'Brien-Nguyễn حداد", notes: "Line one\n\tLine two" }),
    );
    const [stored] = await adminDb().select().from(patients).where(eq(patients.id, created.id));
    expect(stored).toMatchObject({
      firstName: "Zo\u00e9",
      lastName: "O'Brien-Nguyễn حداد",
      notes: "Line one\n\tLine two",
    });
  });

  test("a booking on the public page with a hidden character in the name is refused", async () => {
    const error = await refusal(
      anonymousCaller().booking.book({
        slug: clinic.slug,
        typeId: "00000000-0000-4000-8000-000000000000",
        clinicianId: "any",
        startsAt: new Date(Date.now() + 86_400_000),
        firstName: "Noor\u200D",
        lastName: "Haddad",
        email: "noor@example.com",
        phone: "(541) 555-0142",
      }),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(shownMessage(error)).toBe("First name: must not contain invisible or control characters");
  });

  test("notes may span lines but hold no NUL byte", async () => {
    const error = await refusal(clinician.patients.create(makePatient({ notes: "Knee pain\u0000" })));
    expect(shownMessage(error)).toBe("Notes: must not contain invisible or control characters");
  });
});

describe("numbers and dates", () => {
  test("a program version beyond the integer column's range is a 400, not a database error", async () => {
    const error = await refusal(
      callerFor(clinic.clinician, clinic.slug).programs.getVersion({
        id: "00000000-0000-4000-8000-000000000000",
        version: 2 ** 31,
      }),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(shownMessage(error)).toBe("Version: Unknown version");
  });

  test("the calendar for the year 275760 is a 400 naming the range", async () => {
    const from = new Date("+275760-09-01T00:00:00.000Z");
    const error = await refusal(clinician.scheduling.calendar({ from, to: new Date("+275760-09-08T00:00:00.000Z") }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(shownMessage(error)).toContain("From: Use a date between 1900 and 2200");
  });
});

describe("staff fields that reached the database before", () => {
  const NUL = "\u0000";
  const cases: [string, (c: Caller) => Promise<unknown>, string][] = [
    ["a patient search", (c) => c.patients.list({ search: `Reyes${NUL}` }), "Search"],
    [
      "a cancellation reason",
      (c) => c.scheduling.cancel({ id: "00000000-0000-4000-8000-000000000000", reason: `No show${NUL}` }),
      "Reason",
    ],
    ["an exercise search", (c) => c.exercises.search({ q: `bridge${NUL}` }), "Q"],
    [
      "a closure reason",
      (c) =>
        c.scheduling.addClosure({
          startsAt: new Date(Date.now() + 86_400_000),
          endsAt: new Date(Date.now() + 2 * 86_400_000),
          reason: `Holiday${NUL}`,
        }),
      "Reason",
    ],
    [
      "a team member's name",
      (c) => c.team.invite({ email: "new.colleague@example.com", name: `Sam${NUL}`, role: "clinician" }),
      "Name",
    ],
  ];

  test.each(cases)("%s with a NUL byte is a 400 naming the field, and nothing is saved", async (_what, run, label) => {
    const before = await clinicSnapshot(clinic.id);
    const error = await refusal(run(callerFor(clinic.owner, clinic.slug)));
    expect(error.code).toBe("BAD_REQUEST");
    expect(shownMessage(error)).toBe(`${label}: must not contain invisible or control characters`);
    expect(await clinicSnapshot(clinic.id)).toEqual(before);
  });
});

describe("the safety net", () => {
  test.each([
    ["22P02", "invalid text representation"],
    ["22003", "numeric value out of range"],
    ["22008", "datetime field overflow"],
    ["22021", "invalid byte sequence for encoding UTF8: 0x00"],
    ["54000", "program limit exceeded"],
  ])("a database error %s (%s) caused by input is a BAD_REQUEST", (code, message) => {
    const driverError = Object.assign(new Error(message), { code });
    const wrapped = Object.assign(new Error("Failed query"), { cause: driverError });
    expect(toTRPCError(wrapped)?.code).toBe("BAD_REQUEST");
    expect(toTRPCError(wrapped)?.message).not.toContain(message);
  });

  test("other database errors stay internal", () => {
    expect(toTRPCError(Object.assign(new Error("deadlock detected"), { code: "40P01" }))).toBeNull();
  });
});

describe("signed patient links stay out of URLs", () => {
  const at = (path: string, method = "GET") =>
    new Request(`http://127.0.0.1:3000/api/trpc/${path}?batch=1&input=%7B%7D`, { method });

  test("every procedure scoped by a patient link is known to the endpoint", () => {
    expect([...PATIENT_LINK_PROCEDURES].sort()).toEqual(
      expect.arrayContaining(["booking.manage", "plan.today", "portal.overview", "questionnaire.get"]),
    );
    expect(PATIENT_LINK_PROCEDURES.has("booking.clinic")).toBe(false);
  });

  test("a GET of a patient-link procedure, alone or in a batch, is refused with 405; POST goes on", async () => {
    for (const path of ["portal.overview", "booking.clinic,plan.today", "questionnaire.get"]) {
      const refused = refuseLinkInUrl(at(path), "/api/trpc");
      expect(refused?.status, path).toBe(405);
      expect(refused?.headers.get("allow")).toBe("POST");
      expect(refused?.headers.get("cache-control")).toBe("no-store");
    }
    expect(refuseLinkInUrl(at("portal.overview", "POST"), "/api/trpc")).toBeNull();
    expect(refuseLinkInUrl(at("booking.clinic"), "/api/trpc")).toBeNull();
  });
});

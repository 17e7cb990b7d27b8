// Staff procedures run only for the staff origin: a signed-in owner's request that arrives on the
// public origin (where clinic tags run) or from another site is refused before anything is read or
// written, while the procedures the booking, plan and questionnaire pages use keep working there.
import { beforeAll, describe, expect, test } from "vitest";
import { appRouter, NON_CLINIC_PROCEDURES } from "@/server/root";
import type { Meta } from "@/server/trpc";
import { anonymousCaller, callerFor, refusal, type Caller } from "../fixtures/callers";
import { seedClinic, type SeededClinic } from "../fixtures/clinic";
import { rowCounts } from "../fixtures/snapshot";

type ProcedureLike = { _def: { meta?: Meta } };
const procedures = Object.keys(appRouter._def.procedures as unknown as Record<string, ProcedureLike>);
/** Everything but the public pages' procedures (and the two signed-out sign-up forms). */
const PUBLIC_PAGES: readonly string[] = NON_CLINIC_PROCEDURES.filter((p) => !p.startsWith("me."));
const staffOnly = procedures.filter((p) => !PUBLIC_PAGES.includes(p));

function call(caller: Caller, path: string, input: unknown): Promise<unknown> {
  const fn = path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller);
  return (fn as (input: unknown) => Promise<unknown>)(input);
}

let a: SeededClinic;
let b: SeededClinic;

beforeAll(async () => {
  a = await seedClinic({ name: "Cascade Physio" });
  b = await seedClinic({ name: "Riverbend Sports Rehab" });
});

describe("staff procedures away from the staff origin", () => {
  test("the staff set covers the clinic's data and the member's own clinics", () => {
    expect(staffOnly).toEqual(expect.arrayContaining(["me.clinics", "me.addClinic", "patients.list", "patients.get"]));
    expect(staffOnly.length).toBeGreaterThan(50);
  });

  test.each(["public", "foreign"] as const)(
    "on the %s origin every staff procedure answers NOT_FOUND for a signed-in owner, and nothing changes",
    async (origin) => {
      const before = await rowCounts();
      for (const path of staffOnly) {
        const error = await refusal(call(callerFor(a.owner, a.slug, origin), path, { id: a.patients[0]!.id }));
        expect(error.code, path).toBe("NOT_FOUND");
      }
      expect(await rowCounts()).toEqual(before);
    },
  );

  test("the same owner on the staff origin reads them", async () => {
    const staff = callerFor(a.owner, a.slug, "staff");
    expect((await staff.me.clinics()).map((c) => c.slug)).toEqual([a.slug]);
    expect((await staff.patients.list({})).total).toBe(a.patients.length);
  });
});

describe("public pages' procedures on the public origin", () => {
  test("the booking page loads its clinic with nobody signed in", async () => {
    const clinic = await anonymousCaller(null, "public").booking.clinic({ slug: b.slug });
    expect(clinic.name).toBe(b.name);
  });
});

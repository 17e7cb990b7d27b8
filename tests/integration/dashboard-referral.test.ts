// "How did you hear about us?": the booking page offers the clinic's own list (owners edit it on
// the dashboard), a new patient's answer is kept when it is on the list, and the dashboard's
// new-patient numbers count by it.
import { eq } from "drizzle-orm";
import { beforeAll, expect, test } from "vitest";
import { appointments, appointmentTypes, patients } from "@/db/schema";
import { runStarts } from "@/server/scheduling/availability";
import { anonymousCaller, callerFor } from "../fixtures/callers";
import { seedClinic, type SeededClinic } from "../fixtures/clinic";
import { adminDb } from "../fixtures/db";

let a: SeededClinic;
let followUp: string;
const DAY = 86_400_000;
const publicApi = () => anonymousCaller().booking;

beforeAll(async () => {
  a = await seedClinic();
  const rows = await adminDb().select().from(appointmentTypes).where(eq(appointmentTypes.clinicId, a.id));
  followUp = rows.find((t) => t.name === "Follow-up")!.id;
});

async function freeStarts() {
  const from = new Date(Date.now() + 2 * DAY);
  const slots = await publicApi().slots({
    slug: a.slug,
    typeId: followUp,
    from,
    to: new Date(from.getTime() + 10 * DAY),
  });
  return slots.flatMap((s) => runStarts(s.runs, s.stepMinutes));
}

test("the clinic's list is offered; an answer on it is kept, one that is not is dropped", async () => {
  await callerFor(a.owner, a.slug).dashboard.updateSettings({
    lateCancelHours: 24,
    noShowGoalPercent: null,
    referralSources: ["Dr. Patel's office", "Running club"],
  });
  expect((await publicApi().clinic({ slug: a.slug })).referralSources).toEqual(["Dr. Patel's office", "Running club"]);
  const starts = await freeStarts();
  const first = starts[0];
  const second = starts.find((s) => s.getTime() >= first!.getTime() + 2 * 3_600_000);
  const person = (n: number) => ({
    firstName: "Ria",
    lastName: `Runner${n}`,
    email: `ria.runner${n}@example.com`,
    phone: "(541) 555-0199",
  });
  await publicApi().book({
    slug: a.slug,
    typeId: followUp,
    clinicianId: "any",
    startsAt: first!,
    ...person(1),
    referralSource: "Running club",
  });
  await publicApi().book({
    slug: a.slug,
    typeId: followUp,
    clinicianId: "any",
    startsAt: second!,
    ...person(2),
    referralSource: "A billboard we never listed",
  });
  const rows = await adminDb().select().from(patients).where(eq(patients.clinicId, a.id));
  expect(rows.find((p) => p.lastName === "Runner1")?.referralSource).toBe("Running club");
  expect(rows.find((p) => p.lastName === "Runner2")?.referralSource).toBeNull();

  // Once Ria Runner1 has arrived, the dashboard counts her as a new patient from the running club.
  await adminDb().update(appointments).set({ status: "completed" }).where(eq(appointments.startsAt, first!));
  const from = new Date(first!.getTime() - 86_400_000).toISOString().slice(0, 10);
  const to = new Date(first!.getTime() + 86_400_000).toISOString().slice(0, 10);
  const d = await callerFor(a.owner, a.slug).dashboard.overview({ preset: "custom", from, to });
  expect(d.newPatients.current).toBe(1);
  expect(d.newPatients.bySource).toEqual([{ source: "Running club", count: 1 }]);
});

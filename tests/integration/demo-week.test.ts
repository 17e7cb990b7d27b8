// The demo's week looks like a clinic's: not the same patients at the same times every day, but a
// mix of types, new and returning patients, gaps, and today's earlier visits attended or missed.
import { and, asc, eq, gte } from "drizzle-orm";
import { expect, test } from "vitest";
import { appDb } from "@/db/client";
import { appointments, appointmentTypes, patients, users } from "@/db/schema";
import { DEMO_CLINIC, seedDemo } from "@/db/seed/demo";
import { DEMO_WEEK_NEW_PATIENTS } from "@/db/seed/demo-week";
import { localDateTime, wallTimeToUtc } from "@/server/scheduling/zoned-time";
import { adminDb } from "../fixtures/db";

// A Tuesday at 1 pm in the clinic: the morning is over, the afternoon and the week are ahead.
const NOW = wallTimeToUtc("2026-12-08", "13:00", DEMO_CLINIC.timeZone);

test("the demo week mixes types, new and returning patients, gaps and a no-show this morning", async () => {
  await seedDemo(appDb(), () => {}, NOW);
  await seedDemo(appDb(), () => {}, NOW); // nothing twice
  const todayStart = wallTimeToUtc("2026-12-08", "00:00", DEMO_CLINIC.timeZone);
  const week = await adminDb()
    .select({
      startsAt: appointments.startsAt,
      status: appointments.status,
      patientId: appointments.patientId,
      clinician: users.name,
      type: appointmentTypes.name,
      email: patients.email,
    })
    .from(appointments)
    .innerJoin(users, eq(users.id, appointments.clinicianId))
    .innerJoin(appointmentTypes, eq(appointmentTypes.id, appointments.typeId))
    .innerJoin(patients, eq(patients.id, appointments.patientId))
    .where(and(gte(appointments.startsAt, todayStart)))
    .orderBy(asc(appointments.startsAt));
  const local = (d: Date) => {
    const { date, minutes } = localDateTime(d, DEMO_CLINIC.timeZone);
    const time = `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
    return { date, time };
  };

  expect(new Set(week.map((a) => a.type))).toEqual(new Set(["Initial evaluation", "Follow-up", "Short follow-up"]));
  expect(new Set(week.map((a) => a.clinician)).size).toBe(2);
  // New patients come for an initial evaluation; most visits are returning patients.
  const newEmails = week.filter((a) => a.type === "Initial evaluation").map((a) => a.email);
  expect(newEmails.length).toBeGreaterThanOrEqual(3);
  expect(newEmails.length).toBeLessThanOrEqual(DEMO_WEEK_NEW_PATIENTS.length);
  expect(week.filter((a) => a.type !== "Initial evaluation").length).toBeGreaterThan(newEmails.length * 3);
  // Days differ: not the same start times every weekday, and no patient at the same time each day.
  const startsByDay = new Map<string, string[]>();
  for (const a of week) {
    const { date, time } = local(a.startsAt);
    startsByDay.set(date, [...(startsByDay.get(date) ?? []), time]);
  }
  expect(startsByDay.size).toBeGreaterThanOrEqual(5);
  expect(new Set([...startsByDay.values()].map((t) => t.join())).size).toBeGreaterThan(2);
  // Gaps: each day has at least one free hour between 8:00 and 15:00 for some clinician.
  expect(week.some((a) => local(a.startsAt).time === "08:00")).toBe(true);
  expect(week.some((a) => local(a.startsAt).time === "12:00")).toBe(false);
  // This morning: attended, with one no-show; this afternoon and the rest of the week: booked.
  const morning = week.filter((a) => a.startsAt < NOW);
  expect(morning.map((a) => a.status)).toContain("no_show");
  expect(morning.filter((a) => a.status === "no_show")).toHaveLength(1);
  expect(morning.every((a) => ["completed", "no_show", "checked_in"].includes(a.status))).toBe(true);
  expect(week.filter((a) => a.startsAt >= NOW).every((a) => a.status === "booked")).toBe(true);
});

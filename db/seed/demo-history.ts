// Sixteen weeks of past appointments for the demo clinic, so a new user's dashboard is alive:
// courses of care for 36 more patients (each with where they heard of the clinic), mostly
// attended, some no-shows and cancellations (a few late), a few patients who dropped out early.
// The named patients' episodes of care get their weekly visits here too.
// Only the past: the calendar from today on (which other journeys use) is left as it is.
// Deterministic (a fixed pseudo-random sequence), and added once: skipped when any past appointment exists.
import { and, eq, lt, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { appointments, appointmentTypes, DEFAULT_REFERRAL_SOURCES, episodes, patients } from "@/db/schema";
import { addDays, dayKeyOf, localDateTime, wallTimeToUtc } from "@/server/scheduling/zoned-time";
import { bookableStaff } from "./demo-week";

const FIRST = [
  "Avery",
  "Blake",
  "Casey",
  "Devon",
  "Emery",
  "Finley",
  "Harper",
  "Indigo",
  "Jules",
  "Kai",
  "Logan",
  "Morgan",
];
// Last names late in the alphabet: on the patient list (by last name, 50 a page) they come after everyone else.
const LAST = ["Xavier", "Yamada", "Yates", "Young", "Zamora", "Zeller", "Zhang", "Zimmer", "Zuniga"];
export const DEMO_HISTORY_PATIENTS = 36;
const WEEKS = 16;
/** Every 90 minutes: an initial evaluation (60 min + 15 buffer) never runs into the next slot. */
const SLOTS = ["08:00", "09:30", "11:00", "12:30", "14:00", "15:30", "17:00"];

/** A small fixed pseudo-random sequence (the demo looks the same on every machine). */
function sequence(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
}

/** The day itself, or the Monday after it when it falls on a weekend. */
function weekdayFrom(day: string): string {
  while (dayKeyOf(day) === "sat" || dayKeyOf(day) === "sun") day = addDays(day, 1);
  return day;
}

export async function seedDemoHistory(tx: Tx, clinicId: string, timeZone: string, now: Date): Promise<void> {
  const today = localDateTime(now, timeZone).date;
  const todayStart = wallTimeToUtc(today, "00:00", timeZone);
  const [past] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(appointments)
    .where(and(eq(appointments.clinicId, clinicId), lt(appointments.startsAt, todayStart)));
  if ((past?.n ?? 0) > 0) return;
  const staff = await bookableStaff(tx, clinicId);
  const types = await tx.select().from(appointmentTypes).where(eq(appointmentTypes.clinicId, clinicId));
  const initial = types.find((t) => t.name === "Initial evaluation") ?? types[0];
  const followUp = types.find((t) => t.name === "Follow-up") ?? types[0];
  if (!staff.length || !initial || !followUp) return;

  const random = sequence(20_260_301);
  const people = await tx
    .insert(patients)
    .values(
      Array.from({ length: DEMO_HISTORY_PATIENTS }, (_, i) => ({
        clinicId,
        firstName: FIRST[i % FIRST.length]!,
        lastName: LAST[(i * 5) % LAST.length]!,
        email: `demo.history.${i + 1}@example.com`,
        phone: `(541) 555-${String(2000 + i)}`,
        referralSource: i % 7 === 6 ? null : DEFAULT_REFERRAL_SOURCES[Math.floor(random() * 5)]!,
      })),
    )
    .returning({ id: patients.id });

  const taken = new Set<string>();
  const slotKey = (clinicianId: string, day: string, slot: number) => `${clinicianId}|${day}|${slot}`;
  /** A completed visit in the clinician's slot that day (marked taken), booked a week before. */
  const visit = (
    clinicianId: string,
    patientId: string,
    type: typeof appointmentTypes.$inferSelect,
    day: string,
    slot: number,
  ) => {
    taken.add(slotKey(clinicianId, day, slot));
    const startsAt = wallTimeToUtc(day, SLOTS[slot]!, timeZone);
    const endsAt = new Date(startsAt.getTime() + type.durationMinutes * 60_000);
    return {
      clinicId,
      clinicianId,
      patientId,
      typeId: type.id,
      startsAt,
      endsAt,
      blockedUntil: new Date(endsAt.getTime() + type.bufferMinutes * 60_000),
      status: "completed",
      source: "front_desk",
      createdAt: new Date(startsAt.getTime() - 7 * 86_400_000),
      updatedAt: startsAt,
    } satisfies typeof appointments.$inferInsert;
  };
  const rows: (typeof appointments.$inferInsert)[] = [];
  const firstDay = addDays(today, -WEEKS * 7);
  people.forEach((person, i) => {
    const clinician = staff[i % staff.length]!;
    // Starts spread over the 16 weeks; one in six stops after one or two visits.
    let day = addDays(firstDay, Math.floor((i / DEMO_HISTORY_PATIENTS) * (WEEKS * 7 - 10)));
    const visits = i % 6 === 5 ? 1 + (i % 2) : 4 + Math.floor(random() * 8);
    for (let v = 0; v < visits && day < today; v++) {
      day = weekdayFrom(day);
      if (day >= today) break;
      let slot = Math.floor(random() * SLOTS.length);
      for (let tries = 0; taken.has(slotKey(clinician.id, day, slot)) && tries < SLOTS.length; tries++)
        slot = (slot + 1) % SLOTS.length;
      if (taken.has(slotKey(clinician.id, day, slot))) continue;
      const row = visit(clinician.id, person.id, v === 0 ? initial : followUp, day, slot);
      const roll = random();
      const status = roll < 0.07 ? "no_show" : roll < 0.13 ? "cancelled" : "completed";
      // Half of the cancellations came the evening before (late), half days ahead.
      const cancelledAt = new Date(row.startsAt.getTime() - (roll < 0.1 ? 14 : 72) * 3_600_000);
      rows.push({
        ...row,
        status,
        source: i % 3 === 0 ? "online" : "front_desk",
        cancelReason: status === "cancelled" ? "Patient called to cancel" : null,
        updatedAt: status === "cancelled" ? cancelledAt : row.startsAt,
      });
      day = addDays(day, 2 + Math.floor(random() * 4));
    }
  });
  // The named patients' episodes of care (demo-outcomes.ts, seeded before): a visit a week with the
  // episode's clinician from the day it started until the day before its discharge (or today), so the
  // dashboard's visits per discharged episode counts real visits, not a course of care with none.
  const courses = await tx
    .select({
      patientId: episodes.patientId,
      clinicianId: episodes.clinicianId,
      startedAt: episodes.startedAt,
      dischargedAt: episodes.dischargedAt,
    })
    .from(episodes)
    .where(eq(episodes.clinicId, clinicId));
  for (const course of courses) {
    const clinician = staff.find((c) => c.id === course.clinicianId) ?? staff[0]!;
    const end = course.dischargedAt ? localDateTime(course.dischargedAt, timeZone).date : today;
    const start = localDateTime(course.startedAt, timeZone).date;
    for (let week = start, v = 0; week < end; week = addDays(week, 7), v++) {
      const day = weekdayFrom(week);
      if (day >= end) break; // the weeks after start later still
      const slot = SLOTS.findIndex((_, k) => !taken.has(slotKey(clinician.id, day, k)));
      if (slot < 0) continue;
      rows.push(visit(clinician.id, course.patientId, v === 0 ? initial : followUp, day, slot));
    }
  }
  for (let i = 0; i < rows.length; i += 500) await tx.insert(appointments).values(rows.slice(i, i + 500));
}

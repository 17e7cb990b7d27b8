// The demo clinic: an owner, a clinician, a front-desk account and a few patients. Safe to run
// again: nothing is duplicated.
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import {
  appointments,
  appointmentTypes,
  clinics,
  DEFAULT_OPENING_HOURS,
  memberships,
  patients,
  users,
  type Role,
} from "@/db/schema";
import { addDays, dayKeyOf, localDateTime, wallTimeToUtc } from "@/server/scheduling/zoned-time";
import { DEFAULT_APPOINTMENT_TYPES } from "@/server/scheduling/defaults";
import { hashPassword } from "@/server/auth/password";
import { findClinicBySlug, withClinic } from "@/server/tenancy";
import { seedDemoHistory } from "./demo-history";
import { seedDemoOutcomes } from "./demo-outcomes";

export const DEMO_CLINIC = {
  slug: "physiofit-bend",
  name: "PhysioFIT Bend",
  timeZone: "America/Los_Angeles",
  email: "info@physiofitbend.com",
  phone: "(541) 697-4700",
  address: "Bend, Oregon",
};

export const DEMO_PASSWORD = "junction-demo";

export const DEMO_USERS: { email: string; name: string; role: Role }[] = [
  { email: "owner@demo.junction.test", name: "Olivia Owens", role: "owner" },
  { email: "clinician@demo.junction.test", name: "Dr. Marcus Chen, DPT", role: "clinician" },
  { email: "frontdesk@demo.junction.test", name: "Fran Delgado", role: "front_desk" },
  { email: "clinician2@demo.junction.test", name: "Dr. Aisha Patel, DPT", role: "clinician" },
];

const DEMO_PATIENTS = [
  {
    firstName: "Jordan",
    lastName: "Reyes",
    email: "jordan.reyes@example.com",
    phone: "(541) 555-0134",
    dateOfBirth: "1990-04-12",
    notes: "Competitive cyclist; groin and low-back ache after long rides.",
  },
  {
    firstName: "Priya",
    lastName: "Natarajan",
    email: "priya.n@example.com",
    phone: "(541) 555-0178",
    dateOfBirth: "1985-09-30",
    notes: "Olympic lifter; tightness at the hip after snatch sessions.",
  },
  {
    firstName: "Sam",
    lastName: "Whitaker",
    email: "sam.whitaker@example.com",
    phone: "(541) 555-0102",
    dateOfBirth: "1978-01-22",
    notes: "Desk job, deadlifts three times a week; pain worse after sitting.",
  },
  {
    firstName: "Elena",
    lastName: "Kowalski",
    email: "elena.k@example.com",
    phone: "(541) 555-0190",
    dateOfBirth: "1996-07-05",
    notes: null,
  },
];

const REFERRALS = ["Doctor referral", "Friend or family", "Search engine", null];

/** Appointments over the next week (Mon–Fri), so the calendar has something to show. */
async function seedAppointments(tx: Tx, clinicId: string, now: Date) {
  const [existing] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(appointments)
    .where(eq(appointments.clinicId, clinicId));
  if ((existing?.n ?? 0) > 0) return;
  const staff = await tx
    .select({ id: memberships.userId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.clinicId, clinicId), eq(memberships.role, "clinician")))
    .orderBy(users.email);
  const types = await tx.select().from(appointmentTypes).where(eq(appointmentTypes.clinicId, clinicId));
  const people = await tx
    .select({ id: patients.id })
    .from(patients)
    .where(eq(patients.clinicId, clinicId))
    .orderBy(patients.lastName);
  const byName = (name: string) => types.find((t) => t.name === name)!;
  const plan = [
    { staff: 0, time: "09:00", type: "Follow-up" },
    { staff: 0, time: "11:00", type: "Initial evaluation" },
    { staff: 1, time: "10:00", type: "Short follow-up" },
    { staff: 1, time: "14:00", type: "Follow-up" },
  ];
  const today = localDateTime(now, DEMO_CLINIC.timeZone).date;
  let n = 0;
  for (let d = 1; d <= 7; d++) {
    const date = addDays(today, d);
    if (dayKeyOf(date) === "sat" || dayKeyOf(date) === "sun") continue;
    for (const p of plan) {
      const clinician = staff[p.staff];
      const type = byName(p.type);
      if (!clinician || !type) continue;
      const startsAt = wallTimeToUtc(date, p.time, DEMO_CLINIC.timeZone);
      const endsAt = new Date(startsAt.getTime() + type.durationMinutes * 60_000);
      await tx
        .insert(appointments)
        .values({
          clinicId,
          clinicianId: clinician.id,
          patientId: people[n++ % people.length]!.id,
          typeId: type.id,
          startsAt,
          endsAt,
          blockedUntil: new Date(endsAt.getTime() + type.bufferMinutes * 60_000),
          source: "front_desk",
        })
        .onConflictDoNothing();
    }
  }
}

/** Creates what is missing of the demo clinic; running it again adds nothing. */
export async function seedDemo(
  db: Db,
  log: (m: string) => void = () => {},
  now = new Date(),
): Promise<{ created: boolean }> {
  const existing = await findClinicBySlug(db, DEMO_CLINIC.slug);
  const clinicId = existing?.id ?? crypto.randomUUID();
  // Hashing is slow on purpose: only when a demo account is actually missing.
  const known = await db
    .select({ email: users.email })
    .from(users)
    .where(
      inArray(
        sql`lower(${users.email})`,
        DEMO_USERS.map((u) => u.email),
      ),
    );
  const passwordHash = known.length < DEMO_USERS.length ? await hashPassword(DEMO_PASSWORD) : null;
  await withClinic(db, clinicId, async (tx) => {
    if (!existing)
      await tx.insert(clinics).values({ id: clinicId, ...DEMO_CLINIC, openingHours: DEFAULT_OPENING_HOURS });
    for (const u of DEMO_USERS) {
      if (passwordHash)
        await tx.insert(users).values({ email: u.email, name: u.name, passwordHash }).onConflictDoNothing();
      const [user] = await tx
        .select({ id: users.id })
        .from(users)
        .where(sql`lower(${users.email}) = ${u.email}`);
      await tx.insert(memberships).values({ clinicId, userId: user!.id, role: u.role }).onConflictDoNothing();
    }
    const [counts] = await tx
      .select({
        patients: sql<number>`(SELECT count(*)::int FROM patients)`,
        types: sql<number>`(SELECT count(*)::int FROM appointment_types)`,
      })
      .from(clinics)
      .where(eq(clinics.id, clinicId));
    if (!counts?.patients)
      await tx.insert(patients).values(DEMO_PATIENTS.map((p, i) => ({ clinicId, ...p, referralSource: REFERRALS[i] })));
    if (!counts?.types)
      await tx.insert(appointmentTypes).values(DEFAULT_APPOINTMENT_TYPES.map((t) => ({ clinicId, ...t })));
    await seedAppointments(tx, clinicId, now);
    await seedDemoOutcomes(tx, clinicId, now);
    await seedDemoHistory(tx, clinicId, DEMO_CLINIC.timeZone, now);
  });
  if (!existing) log(`Seeded the demo clinic "${DEMO_CLINIC.name}" (/c/${DEMO_CLINIC.slug}).`);
  return { created: !existing };
}

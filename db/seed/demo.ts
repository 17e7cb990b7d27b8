// The demo clinic: an owner, two clinicians, a front-desk account, a few patients, 16 weeks of
// history (demo-history.ts) and a realistic week ahead (demo-week.ts). Safe to run again: nothing is duplicated.
import { eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { appointmentTypes, clinics, DEFAULT_OPENING_HOURS, memberships, patients, users, type Role } from "@/db/schema";
import { DEFAULT_APPOINTMENT_TYPES } from "@/server/scheduling/defaults";
import { hashPassword } from "@/server/auth/password";
import { findClinicBySlug, withClinic } from "@/server/tenancy";
import { seedDemoHistory } from "./demo-history";
import { seedDemoOutcomes } from "./demo-outcomes";
import { seedDemoPayments } from "./demo-payments";
import { seedDemoPrograms } from "./demo-programs";
import { seedDemoWeek } from "./demo-week";

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
    await seedDemoOutcomes(tx, clinicId, now);
    // One seed for the calendar: the past first (16 weeks), then today and the week ahead, which
    // continues some of those courses of care beside the named patients and new ones.
    await seedDemoHistory(tx, clinicId, DEMO_CLINIC.timeZone, now);
    await seedDemoPrograms(tx, clinicId, DEMO_CLINIC.timeZone, now);
    await seedDemoWeek(tx, clinicId, {
      timeZone: DEMO_CLINIC.timeZone,
      now,
      namedEmails: DEMO_PATIENTS.map((p) => p.email),
    });
    // after the week: today's visits that have ended are completed too, and charged like the history's
    await seedDemoPayments(tx, clinicId, now);
  });
  if (!existing) log(`Seeded the demo clinic "${DEMO_CLINIC.name}" (/c/${DEMO_CLINIC.slug}).`);
  return { created: !existing };
}

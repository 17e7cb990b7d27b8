// The demo clinic: an owner, a clinician, a front-desk account and a few patients. Safe to run
// again: nothing is duplicated.
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { clinics, DEFAULT_OPENING_HOURS, memberships, patients, users, type Role } from "@/db/schema";
import { hashPassword } from "@/server/auth/password";
import { findClinicBySlug, withClinic } from "@/server/tenancy";

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
];

const DEMO_PATIENTS = [
  { firstName: "Jordan", lastName: "Reyes", email: "jordan.reyes@example.com", phone: "(541) 555-0134", dateOfBirth: "1990-04-12", notes: "Competitive cyclist; groin and low-back ache after long rides." },
  { firstName: "Priya", lastName: "Natarajan", email: "priya.n@example.com", phone: "(541) 555-0178", dateOfBirth: "1985-09-30", notes: "Olympic lifter; tightness at the hip after snatch sessions." },
  { firstName: "Sam", lastName: "Whitaker", email: "sam.whitaker@example.com", phone: "(541) 555-0102", dateOfBirth: "1978-01-22", notes: "Desk job, deadlifts three times a week; pain worse after sitting." },
  { firstName: "Elena", lastName: "Kowalski", email: "elena.k@example.com", phone: "(541) 555-0190", dateOfBirth: "1996-07-05", notes: null },
];

export async function seedDemo(db: Db, log: (m: string) => void = () => {}): Promise<{ created: boolean }> {
  if (await findClinicBySlug(db, DEMO_CLINIC.slug)) return { created: false };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const clinicId = crypto.randomUUID();
  await withClinic(db, clinicId, async (tx) => {
    await tx.insert(clinics).values({ id: clinicId, ...DEMO_CLINIC, openingHours: DEFAULT_OPENING_HOURS });
    for (const u of DEMO_USERS) {
      await tx.insert(users).values({ email: u.email, name: u.name, passwordHash }).onConflictDoNothing();
      const [user] = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${u.email}`);
      await tx.insert(memberships).values({ clinicId, userId: user!.id, role: u.role }).onConflictDoNothing();
    }
    await tx.insert(patients).values(DEMO_PATIENTS.map((p) => ({ clinicId, ...p })));
  });
  log(`Seeded the demo clinic "${DEMO_CLINIC.name}" (/c/${DEMO_CLINIC.slug}).`);
  return { created: true };
}

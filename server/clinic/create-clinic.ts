// A new clinic with its owner, in one transaction: clinic, user (new or existing) and membership.
import { currencyForZone } from "@/app/_lib/money";
import { randomUUID } from "node:crypto";
import type { Db } from "@/db/client";
import { appointmentTypes, clinics, DEFAULT_OPENING_HOURS, memberships, users } from "@/db/schema";
import { startTrialAfterSignUp } from "@/server/billing/subscribe";
import { DEFAULT_APPOINTMENT_TYPES } from "@/server/scheduling/defaults";
import { hashPassword } from "@/server/auth/password";
import { findUserByEmail } from "@/server/auth/sign-in";
import { DomainError } from "@/server/errors";
import { localeForZone } from "@/server/scheduling/format";
import { findClinicBySlug, withClinic } from "@/server/tenancy";
import type { CreateClinicInput } from "./schemas";

export async function assertSlugFree(db: Db, slug: string) {
  if (await findClinicBySlug(db, slug)) {
    throw new DomainError("SLUG_TAKEN", `The address "${slug}" is taken. Try another.`, "CONFLICT");
  }
}

async function insertClinic(
  db: Db,
  ownerId: string | null,
  input: { clinicName: string; slug: string; timeZone: string },
  newOwner?: { name: string; email: string; passwordHash: string },
) {
  const clinicId = randomUUID();
  return withClinic(db, clinicId, async (tx) => {
    let userId = ownerId;
    if (newOwner) {
      const [user] = await tx.insert(users).values(newOwner).returning({ id: users.id });
      userId = user!.id;
    }
    await tx.insert(clinics).values({
      id: clinicId,
      slug: input.slug,
      name: input.clinicName,
      timeZone: input.timeZone,
      // 24-hour times for a London clinic, 12-hour for a US one; the owner can change it in Settings.
      locale: localeForZone(input.timeZone),
      currency: currencyForZone(input.timeZone),
      openingHours: DEFAULT_OPENING_HOURS,
    });
    // A new clinic's owner is its only practitioner so far: bookable from the start (team settings turn it off).
    await tx.insert(memberships).values({ clinicId, userId: userId!, role: "owner", takesAppointments: true });
    await tx.insert(appointmentTypes).values(DEFAULT_APPOINTMENT_TYPES.map((t) => ({ clinicId, ...t })));
    return { clinicId, slug: input.slug, userId: userId! };
  });
}

/** A confirmed sign-up (server/auth/sign-up.ts): the clinic, its new owner and their membership. */
export function insertClinicWithNewOwner(
  db: Db,
  input: { clinicName: string; slug: string; timeZone: string },
  owner: { name: string; email: string; passwordHash: string },
) {
  return insertClinic(db, null, input, owner);
}

/** A clinic and its owner created at once (seeds and tests; people sign up by email link). */
export async function createClinicWithOwner(db: Db, input: CreateClinicInput) {
  await assertSlugFree(db, input.slug);
  if (await findUserByEmail(db, input.email)) {
    throw new DomainError(
      "EMAIL_TAKEN",
      "That email already has a Junction account. Sign in, then add the clinic from the clinic menu.",
      "CONFLICT",
    );
  }
  const passwordHash = await hashPassword(input.password);
  const created = await insertClinic(db, null, input, { name: input.ownerName, email: input.email, passwordHash });
  await startTrialAfterSignUp(db, created.clinicId);
  return created;
}

export async function addClinicForUser(
  db: Db,
  userId: string,
  input: { clinicName: string; slug: string; timeZone: string },
) {
  await assertSlugFree(db, input.slug);
  const created = await insertClinic(db, userId, input);
  await startTrialAfterSignUp(db, created.clinicId);
  return created;
}

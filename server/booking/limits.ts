// Limits on public booking (server/limits): per client IP per hour (all clinics), per email address
// per clinic per day, and per clinic per hour. One answer for all three, so it names none of them.
import type { Db } from "@/db/client";
import { consume } from "@/server/limits/limiter";

export const tooManyBookings = (wait: string) =>
  `Too many bookings from here — please try again in ${wait}, or call the clinic.`;

export async function limitPublicBooking(
  db: Db,
  input: { ip: string | null; clinicId: string; email: string },
): Promise<void> {
  if (input.ip) await consume(db, "bookingIp", input.ip, tooManyBookings);
  await consume(db, "bookingEmail", `${input.clinicId}\n${input.email.trim().toLowerCase()}`, tooManyBookings);
  await consume(db, "bookingClinic", input.clinicId, tooManyBookings);
}

// Limits on public booking (server/limits): per client IP per hour (all clinics), per email address
// per clinic per day, and per clinic per hour. One answer for all three, so it names none of them.
import type { Db } from "@/db/client";
import { consumeInOrder, type LimitName } from "@/server/limits/limiter";

export const tooManyBookings = (wait: string) =>
  `Too many bookings from here — please try again in ${wait}, or call the clinic.`;

export async function limitPublicBooking(
  db: Db,
  input: { ip: string | null; clinicId: string; email: string },
): Promise<void> {
  const uses: { name: LimitName; value: string }[] = [];
  if (input.ip) uses.push({ name: "bookingIp", value: input.ip });
  uses.push({ name: "bookingEmail", value: `${input.clinicId}\n${input.email.trim().toLowerCase()}` });
  uses.push({ name: "bookingClinic", value: input.clinicId });
  // one statement for the three, counted in this order (a refused one stops the count, as before)
  await consumeInOrder(db, uses, tooManyBookings);
}

// What the booking page knows about the clinic (booking.clinic), as its steps use it.
export type BookingClinic = {
  slug: string;
  name: string;
  timeZone: string;
  currency: string;
  locale: string;
  maxAdvanceDays: number;
  types: { id: string; name: string; durationMinutes: number; priceMinor: number }[];
  clinicians: { id: string; name: string }[];
  referralSources: string[];
};

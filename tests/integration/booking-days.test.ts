// The booking pages' date strip: a page of days with each day's number of free times, which must
// agree with the times the same day offers; the manage link's strip is its clinician's alone.
import { beforeAll, describe, expect, test } from "vitest";
import { eq } from "drizzle-orm";
import { appointmentTypes } from "@/db/schema";
import { env } from "@/server/env";
import { dayBounds, distinctStarts } from "@/server/booking/days";
import { addDays, localDateTime } from "@/server/scheduling/zoned-time";
import { anonymousCaller, refusal } from "../fixtures/callers";
import { seedClinic, type SeededClinic } from "../fixtures/clinic";
import { adminDb } from "../fixtures/db";

let a: SeededClinic;
let followUp: string;
const api = () => anonymousCaller().booking;
const TZ = "America/Denver";

beforeAll(async () => {
  env.LIMIT_BOOKING_PER_EMAIL_DAY = 1000;
  a = await seedClinic();
  const rows = await adminDb().select().from(appointmentTypes).where(eq(appointmentTypes.clinicId, a.id));
  followUp = rows.find((t) => t.name === "Follow-up")!.id;
});

const today = () => localDateTime(new Date(), TZ).date;

describe("the date strip's days", () => {
  test("one entry per day, each counting exactly the distinct free times that day offers", async () => {
    const from = addDays(today(), 1);
    const page = await api().days({ slug: a.slug, typeId: followUp, from, days: 7 });
    expect(page.days.map((d) => d.date)).toEqual(Array.from({ length: 7 }, (_, i) => addDays(from, i)));
    expect(page.firstDate).toBe(today());
    for (const day of page.days) {
      const runs = await api().slots({ slug: a.slug, typeId: followUp, ...dayBounds(day.date, TZ) });
      expect(day.free, day.date).toBe(distinctStarts(runs).length);
    }
    expect(page.days.some((d) => d.free > 0)).toBe(true);
    // The demo hours close on Saturday: that day is there, with nothing free.
    const saturday = page.days.find((d) => new Date(`${d.date}T12:00:00Z`).getUTCDay() === 6)!;
    expect(saturday.free).toBe(0);
  });

  test("one clinician's days count only that clinician's times", async () => {
    const from = addDays(today(), 1);
    const all = await api().days({ slug: a.slug, typeId: followUp, from, days: 7 });
    const one = await api().days({ slug: a.slug, typeId: followUp, clinicianId: a.clinician.id, from, days: 7 });
    for (const [i, day] of one.days.entries()) {
      const runs = await api().slots({
        slug: a.slug,
        typeId: followUp,
        clinicianId: a.clinician.id,
        ...dayBounds(day.date, TZ),
      });
      expect(day.free).toBe(distinctStarts(runs).length);
      expect(day.free).toBeLessThanOrEqual(all.days[i]!.free);
    }
  });

  test("days before today are not asked about, the horizon ends the strip, and a page is at most 14 days", async () => {
    const early = await api().days({ slug: a.slug, typeId: followUp, from: addDays(today(), -3), days: 7 });
    expect(early.days[0]!.date).toBe(today());
    const last = await api().days({ slug: a.slug, typeId: followUp, from: early.lastDate, days: 7 });
    expect(last.days.map((d) => d.date)).toEqual([early.lastDate]);
    const beyond = await api().days({ slug: a.slug, typeId: followUp, from: addDays(early.lastDate, 1), days: 7 });
    expect(beyond.days).toEqual([]);
    const tooMany = await refusal(api().days({ slug: a.slug, typeId: followUp, from: today(), days: 60 }));
    expect(tooMany.code).toBe("BAD_REQUEST");
  });

  test("the manage link's strip counts the appointment's clinician's times, a page at a time", async () => {
    const from = addDays(today(), 2);
    const runs = await api().slots({
      slug: a.slug,
      typeId: followUp,
      clinicianId: a.clinician.id,
      ...dayBounds(from, TZ),
    });
    const startsAt = distinctStarts(runs)[0]!;
    const done = await api().book({
      slug: a.slug,
      typeId: followUp,
      clinicianId: a.clinician.id,
      startsAt,
      firstName: "Mara",
      lastName: "Mover",
      email: "mara.mover@example.com",
      phone: "(541) 555-0150",
    });
    const page = await api().manageDays({ token: done.manageToken, from, days: 7 });
    expect(page.days).toHaveLength(7);
    for (const day of page.days) {
      const free = await api().manageSlots({ token: done.manageToken, ...dayBounds(day.date, TZ) });
      expect(day.free, day.date).toBe(distinctStarts(free).length);
    }
    const wide = await refusal(
      api().manageSlots({ token: done.manageToken, from: new Date(), to: new Date(Date.now() + 30 * 86_400_000) }),
    );
    expect(wide.code).toBe("BAD_REQUEST");
  });
});

// A new clinic opens Monday to Friday, 07:00–19:00, in its own time zone. The owner adjusts
// hours and profile; impossible hours and unknown time zones are refused with a clear reason.
import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, test } from "vitest";
import { auditLog, clinics, emailOutbox, type WeeklyHours } from "@/db/schema";
import { anonymousCaller, callerFor, refusal, shownFieldErrors, shownMessage, type Caller } from "../fixtures/callers";
import { seedClinic, type SeededClinic } from "../fixtures/clinic";
import { adminDb } from "../fixtures/db";
import { clinicSnapshot } from "../fixtures/snapshot";

const WORKDAY = [{ start: "07:00", end: "19:00" }];
const closedWeek = (): WeeklyHours => ({ mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] });

let clinic: SeededClinic;
let owner: Caller;

beforeEach(async () => {
  clinic = await seedClinic();
  owner = callerFor(clinic.owner, clinic.slug);
});

const auditActions = async () =>
  (
    await adminDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.clinicId, clinic.id), eq(auditLog.entity, "clinic")))
  ).map((e) => [e.action, e.actorUserId]);

describe("a newly signed-up clinic", () => {
  test("is open Monday to Friday 07:00–19:00 and closed at the weekend, in the zone chosen at sign-up", async () => {
    const shown = await callerFor(clinic.frontDesk, clinic.slug).clinic.get();
    expect(shown.openingHours).toEqual({
      mon: WORKDAY,
      tue: WORKDAY,
      wed: WORKDAY,
      thu: WORKDAY,
      fri: WORKDAY,
      sat: [],
      sun: [],
    });
    expect(shown.timeZone).toBe(clinic.timeZone);
  });

  test("got those hours from sign-up itself", async () => {
    await anonymousCaller().auth.signUp({
      clinicName: "Tidewater Physio",
      slug: "tidewater-physio",
      timeZone: "Europe/Lisbon",
      ownerName: "Tiago Marques",
      email: "tiago@tidewater.example",
      password: "long-enough-password",
    });
    // The clinic is created when the emailed link is used.
    const [mail] = await adminDb().select().from(emailOutbox).where(eq(emailOutbox.to, "tiago@tidewater.example"));
    const token = new URL(mail!.text.match(/https?:\/\/\S+\/auth\/confirm\?\S+/)![0]).searchParams.get("token")!;
    await anonymousCaller().auth.confirmSignUp({ token });
    const [created] = await adminDb().select().from(clinics).where(eq(clinics.slug, "tidewater-physio"));
    expect(created).toMatchObject({
      timeZone: "Europe/Lisbon",
      openingHours: { mon: WORKDAY, fri: WORKDAY, sat: [], sun: [] },
    });
  });
});

describe("changing opening hours", () => {
  test("saves a week with a lunch break and a Saturday morning, in time order, and records who did it", async () => {
    const hours: WeeklyHours = {
      ...closedWeek(),
      mon: [
        { start: "13:00", end: "18:00" },
        { start: "08:00", end: "12:00" },
      ],
      wed: [{ start: "07:30", end: "19:30" }],
      sat: [{ start: "09:00", end: "12:00" }],
    };
    await owner.clinic.updateHours(hours);
    const shown = await owner.clinic.get();
    expect(shown.openingHours).toEqual({
      ...hours,
      mon: [
        { start: "08:00", end: "12:00" },
        { start: "13:00", end: "18:00" },
      ],
    });
    expect(await auditActions()).toEqual([["clinic.update_hours", clinic.owner.id]]);
  });

  test("back-to-back intervals are fine; a day can run until midnight", async () => {
    await owner.clinic.updateHours({
      ...closedWeek(),
      tue: [
        { start: "07:00", end: "12:00" },
        { start: "12:00", end: "24:00" },
      ],
    });
    expect((await owner.clinic.get()).openingHours.tue).toEqual([
      { start: "07:00", end: "12:00" },
      { start: "12:00", end: "24:00" },
    ]);
  });

  const refused: [string, Partial<WeeklyHours>, string][] = [
    [
      "overlapping intervals",
      {
        mon: [
          { start: "09:00", end: "12:00" },
          { start: "11:30", end: "14:00" },
        ],
      },
      "Monday: 09:00–12:00 overlaps 11:30–14:00",
    ],
    [
      "an interval that ends before it starts",
      { thu: [{ start: "18:00", end: "08:00" }] },
      "Thursday: 18:00–08:00 ends before it starts",
    ],
    [
      "an interval of no length",
      { sat: [{ start: "10:00", end: "10:00" }] },
      "Saturday: 10:00–10:00 ends before it starts",
    ],
  ];

  test.each(refused)(
    "with %s is refused with a specific reason, and the hours stay as they were",
    async (_what, days, message) => {
      const before = await clinicSnapshot(clinic.id);
      const error = await refusal(owner.clinic.updateHours({ ...closedWeek(), ...days }));
      expect(error.code).toBe("BAD_REQUEST");
      expect(shownMessage(error)).toBe(message);
      expect(await clinicSnapshot(clinic.id)).toEqual(before);
    },
  );

  test("with a time that does not exist is refused, pointing at that time", async () => {
    const before = await clinicSnapshot(clinic.id);
    const error = await refusal(owner.clinic.updateHours({ ...closedWeek(), fri: [{ start: "07:00", end: "25:00" }] }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(shownMessage(error)).toContain("Use a 24-hour time like 07:00");
    expect(shownFieldErrors(error)).toEqual({ "fri.0.end": "Use a 24-hour time like 07:00" });
    expect(await clinicSnapshot(clinic.id)).toEqual(before);
  });
});

describe("changing the clinic profile", () => {
  test("saves name, time zone and contact details, and records who did it", async () => {
    await owner.clinic.updateProfile({
      name: "Cascade Physio East",
      timeZone: "America/Chicago",
      email: "Hello@Cascade.example",
      phone: "(312) 555-0100",
      address: "1 Main St",
    });
    expect(await owner.clinic.get()).toMatchObject({
      name: "Cascade Physio East",
      timeZone: "America/Chicago",
      email: "Hello@Cascade.example",
      phone: "(312) 555-0100",
      address: "1 Main St",
    });
    expect(await auditActions()).toEqual([["clinic.update_profile", clinic.owner.id]]);
  });

  test.each(["Mars/Olympus_Mons", "EST", "", "GMT+5"])(
    "refuses the time zone %j, and nothing changes",
    async (timeZone) => {
      const before = await clinicSnapshot(clinic.id);
      const error = await refusal(owner.clinic.updateProfile({ name: clinic.name, timeZone }));
      expect(error.code).toBe("BAD_REQUEST");
      expect(shownMessage(error)).toBe("Time zone: Choose a time zone such as America/Los_Angeles");
      expect(await clinicSnapshot(clinic.id)).toEqual(before);
    },
  );
});

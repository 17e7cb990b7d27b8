// "Takes appointments" belongs to a membership, not to the clinician role: a solo PT who owns the
// clinic is booked like any clinician, with working hours, on the calendar, in staff booking and on
// the public booking page; the front desk never is (a check in PostgreSQL).
import { beforeAll, describe, expect, test } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { appDb } from "@/db/client";
import { appointmentTypes, memberships, users } from "@/db/schema";
import { createClinicWithOwner } from "@/server/clinic/create-clinic";
import { createClinicSchema } from "@/server/clinic/schemas";
import { runStarts } from "@/server/scheduling/availability";
import { wallTimeToUtc } from "@/server/scheduling/zoned-time";
import { anonymousCaller, callerFor, refusal, shownMessage } from "../fixtures/callers";
import { makePatient, OWNER_PASSWORD, seedClinic, type SeededClinic, type StaffMember } from "../fixtures/clinic";
import { adminDb } from "../fixtures/db";

let a: SeededClinic;
let followUp: string;

function futureWeekday(weekday: number, minDays = 8): string {
  const d = new Date(Date.now() + minDays * 86_400_000);
  while (d.getUTCDay() !== weekday) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
const TUESDAY = futureWeekday(2);

beforeAll(async () => {
  a = await seedClinic();
  const rows = await adminDb().select().from(appointmentTypes).where(eq(appointmentTypes.clinicId, a.id));
  followUp = rows.find((t) => t.name === "Follow-up")!.id;
});

const at = (time: string) => wallTimeToUtc(TUESDAY, time, a.timeZone);
const day = () => ({ from: at("00:00"), to: at("23:59") });

describe("a solo practitioner who owns the clinic", () => {
  test("is on the calendar, bookable by staff and on the public booking page from sign-up", async () => {
    const slug = `solo-pt-${Date.now()}`;
    const created = await createClinicWithOwner(
      appDb(),
      createClinicSchema.parse({
        clinicName: "Solo PT",
        slug,
        timeZone: "America/Denver",
        ownerName: "Sam Solo",
        email: `sam@${slug}.example`,
        password: OWNER_PASSWORD,
      }),
    );
    const owner: StaffMember = { id: created.userId, email: `sam@${slug}.example`, name: "Sam Solo", role: "owner" };
    const asOwner = callerFor(owner, slug);
    const cal = await asOwner.scheduling.calendar({ from: new Date(), to: new Date(Date.now() + 86_400_000) });
    expect(cal.clinicians.map((c) => c.name)).toEqual(["Sam Solo"]);

    const page = await anonymousCaller().booking.clinic({ slug });
    expect(page.clinicians.map((c) => c.name)).toEqual(["Sam Solo"]);

    const type = cal.types.find((t) => t.name === "Follow-up")!;
    const patient = await asOwner.patients.create(makePatient());
    const startsAt = wallTimeToUtc(TUESDAY, "10:00", "America/Denver");
    const booked = await asOwner.scheduling.book({
      clinicianId: owner.id,
      patientId: patient.id,
      typeId: type.id,
      startsAt,
    });
    expect(booked.clinicianId).toBe(owner.id);
  });
});

describe("an owner who leaves appointments to the team, then takes them", () => {
  test("is not offered or bookable until they take appointments; then with their own working hours", async () => {
    const frontDesk = callerFor(a.frontDesk, a.slug);
    expect((await frontDesk.scheduling.calendar(day())).clinicians.map((c) => c.id)).toEqual([a.clinician.id]);
    const refused = await refusal(
      frontDesk.scheduling.book({
        clinicianId: a.owner.id,
        patientId: a.patients[0]!.id,
        typeId: followUp,
        startsAt: at("10:00"),
      }),
    );
    expect(shownMessage(refused)).toBe("That clinician is not on this clinic's team.");
    expect((await anonymousCaller().booking.clinic({ slug: a.slug })).clinicians.map((c) => c.id)).toEqual([
      a.clinician.id,
    ]);

    const asOwner = callerFor(a.owner, a.slug);
    await asOwner.team.setTakesAppointments({ userId: a.owner.id, takesAppointments: true });
    // Tuesdays 13:00–17:00 only
    const none = { mon: [], tue: [{ start: "13:00", end: "17:00" }], wed: [], thu: [], fri: [], sat: [], sun: [] };
    await asOwner.scheduling.setClinicianHours({ clinicianId: a.owner.id, hours: none });

    const cal = await frontDesk.scheduling.calendar(day());
    expect(cal.clinicians.find((c) => c.id === a.owner.id)?.workingHours?.tue).toEqual([
      { start: "13:00", end: "17:00" },
    ]);
    const free = await frontDesk.scheduling.availability({ typeId: followUp, clinicianId: a.owner.id, ...day() });
    const starts = free.flatMap((c) => runStarts(c.runs, c.stepMinutes));
    expect(starts[0]).toEqual(at("13:00"));
    expect(starts.at(-1)).toEqual(at("16:15"));

    const outside = await refusal(
      frontDesk.scheduling.book({
        clinicianId: a.owner.id,
        patientId: a.patients[0]!.id,
        typeId: followUp,
        startsAt: at("10:00"),
      }),
    );
    expect(outside.code).toBe("BAD_REQUEST");
    const booked = await frontDesk.scheduling.book({
      clinicianId: a.owner.id,
      patientId: a.patients[0]!.id,
      typeId: followUp,
      startsAt: at("14:00"),
    });
    expect(booked.clinicianId).toBe(a.owner.id);
    expect((await anonymousCaller().booking.clinic({ slug: a.slug })).clinicians.map((c) => c.id).sort()).toEqual(
      [a.clinician.id, a.owner.id].sort(),
    );

    // With an upcoming appointment they cannot stop: it would vanish from the calendar.
    const stop = await refusal(asOwner.team.setTakesAppointments({ userId: a.owner.id, takesAppointments: false }));
    expect(shownMessage(stop)).toBe("You have 1 upcoming appointment. Move or cancel them on the calendar first.");
    await frontDesk.scheduling.cancel({ id: booked.id, reason: "Owner is away" });
    await asOwner.team.setTakesAppointments({ userId: a.owner.id, takesAppointments: false });
    expect((await frontDesk.scheduling.calendar(day())).clinicians.map((c) => c.id)).toEqual([a.clinician.id]);
  });
});

describe("who can take appointments", () => {
  test("never the front desk; a role change to clinician or front desk sets it; only owners change it", async () => {
    const asOwner = callerFor(a.owner, a.slug);
    const fd = await refusal(asOwner.team.setTakesAppointments({ userId: a.frontDesk.id, takesAppointments: true }));
    expect(shownMessage(fd)).toBe(
      "Front desk members do not take appointments. Make them a clinician or an owner first.",
    );
    const byClinician = await refusal(
      callerFor(a.clinician, a.slug).team.setTakesAppointments({ userId: a.clinician.id, takesAppointments: false }),
    );
    expect(byClinician.code).toBe("FORBIDDEN");

    await asOwner.team.changeRole({ userId: a.frontDesk.id, role: "clinician" });
    const takes = async (userId: string) =>
      (await asOwner.team.list()).find((m) => m.userId === userId)?.takesAppointments;
    expect(await takes(a.frontDesk.id)).toBe(true);
    await asOwner.team.changeRole({ userId: a.frontDesk.id, role: "front_desk" });
    expect(await takes(a.frontDesk.id)).toBe(false);

    // PostgreSQL refuses it whatever the code does.
    await expect(
      adminDb()
        .update(memberships)
        .set({ takesAppointments: true })
        .where(and(eq(memberships.clinicId, a.id), eq(memberships.userId, a.frontDesk.id))),
    ).rejects.toThrow();
  });

  test("a membership inserted without saying takes appointments when its role is clinician", async () => {
    const [u1] = await adminDb()
      .insert(users)
      .values({ email: `c-${Date.now()}@example.test`, name: "Raw Clinician" })
      .returning();
    const [u2] = await adminDb()
      .insert(users)
      .values({ email: `o-${Date.now()}@example.test`, name: "Raw Owner" })
      .returning();
    await adminDb().execute(
      sql`INSERT INTO memberships (clinic_id, user_id, role) VALUES (${a.id}, ${u1!.id}, 'clinician'), (${a.id}, ${u2!.id}, 'owner')`,
    );
    const rows = await adminDb()
      .select({ userId: memberships.userId, takes: memberships.takesAppointments })
      .from(memberships)
      .where(eq(memberships.clinicId, a.id));
    expect(rows.find((r) => r.userId === u1!.id)?.takes).toBe(true);
    expect(rows.find((r) => r.userId === u2!.id)?.takes).toBe(false);
  });
});

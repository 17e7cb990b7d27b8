// Only owners run the clinic: settings and the team. Clinicians and the front desk are told
// their role does not allow it, and nothing changes. A clinic never loses its last owner.
import type { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, test } from "vitest";
import { appointmentTypes, emailOutbox, memberships, users } from "@/db/schema";
import { libraryExerciseId } from "@/db/seed/library";
import { LIBRARY_EXERCISES } from "@/db/seed/library-source";
import { appRouter } from "@/server/root";
import type { Meta } from "@/server/trpc";
import { callerFor, refusal, shownMessage, type Caller } from "../fixtures/callers";
import { seedClinic, type SeededClinic, type StaffMember } from "../fixtures/clinic";
import { adminDb } from "../fixtures/db";
import { clinicSnapshot, rowCounts } from "../fixtures/snapshot";

const OWNER_ACTIONS = [
  "clinic.updateProfile",
  "clinic.updateHours",
  "clinic.updateIdleTimeout",
  "team.invite",
  "team.changeRole",
  "team.remove",
  "scheduling.createType",
  "scheduling.updateType",
  "scheduling.updateRules",
  "scheduling.setClinicianHours",
  "messages.log",
  "messages.settings",
  "messages.updateSettings",
  "exercises.setHidden",
  "consent.settings",
  "consent.updateSettings",
  "consent.publishPolicyVersion",
  "consent.log",
  "outcomes.setInstrumentEnabled",
  "outcomes.setReviewWeeks",
  "outcomes.clinicSummary",
] as const;
type OwnerAction = (typeof OWNER_ACTIONS)[number];

const LAST_OWNER = "A clinic needs at least one owner. Make someone else an owner first.";

let clinic: SeededClinic;

/** Each owner-only action, as a person in the clinic would attempt it. */
function attempt(caller: Caller, action: OwnerAction): Promise<unknown> {
  switch (action) {
    case "clinic.updateProfile":
      return caller.clinic.updateProfile({
        name: "Renamed Clinic",
        timeZone: "America/New_York",
        email: "",
        phone: "",
        address: "",
      });
    case "clinic.updateHours":
      return caller.clinic.updateHours({
        mon: [],
        tue: [],
        wed: [],
        thu: [],
        fri: [],
        sat: [{ start: "08:00", end: "12:00" }],
        sun: [],
      });
    case "clinic.updateIdleTimeout":
      return caller.clinic.updateIdleTimeout({ idleTimeoutMinutes: 240 });
    case "team.invite":
      return caller.team.invite({ email: "new.hire@example.com", name: "Nia Newhire", role: "owner" });
    case "team.changeRole":
      return caller.team.changeRole({ userId: clinic.owner.id, role: "front_desk" });
    case "team.remove":
      return caller.team.remove({ userId: clinic.owner.id });
    case "scheduling.createType":
      return caller.scheduling.createType({
        name: "Free massage",
        durationMinutes: 30,
        bufferMinutes: 0,
        priceCents: 0,
        color: "#112233",
        onlineBookable: true,
        active: true,
      });
    case "scheduling.updateType":
      return adminDb()
        .select()
        .from(appointmentTypes)
        .where(eq(appointmentTypes.clinicId, clinic.id))
        .then(([t]) => caller.scheduling.updateType({ ...t!, priceCents: 0 }));
    case "scheduling.updateRules":
      return caller.scheduling.updateRules({ minNoticeMinutes: 0, maxAdvanceDays: 365, slotGranularityMinutes: 5 });
    case "scheduling.setClinicianHours":
      return caller.scheduling.setClinicianHours({
        clinicianId: clinic.clinician.id,
        hours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
      });
    case "messages.log":
      return caller.messages.log({});
    case "messages.settings":
      return caller.messages.settings();
    case "messages.updateSettings":
      return caller.messages.updateSettings({ reminder24h: false, reminder2h: false });
    case "exercises.setHidden":
      return caller.exercises.setHidden({ id: libraryExerciseId(LIBRARY_EXERCISES[0]!.slug), hidden: true });
    case "consent.settings":
      return caller.consent.settings();
    case "consent.updateSettings":
      return caller.consent.updateSettings({ consentMonths: 6 });
    case "consent.publishPolicyVersion":
      return caller.consent.publishPolicyVersion();
    case "consent.log":
      return caller.consent.log({});
    case "outcomes.setInstrumentEnabled":
      return caller.outcomes.setInstrumentEnabled({ instrumentKey: "odi", enabled: false });
    case "outcomes.setReviewWeeks":
      return caller.outcomes.setReviewWeeks({ weeks: 2 });
    case "outcomes.clinicSummary":
      return caller.outcomes.clinicSummary();
  }
}

const roleOf = async (userId: string) =>
  (
    await adminDb()
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.clinicId, clinic.id), eq(memberships.userId, userId)))
  )[0]?.role ?? null;

test("the owner-only list matches the procedures declared owner-only", () => {
  const declared = Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: { meta?: Meta } }>)
    .filter(
      ([, p]) => p._def.meta?.scope === "clinic" && p._def.meta.roles?.length === 1 && p._def.meta.roles[0] === "owner",
    )
    .map(([path]) => path);
  expect(declared.sort()).toEqual([...OWNER_ACTIONS].sort());
});

describe("in a freshly signed-up clinic", () => {
  beforeEach(async () => {
    clinic = await seedClinic();
  });

  describe.each([
    ["clinician", "clinician"],
    ["front desk", "frontDesk"],
  ] as const)("the %s", (_label, key) => {
    test.each(OWNER_ACTIONS)("is refused %s with FORBIDDEN, and nothing changes", async (action) => {
      const before = await clinicSnapshot(clinic.id);
      const counts = await rowCounts();
      const error = await refusal(attempt(callerFor(clinic[key], clinic.slug), action));
      expect(error.code).toBe("FORBIDDEN");
      expect(shownMessage(error)).toBe("Your role in this clinic does not allow that.");
      expect(await clinicSnapshot(clinic.id)).toEqual(before);
      expect(await rowCounts()).toEqual(counts);
    });
  });

  describe("the owner", () => {
    let asOwner: Caller;
    beforeEach(() => {
      asOwner = callerFor(clinic.owner, clinic.slug);
    });

    test("updates the clinic profile and opening hours", async () => {
      await attempt(asOwner, "clinic.updateProfile");
      await attempt(asOwner, "clinic.updateHours");
      const shown = await callerFor(clinic.frontDesk, clinic.slug).clinic.get();
      expect(shown).toMatchObject({ name: "Renamed Clinic", timeZone: "America/New_York", email: null });
      expect(shown.openingHours.sat).toEqual([{ start: "08:00", end: "12:00" }]);
      expect(shown.openingHours.mon).toEqual([]);
    });

    test("invites a colleague, who joins the team and receives an invitation email", async () => {
      await attempt(asOwner, "team.invite");
      const team = await asOwner.team.list();
      expect(team.find((m) => m.email === "new.hire@example.com")).toMatchObject({
        name: "Nia Newhire",
        role: "owner",
      });
      const mail = await adminDb().select().from(emailOutbox).where(eq(emailOutbox.to, "new.hire@example.com"));
      expect(mail).toHaveLength(1);
      expect(mail[0]).toMatchObject({
        template: "team-invite",
        clinicId: clinic.id,
        subject: `${clinic.owner.name} added you to ${clinic.name} on Junction`,
      });
    });

    test("changes a colleague's role and removes a colleague", async () => {
      await asOwner.team.changeRole({ userId: clinic.clinician.id, role: "front_desk" });
      expect(await roleOf(clinic.clinician.id)).toBe("front_desk");
      await asOwner.team.remove({ userId: clinic.frontDesk.id });
      expect(await roleOf(clinic.frontDesk.id)).toBeNull();
      const removed = await refusal(callerFor(clinic.frontDesk, clinic.slug).patients.list({}));
      expect(removed.code).toBe("NOT_FOUND");
    });

    test("cannot step down or leave while the only owner, and is told why", async () => {
      const demote = await refusal(attempt(asOwner, "team.changeRole"));
      expect(demote.code).toBe("CONFLICT");
      expect(shownMessage(demote)).toBe(LAST_OWNER);
      const leave = await refusal(attempt(asOwner, "team.remove"));
      expect(leave.code).toBe("CONFLICT");
      expect(shownMessage(leave)).toBe(LAST_OWNER);
      expect(await roleOf(clinic.owner.id)).toBe("owner");
    });

    test("can step down once someone else is an owner", async () => {
      await asOwner.team.changeRole({ userId: clinic.clinician.id, role: "owner" });
      await attempt(asOwner, "team.changeRole");
      expect(await roleOf(clinic.owner.id)).toBe("front_desk");
      const lastOwner = await refusal(
        callerFor(clinic.clinician, clinic.slug).team.remove({ userId: clinic.clinician.id }),
      );
      expect(shownMessage(lastOwner)).toBe(LAST_OWNER);
    });

    /** Makes both staff owners, then has each act on the other at the same moment; repeated to catch the race. */
    async function ownersActOnEachOther(act: (actor: StaffMember, other: StaffMember) => Promise<unknown>) {
      for (let round = 0; round < 3; round++) {
        const [first, second] = [clinic.owner, clinic.clinician];
        const remaining = (await roleOf(first.id)) === "owner" ? first : second;
        const other = remaining === first ? second : first;
        const asRemaining = callerFor(remaining, clinic.slug);
        if ((await roleOf(other.id)) === null)
          await asRemaining.team.invite({ email: other.email, name: other.name, role: "owner" });
        else await asRemaining.team.changeRole({ userId: other.id, role: "owner" });

        const results = await Promise.allSettled([act(first, second), act(second, first)]);
        expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
        const refused = results.find((r) => r.status === "rejected")!.reason as TRPCError;
        expect(shownMessage(refused)).toBe(LAST_OWNER);
        const roles = [await roleOf(first.id), await roleOf(second.id)];
        expect(roles.filter((r) => r === "owner")).toHaveLength(1);
      }
    }

    test("two owners stepping each other down at the same moment leave the clinic with an owner", async () => {
      await ownersActOnEachOther((actor, other) =>
        callerFor(actor, clinic.slug).team.changeRole({ userId: other.id, role: "front_desk" }),
      );
    });

    test("two owners removing each other at the same moment leave the clinic with an owner", async () => {
      await ownersActOnEachOther((actor, other) => callerFor(actor, clinic.slug).team.remove({ userId: other.id }));
    });

    test("inviting someone already on the team is refused by name, and nothing is written", async () => {
      const before = await clinicSnapshot(clinic.id);
      const counts = await rowCounts();
      for (const email of [clinic.clinician.email, clinic.clinician.email.toUpperCase()]) {
        const error = await refusal(asOwner.team.invite({ email, name: "Marcus Again", role: "front_desk" }));
        expect(error.code).toBe("CONFLICT");
        expect(shownMessage(error)).toBe(`${clinic.clinician.email} is already on the team at ${clinic.name}.`);
      }
      expect(await clinicSnapshot(clinic.id)).toEqual(before);
      expect(await rowCounts()).toEqual(counts);
      expect(await roleOf(clinic.clinician.id)).toBe("clinician");
      const invites = await adminDb().select().from(emailOutbox).where(eq(emailOutbox.to, clinic.clinician.email));
      expect(invites).toHaveLength(1);
    });

    test("inviting someone who already has an account at another clinic adds them without a second account", async () => {
      const other = await seedClinic();
      await asOwner.team.invite({ email: other.owner.email, name: "Whatever Name", role: "clinician" });
      const accounts = await adminDb().select().from(users).where(eq(users.email, other.owner.email));
      expect(accounts).toHaveLength(1);
      expect(await roleOf(other.owner.id)).toBe("clinician");
    });
  });
});

// Least privilege: only owners run the clinic (settings, the team, closures); clinical records
// (notes, programs, outcome answers) are for clinicians and owners; the front desk does what
// scheduling needs. Anyone refused is told their role does not allow it, and nothing changes.
// A clinic never loses its last owner.
import type { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, test } from "vitest";
import { appointmentTypes, closures, emailOutbox, memberships, patients, timeOff, users } from "@/db/schema";
import { libraryExerciseId } from "@/db/seed/library";
import { LIBRARY_EXERCISES } from "@/db/seed/library-source";
import { appRouter } from "@/server/root";
import type { Meta } from "@/server/trpc";
import { anonymousCaller, callerFor, refusal, shownMessage, type Caller } from "../fixtures/callers";
import { seedClinic, type SeededClinic, type StaffMember } from "../fixtures/clinic";
import { adminDb } from "../fixtures/db";
import { clinicSnapshot, rowCounts } from "../fixtures/snapshot";

const OWNER_ACTIONS = [
  "clinic.updateProfile",
  "clinic.updateHours",
  "clinic.updateIdleTimeout",
  "team.invite",
  "team.changeRole",
  "team.setTakesAppointments",
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
  "audit.list",
  "audit.patientAccess",
  "billing.summary",
  "billing.checkout",
  "billing.portal",
  "paymentAccount.settings",
  "paymentAccount.connect",
  "paymentAccount.refresh",
  "paymentAccount.disconnect",
  "scheduling.addClosure",
  "scheduling.removeClosure",
  "dashboard.updateSettings",
  "charges.updateFeePolicy",
] as const;
type OwnerAction = (typeof OWNER_ACTIONS)[number];

/**
 * Who may call each clinic procedure: o owner, c clinician, f front desk. The front desk gets what
 * scheduling needs (patients' details without clinical notes, the calendar, appointment messages);
 * programs, outcome measures and the plan link are clinical; time off is a clinician's own (the
 * domain refuses someone else's) or the owner's.
 */
const ROLE_MATRIX: Record<string, "ocf" | "oc" | "of" | "o"> = {
  "clinic.get": "ocf",
  "clinic.updateProfile": "o",
  "clinic.updateHours": "o",
  "clinic.updateIdleTimeout": "o",
  "team.list": "ocf",
  "team.invite": "o",
  "team.changeRole": "o",
  "team.setTakesAppointments": "o",
  "team.remove": "o",
  "patients.list": "ocf",
  "patients.get": "ocf",
  "patients.history": "ocf",
  "patients.portalLink": "oc",
  "patients.create": "ocf",
  "patients.update": "ocf",
  "scheduling.calendar": "ocf",
  "scheduling.forPatient": "ocf",
  "scheduling.availability": "ocf",
  "scheduling.book": "ocf",
  "scheduling.bookRecurring": "ocf",
  "scheduling.reschedule": "ocf",
  "scheduling.cancel": "ocf",
  "scheduling.setStatus": "ocf",
  "scheduling.setup": "ocf",
  "scheduling.createType": "o",
  "scheduling.updateType": "o",
  "scheduling.updateRules": "o",
  "scheduling.setClinicianHours": "o",
  "scheduling.addClosure": "o",
  "scheduling.removeClosure": "o",
  "scheduling.addTimeOff": "oc",
  "scheduling.removeTimeOff": "oc",
  "messages.forAppointment": "ocf",
  "messages.log": "o",
  "messages.settings": "o",
  "messages.updateSettings": "o",
  "exercises.search": "ocf",
  "exercises.facets": "ocf",
  "exercises.get": "ocf",
  "exercises.create": "oc",
  "exercises.update": "oc",
  "exercises.setHidden": "o",
  "programs.templates": "oc",
  "programs.forPatient": "oc",
  "programs.get": "oc",
  "programs.getVersion": "oc",
  "programs.adherence": "oc",
  "programs.save": "oc",
  "programs.assign": "oc",
  "programs.archive": "oc",
  "programs.advancePhase": "oc",
  "programs.saveAsTemplate": "oc",
  "consent.settings": "o",
  "consent.updateSettings": "o",
  "consent.publishPolicyVersion": "o",
  "consent.log": "o",
  "outcomes.instruments": "oc",
  "outcomes.setInstrumentEnabled": "o",
  "outcomes.setReviewWeeks": "o",
  "outcomes.forPatient": "oc",
  "outcomes.startEpisode": "oc",
  "outcomes.setSchedules": "oc",
  "outcomes.discharge": "oc",
  "outcomes.sendNow": "oc",
  "outcomes.inClinic": "oc",
  "outcomes.submitInClinic": "oc",
  "outcomes.needsAttention": "oc",
  "outcomes.clinicSummary": "o",
  "kiosk.start": "oc",
  "kiosk.leave": "ocf",
  "kiosk.endSession": "ocf",
  "patients.possibleMatches": "ocf",
  "patients.keepSelfBooked": "ocf",
  "patients.mergeSelfBooked": "ocf",
  "audit.list": "o",
  "audit.patientAccess": "o",
  "billing.summary": "o",
  "billing.banner": "ocf",
  "billing.checkout": "o",
  "billing.portal": "o",
  "paymentAccount.settings": "o",
  "paymentAccount.connect": "o",
  "paymentAccount.refresh": "o",
  "paymentAccount.disconnect": "o",
  "dashboard.overview": "oc",
  "dashboard.drillDown": "oc",
  "dashboard.updateSettings": "o",
  // after-visit money: everyone sees balances; owners and the front desk move money (never a
  // clinician: payments-after-visit.test.ts); fee policy is the owner's
  "charges.patient": "ocf",
  "charges.feeQuote": "ocf",
  "charges.chargeFee": "of",
  "charges.record": "of",
  "charges.refund": "of",
  "charges.editCharge": "of",
  "charges.sendLink": "of",
  "charges.feePolicy": "ocf",
  "charges.updateFeePolicy": "o",
};

/** Clinical reads and the plan link, refused to the front desk (besides everything owner-only). */
const CLINICAL_ACTIONS = [
  "patients.portalLink",
  "programs.templates",
  "programs.forPatient",
  "programs.get",
  "programs.getVersion",
  "programs.adherence",
  "outcomes.instruments",
  "outcomes.forPatient",
  "outcomes.needsAttention",
  "scheduling.addTimeOff",
  "scheduling.removeTimeOff",
] as const;
type ClinicalAction = (typeof CLINICAL_ACTIONS)[number];

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
    case "team.setTakesAppointments":
      return caller.team.setTakesAppointments({ userId: clinic.owner.id, takesAppointments: true });
    case "team.remove":
      return caller.team.remove({ userId: clinic.owner.id });
    case "scheduling.createType":
      return caller.scheduling.createType({
        name: "Free massage",
        durationMinutes: 30,
        bufferMinutes: 0,
        priceMinor: 0,
        color: "#112233",
        onlineBookable: true,
        active: true,
      });
    case "scheduling.updateType":
      return adminDb()
        .select()
        .from(appointmentTypes)
        .where(eq(appointmentTypes.clinicId, clinic.id))
        .then(([t]) => caller.scheduling.updateType({ ...t!, priceMinor: 0 }));
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
    case "audit.list":
      return caller.audit.list({});
    case "audit.patientAccess":
      return caller.audit.patientAccess({ patientId: clinic.patients[0]!.id });
    case "outcomes.setInstrumentEnabled":
      return caller.outcomes.setInstrumentEnabled({ instrumentKey: "odi", enabled: false });
    case "outcomes.setReviewWeeks":
      return caller.outcomes.setReviewWeeks({ weeks: 2 });
    case "outcomes.clinicSummary":
      return caller.outcomes.clinicSummary();
    case "billing.summary":
      return caller.billing.summary();
    case "billing.checkout":
      return caller.billing.checkout();
    case "billing.portal":
      return caller.billing.portal();
    case "paymentAccount.settings":
      return caller.paymentAccount.settings();
    case "paymentAccount.connect":
      return caller.paymentAccount.connect();
    case "paymentAccount.refresh":
      return caller.paymentAccount.refresh();
    case "paymentAccount.disconnect":
      return caller.paymentAccount.disconnect();
    case "dashboard.updateSettings":
      return caller.dashboard.updateSettings({ lateCancelHours: 2, noShowGoalPercent: 5, referralSources: [] });
    case "charges.updateFeePolicy":
      return caller.charges.updateFeePolicy({ noShowFeeMinor: 5000, lateCancelFeeMinor: null, autoChargeFees: true });
    case "scheduling.addClosure":
      return caller.scheduling.addClosure({ startsAt: inDays(3, 0), endsAt: inDays(3, 8), reason: "Inventory" });
    case "scheduling.removeClosure":
      return adminDb()
        .insert(closures)
        .values({ clinicId: clinic.id, startsAt: inDays(5, 0), endsAt: inDays(5, 8), reason: "Holiday" })
        .returning()
        .then(([row]) => caller.scheduling.removeClosure({ id: row!.id }));
  }
}

const inDays = (days: number, hours: number) => new Date(Date.now() + days * 86_400_000 + hours * 3_600_000);

/** Each clinical action, as the front desk would attempt it. */
function attemptClinical(caller: Caller, action: ClinicalAction): Promise<unknown> {
  const patientId = clinic.patients[0]!.id;
  switch (action) {
    case "patients.portalLink":
      return caller.patients.portalLink({ id: patientId });
    case "programs.templates":
      return caller.programs.templates();
    case "programs.forPatient":
      return caller.programs.forPatient({ patientId });
    case "programs.get":
      return caller.programs.get({ id: crypto.randomUUID() });
    case "programs.getVersion":
      return caller.programs.getVersion({ id: crypto.randomUUID(), version: 1 });
    case "programs.adherence":
      return caller.programs.adherence({ patientId });
    case "outcomes.instruments":
      return caller.outcomes.instruments();
    case "outcomes.forPatient":
      return caller.outcomes.forPatient({ patientId });
    case "outcomes.needsAttention":
      return caller.outcomes.needsAttention({ mine: false });
    case "scheduling.addTimeOff":
      return caller.scheduling.addTimeOff({
        clinicianId: clinic.clinician.id,
        startsAt: inDays(4, 0),
        endsAt: inDays(4, 4),
      });
    case "scheduling.removeTimeOff":
      return adminDb()
        .insert(timeOff)
        .values({ clinicId: clinic.id, clinicianId: clinic.clinician.id, startsAt: inDays(6, 0), endsAt: inDays(6, 4) })
        .returning()
        .then(([row]) => caller.scheduling.removeTimeOff({ id: row!.id }));
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

test("every clinic procedure is in the role matrix, with the roles it declares", () => {
  const letter = { owner: "o", clinician: "c", front_desk: "f" } as const;
  const declared = Object.fromEntries(
    Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: { meta?: Meta } }>)
      .filter(([, p]) => p._def.meta?.scope === "clinic")
      .map(([path, p]) => [path, (p._def.meta?.roles ?? []).map((r) => letter[r]).join("")]),
  );
  expect(declared).toEqual(ROLE_MATRIX);
  for (const action of CLINICAL_ACTIONS) expect(ROLE_MATRIX[action]).toBe("oc");
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
      // removeClosure's attempt inserts the closure it tries to remove: it is still there.
      const expected = action === "scheduling.removeClosure" ? { ...counts, closures: counts.closures + 1 } : counts;
      expect(await rowCounts()).toEqual(expected);
    });
  });

  describe("the front desk", () => {
    test.each(CLINICAL_ACTIONS)("is refused %s with FORBIDDEN, and nothing changes", async (action) => {
      const before = await clinicSnapshot(clinic.id);
      const counts = await rowCounts();
      const error = await refusal(attemptClinical(callerFor(clinic.frontDesk, clinic.slug), action));
      expect(error.code).toBe("FORBIDDEN");
      expect(shownMessage(error)).toBe("Your role in this clinic does not allow that.");
      expect(await clinicSnapshot(clinic.id)).toEqual(before);
      // removeTimeOff's attempt inserts the row it tries to remove: it is still there.
      const expected = action === "scheduling.removeTimeOff" ? { ...counts, time_off: counts.time_off + 1 } : counts;
      expect(await rowCounts()).toEqual(expected);
    });

    test("sees patients' details for scheduling but not their clinical notes", async () => {
      const desk = callerFor(clinic.frontDesk, clinic.slug);
      const patient = clinic.patients[0]!;
      expect(patient.notes).toBe("Referred for knee pain after running.");
      const listed = (await desk.patients.list({})).patients.find((p) => p.id === patient.id)!;
      expect(listed).toMatchObject({ firstName: patient.firstName, email: patient.email, phone: patient.phone });
      expect(listed).not.toHaveProperty("notes");
      const opened = await desk.patients.get({ id: patient.id });
      expect(opened).toMatchObject({ firstName: patient.firstName, dateOfBirth: patient.dateOfBirth });
      expect(opened).not.toHaveProperty("notes");
      expect(await callerFor(clinic.clinician, clinic.slug).patients.get({ id: patient.id })).toMatchObject({
        notes: "Referred for knee pain after running.",
      });
    });

    test("corrects a patient's phone without touching the clinician's notes, and cannot write notes", async () => {
      const desk = callerFor(clinic.frontDesk, clinic.slug);
      const patient = clinic.patients[0]!;
      const { notes: _notes, ...details } = patient;
      const updated = await desk.patients.update({ ...details, phone: "(541) 555-0142" });
      expect(updated).not.toHaveProperty("notes");
      const [stored] = await adminDb().select().from(patients).where(eq(patients.id, patient.id));
      expect(stored).toMatchObject({ phone: "(541) 555-0142", notes: "Referred for knee pain after running." });

      const before = await clinicSnapshot(clinic.id);
      const counts = await rowCounts();
      for (const attempt of [
        () => desk.patients.update({ ...details, notes: "Front desk wrote this" }),
        () => desk.patients.create({ firstName: "Ida", lastName: "Notewriter", notes: "Front desk wrote this" }),
      ]) {
        const error = await refusal(attempt());
        expect(error.code).toBe("FORBIDDEN");
        expect(shownMessage(error)).toBe("Only clinicians and owners can write clinical notes.");
      }
      expect(await clinicSnapshot(clinic.id)).toEqual(before);
      expect(await rowCounts()).toEqual(counts);
    });
  });

  describe("a clinician's time off", () => {
    test("is theirs to record and remove; another clinician's is refused, and nothing changes", async () => {
      const asClinician = callerFor(clinic.clinician, clinic.slug);
      const own = await asClinician.scheduling.addTimeOff({
        clinicianId: clinic.clinician.id,
        startsAt: inDays(2, 0),
        endsAt: inDays(2, 4),
        reason: "Dentist",
      });
      await callerFor(clinic.owner, clinic.slug).team.invite({
        email: "second.clinician@example.com",
        name: "Sol Second",
        role: "clinician",
      });
      const [second] = await adminDb().select().from(users).where(eq(users.email, "second.clinician@example.com"));
      const [theirs] = await adminDb()
        .insert(timeOff)
        .values({ clinicId: clinic.id, clinicianId: second!.id, startsAt: inDays(3, 0), endsAt: inDays(3, 4) })
        .returning();

      const before = await clinicSnapshot(clinic.id);
      const counts = await rowCounts();
      for (const attempt of [
        () =>
          asClinician.scheduling.addTimeOff({ clinicianId: second!.id, startsAt: inDays(4, 0), endsAt: inDays(4, 4) }),
        () => asClinician.scheduling.removeTimeOff({ id: theirs!.id }),
      ]) {
        const error = await refusal(attempt());
        expect(error.code).toBe("FORBIDDEN");
        expect(shownMessage(error)).toBe("You can record and remove only your own time off.");
      }
      expect(await clinicSnapshot(clinic.id)).toEqual(before);
      expect(await rowCounts()).toEqual(counts);

      await asClinician.scheduling.removeTimeOff({ id: own.id });
      await callerFor(clinic.owner, clinic.slug).scheduling.removeTimeOff({ id: theirs!.id });
      expect(await adminDb().select().from(timeOff).where(eq(timeOff.clinicId, clinic.id))).toEqual([]);
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
        // An existing account is invited, not added: put them back directly for the next round.
        if ((await roleOf(other.id)) === null)
          await adminDb().insert(memberships).values({ clinicId: clinic.id, userId: other.id, role: "owner" });
        else await asRemaining.team.changeRole({ userId: other.id, role: "owner" });

        const results = await Promise.allSettled([act(first, second), act(second, first)]);
        expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
        const refusedIndex = results.findIndex((r) => r.status === "rejected");
        const refused = (results[refusedIndex] as PromiseRejectedResult).reason as TRPCError;
        const roles = [await roleOf(first.id), await roleOf(second.id)];
        expect(roles.filter((r) => r === "owner")).toHaveLength(1);
        // The loser is told there must be an owner, or, when the winner's removal committed before the
        // loser's request was let in, no longer sees the clinic at all (and is the one removed).
        if (shownMessage(refused) !== LAST_OWNER) {
          expect(shownMessage(refused)).toBe("Clinic not found.");
          expect(roles[refusedIndex]).toBeNull();
        }
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

    test("inviting someone who already has an account sends an invitation they accept, and reveals nothing about them", async () => {
      const other = await seedClinic();
      const newcomer = await asOwner.team.invite({
        email: "brand.new@example.com",
        name: "Bea New",
        role: "clinician",
      });
      const existing = await asOwner.team.invite({
        email: other.owner.email,
        name: "Whatever Name",
        role: "clinician",
      });
      // The same answer for both: the address and role the owner typed, never the account's name or id.
      expect(newcomer).toEqual({ email: "brand.new@example.com", role: "clinician" });
      expect(existing).toEqual({ email: other.owner.email, role: "clinician" });
      expect(JSON.stringify(existing)).not.toContain(other.owner.name);
      // Not added: a pending invitation, by email.
      expect(await roleOf(other.owner.id)).toBeNull();
      expect((await asOwner.team.list()).map((m) => m.email)).not.toContain(other.owner.email);
      const [mail] = await adminDb()
        .select()
        .from(emailOutbox)
        .where(and(eq(emailOutbox.to, other.owner.email), eq(emailOutbox.template, "team-join")));
      expect(mail).toMatchObject({ subject: `${clinic.owner.name} invited you to join ${clinic.name}` });
      const token = new URL(mail!.text.match(/https?:\/\/\S+\/auth\/join\?\S+/)![0]).searchParams.get("token")!;

      // Accepting the invitation adds them, with the one account they already had.
      const accepted = await anonymousCaller().auth.acceptInvitation({ token });
      expect(accepted.slug).toBe(clinic.slug);
      expect(await roleOf(other.owner.id)).toBe("clinician");
      const accounts = await adminDb().select().from(users).where(eq(users.email, other.owner.email));
      expect(accounts).toHaveLength(1);
      expect((await refusal(anonymousCaller().auth.acceptInvitation({ token }))).code).toBe("UNAUTHORIZED");
    });
  });
});

// The demo clinic's calendar from today to a week ahead, shaped like a real week: each clinician
// has their own rhythm (early or late starts, a lunch gap, a light day), a mix of initial
// evaluations, follow-ups and short follow-ups, new patients beside returning ones (the four
// named patients and courses of care from demo-history.ts), and today's earlier visits already
// attended, one of them a no-show. Wednesday and Thursday afternoons stay free (the browser
// journeys book there). Deterministic; added once: skipped when anything is booked from today on.
import { and, asc, eq, gte, inArray, notInArray, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { appointments, appointmentTypes, memberships, patients, users } from "@/db/schema";
import { addDays, dayKeyOf, localDateTime, wallTimeToUtc } from "@/server/scheduling/zoned-time";

type Kind = "new" | "fu" | "short";
/** A day's plan for one clinician: [start, kind]. Ends by 15:00; `LATE` adds an afternoon on Mon, Tue, Fri. */
const DAYS: [string, Kind][][] = [
  [
    ["08:00", "fu"],
    ["08:45", "short"],
    ["09:30", "new"],
    ["11:00", "fu"],
    ["13:00", "fu"],
    ["14:00", "short"],
  ],
  [
    ["09:00", "new"],
    ["10:30", "fu"],
    ["11:15", "short"],
    ["13:30", "fu"],
    ["14:15", "fu"],
  ],
  [
    ["08:30", "fu"],
    ["10:00", "fu"],
    ["11:30", "new"],
    ["14:00", "short"],
  ],
];
const LATE: [string, Kind][] = [
  ["15:30", "fu"],
  ["16:30", "short"],
];
/** The most visits the demo week gives one clinician on one day (the longest plan and a late afternoon). */
export const DEMO_WEEK_MOST_PER_DAY = Math.max(...DAYS.map((plan) => plan.length)) + LATE.length;
const TYPE_NAMES: Record<Kind, string> = { new: "Initial evaluation", fu: "Follow-up", short: "Short follow-up" };

/** New patients this week: their first visit (an initial evaluation) is still ahead. */
export const DEMO_WEEK_NEW_PATIENTS = [
  { firstName: "Maya", lastName: "Lindqvist", phone: "(541) 555-0311", referralSource: "Doctor referral" },
  { firstName: "Tomás", lastName: "Ortega", phone: "(541) 555-0312", referralSource: "Search engine" },
  { firstName: "Grace", lastName: "Okafor", phone: "(541) 555-0313", referralSource: "Friend or family" },
  { firstName: "Henry", lastName: "Baptiste", phone: "(541) 555-0314", referralSource: "Insurance directory" },
  { firstName: "Lena", lastName: "Fischer", phone: "(541) 555-0315", referralSource: "Social media" },
  { firstName: "Omar", lastName: "Haddad", phone: "(541) 555-0316", referralSource: "Doctor referral" },
];

/** Members who take appointments (owners or clinicians), in a stable order: the demo's columns. */
export function bookableStaff(tx: Tx, clinicId: string) {
  return tx
    .select({ id: memberships.userId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.clinicId, clinicId), eq(memberships.takesAppointments, true)))
    .orderBy(asc(users.email));
}

/** Returning patients: the four named ones (not on today's earlier, attended slots) and ongoing courses. */
async function returningPatients(tx: Tx, clinicId: string, namedEmails: string[]) {
  const named = await tx
    .select({ id: patients.id })
    .from(patients)
    .where(and(eq(patients.clinicId, clinicId), inArray(patients.email, namedEmails)))
    .orderBy(asc(patients.lastName));
  // Courses of care from demo-history.ts still going: three visits or more, none of them dropped out
  // (the named patients' weekly visits there are theirs: they are returning already).
  const withHistory = await tx
    .select({ id: appointments.patientId })
    .from(appointments)
    .where(
      and(
        eq(appointments.clinicId, clinicId),
        notInArray(
          appointments.patientId,
          named.map((p) => p.id),
        ),
      ),
    )
    .groupBy(appointments.patientId)
    .having(sql`count(*) >= 3`)
    .orderBy(sql`max(${appointments.startsAt}) DESC`, asc(appointments.patientId))
    .limit(10);
  return { named, withHistory };
}

export async function seedDemoWeek(
  tx: Tx,
  clinicId: string,
  opts: { timeZone: string; now: Date; namedEmails: string[] },
): Promise<void> {
  const { timeZone, now } = opts;
  const today = localDateTime(now, timeZone).date;
  const todayStart = wallTimeToUtc(today, "00:00", timeZone);
  const [ahead] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(appointments)
    .where(and(eq(appointments.clinicId, clinicId), gte(appointments.startsAt, todayStart)));
  if ((ahead?.n ?? 0) > 0) return;
  const staff = await bookableStaff(tx, clinicId);
  const types = await tx.select().from(appointmentTypes).where(eq(appointmentTypes.clinicId, clinicId));
  const typeOf = (k: Kind) => types.find((t) => t.name === TYPE_NAMES[k]) ?? types[0];
  if (!staff.length || !types.length) return;
  const { named, withHistory } = await returningPatients(tx, clinicId, opts.namedEmails);
  const fresh = await tx
    .insert(patients)
    .values(
      DEMO_WEEK_NEW_PATIENTS.map((p) => ({
        clinicId,
        ...p,
        email: `${p.firstName.toLowerCase().replace(/[^a-z]/g, "")}.${p.lastName.toLowerCase()}@example.com`,
      })),
    )
    .returning({ id: patients.id });

  const rows: (typeof appointments.$inferInsert)[] = [];
  let nextNew = 0;
  let turn = 0;
  let noShowGiven = false;
  for (let d = 0; d <= 7; d++) {
    const date = addDays(today, d);
    const key = dayKeyOf(date);
    if (key === "sat" || key === "sun") continue;
    const usedToday = new Set<string>();
    staff.forEach((member, s) => {
      const plan = [...DAYS[(d + s) % DAYS.length]!, ...(["mon", "tue", "fri"].includes(key) && s === 0 ? LATE : [])];
      for (const [time, wanted] of plan) {
        const startsAt = wallTimeToUtc(date, time, timeZone);
        const past = startsAt < now;
        // Today's earlier visits go to patients already in care (a first visit today would make them "new" on the dashboard).
        const kind: Kind = past && wanted === "new" ? "fu" : wanted;
        const pool = past ? withHistory : [...named, ...withHistory];
        let patientId: string | undefined;
        const isNew = kind === "new" && nextNew < fresh.length;
        if (isNew) patientId = fresh[nextNew++]!.id;
        for (let tries = 0; !patientId && tries < pool.length; tries++) {
          const candidate = pool[turn++ % pool.length]!.id;
          if (!usedToday.has(candidate)) patientId = candidate;
        }
        if (!patientId) continue;
        usedToday.add(patientId);
        // Once the new patients are placed, a "new" slot is a returning patient's follow-up.
        const type = typeOf(kind === "new" && !isNew ? "fu" : kind)!;
        const endsAt = new Date(startsAt.getTime() + type.durationMinutes * 60_000);
        const noShow = past && !noShowGiven && s === staff.length - 1;
        if (noShow) noShowGiven = true;
        rows.push({
          clinicId,
          clinicianId: member.id,
          patientId,
          typeId: type.id,
          startsAt,
          endsAt,
          blockedUntil: new Date(endsAt.getTime() + type.bufferMinutes * 60_000),
          status: noShow ? "no_show" : endsAt <= now ? "completed" : past ? "checked_in" : "booked",
          source: isNew && nextNew % 2 === 0 ? "online" : "front_desk",
        });
      }
    });
  }
  if (rows.length) await tx.insert(appointments).values(rows).onConflictDoNothing();
}

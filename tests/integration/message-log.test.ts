// The owner's message log opens on what needs an eye today: today's messages and overdue ones
// first, then what is coming (soonest first), then the history (newest first). An episode's
// questionnaire emails scheduled a year ahead no longer bury today's (issue 15, item 12).
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { messages } from "@/db/schema";
import { localDateTime, wallTimeToUtc, addDays } from "@/server/scheduling/zoned-time";
import { callerFor } from "../fixtures/callers";
import { seedClinic, type SeededClinic } from "../fixtures/clinic";
import { adminDb } from "../fixtures/db";
import { at, bookFollowUp, futureDate, messagesOf } from "./messages-fixtures";

const DAY = 86_400_000;
let c: SeededClinic;

beforeAll(async () => {
  c = await seedClinic();
});

describe("the owner's message log", () => {
  test("opens on today and overdue, then upcoming soonest first, then earlier; a year of questionnaires stays in upcoming", async () => {
    const owner = callerFor(c.owner, c.slug);
    // An episode with a questionnaire every 2 weeks for a year: ~26 emails, the last a year out.
    const patient = c.patients[1]!;
    await callerFor(c.clinician, c.slug).outcomes.startEpisode({
      patientId: patient.id,
      title: "Knee",
      clinicianId: c.clinician.id,
      schedules: [{ instrumentKey: "nprs", atIntake: true, everyWeeks: 2, everyVisits: null, atDischarge: false }],
    });
    // Booked today: its confirmation is due now.
    const appt = await bookFollowUp(c, at(c, futureDate(2), "10:00"));
    const confirmation = (await messagesOf(c.id, appt.id)).find((m) => m.kind === "confirmation")!;
    // A reminder that should have gone out two days ago and is still pending: overdue.
    const reminder = (await messagesOf(c.id, appt.id)).find((m) => m.kind === "reminder_24h")!;
    await adminDb()
      .update(messages)
      .set({ dueAt: new Date(Date.now() - 2 * DAY) })
      .where(and(eq(messages.clinicId, c.id), eq(messages.id, reminder.id)));
    // One sent three days ago: history.
    const sent = (await messagesOf(c.id, appt.id)).find((m) => m.kind === "reminder_2h")!;
    await adminDb()
      .update(messages)
      .set({ dueAt: new Date(Date.now() - 3 * DAY), state: "sent", sentAt: new Date(Date.now() - 3 * DAY) })
      .where(and(eq(messages.clinicId, c.id), eq(messages.id, sent.id)));

    const today = localDateTime(new Date(), c.timeZone).date;
    const startOfToday = wallTimeToUtc(today, "00:00", c.timeZone);
    const startOfTomorrow = wallTimeToUtc(addDays(today, 1), "00:00", c.timeZone);

    const now = await owner.messages.log({ section: "now" });
    expect(now.items[0]!.id).toBe(reminder.id); // the overdue one first
    expect(now.items.map((m) => m.id)).toContain(confirmation.id);
    expect(now.items.map((m) => m.id)).not.toContain(sent.id);
    expect(now.items.every((m) => m.dueAt < startOfTomorrow)).toBe(true);
    expect(now.items.filter((m) => m.dueAt < startOfToday).every((m) => m.state === "pending")).toBe(true);

    const upcoming = await owner.messages.log({ section: "upcoming", limit: 200 });
    const due = upcoming.items.map((m) => m.dueAt.getTime());
    expect(due).toEqual([...due].sort((x, y) => x - y));
    expect(upcoming.items.every((m) => m.dueAt >= startOfTomorrow)).toBe(true);
    const questionnaires = upcoming.items.filter((m) => m.kind === "questionnaire");
    expect(questionnaires.length).toBeGreaterThanOrEqual(24);
    expect(questionnaires.at(-1)!.dueAt.getTime()).toBeGreaterThan(Date.now() + 300 * DAY);

    // Paging upcoming a few at a time gives the same list in the same order.
    const paged: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await owner.messages.log({ section: "upcoming", limit: 7, cursor });
      paged.push(...page.items.map((m) => m.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(paged).toEqual(upcoming.items.map((m) => m.id));

    const earlier = await owner.messages.log({ section: "earlier" });
    expect(earlier.items.map((m) => m.id)).toEqual([sent.id]);

    // Every message is in exactly one part.
    const all = await owner.messages.log({ limit: 200 });
    expect(now.items.length + upcoming.items.length + earlier.items.length).toBe(all.items.length);
  });
});

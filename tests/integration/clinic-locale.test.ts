// A clinic's times follow its locale: a London clinic gets 24-hour times in its emails and booking
// pages, derived at sign-up from its zone and editable in Settings (issue 15, item 13).
import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { appDb } from "@/db/client";
import { clinics } from "@/db/schema";
import { createClinicWithOwner } from "@/server/clinic/create-clinic";
import { createClinicSchema } from "@/server/clinic/schemas";
import { callerFor, refusal } from "../fixtures/callers";
import { seedClinic } from "../fixtures/clinic";
import { adminDb } from "../fixtures/db";
import { at, bookFollowUp, deliverDue, futureDate, messagesOf, outboxOf } from "./messages-fixtures";

const localeOf = async (id: string) =>
  (await adminDb().select({ locale: clinics.locale }).from(clinics).where(eq(clinics.id, id)))[0]!.locale;

describe("the clinic's locale", () => {
  test("sign-up derives it from the zone: London writes 24-hour times, Los Angeles 12-hour", async () => {
    const signUp = (slug: string, timeZone: string) =>
      createClinicWithOwner(
        appDb(),
        createClinicSchema.parse({
          clinicName: `Locale ${slug}`,
          slug,
          timeZone,
          ownerName: "Olive Owner",
          email: `owner@${slug}.example`,
          password: "a long enough password",
        }),
      );
    expect(await localeOf((await signUp("locale-london", "Europe/London")).clinicId)).toBe("en-GB");
    expect(await localeOf((await signUp("locale-la", "America/Los_Angeles")).clinicId)).toBe("en-US");
    expect(await localeOf((await signUp("locale-utc", "UTC")).clinicId)).toBe("en-GB");
  });

  test("a London clinic's reminder emails name the time on a 24-hour clock; the owner can change it back", async () => {
    const c = await seedClinic();
    const owner = callerFor(c.owner, c.slug);
    await owner.clinic.updateProfile({ name: c.name, timeZone: "Europe/London", locale: "en-GB" });
    expect((await owner.clinic.get()).locale).toBe("en-GB");

    const date = futureDate(3);
    const startsAt = at({ ...c, timeZone: "Europe/London" }, date, "14:30");
    const appt = await bookFollowUp(c, startsAt);
    const confirmation = (await messagesOf(c.id, appt.id)).find((m) => m.kind === "confirmation")!;
    expect((await deliverDue(new Date()))[confirmation.key]).toBe("sent");
    const email = (await outboxOf(c.id)).find((e) => e.idempotencyKey === `msg:${c.id}:${confirmation.key}`)!;
    expect(email.subject).toMatch(/, 14:30 (GMT|BST)/);
    expect(email.text).not.toMatch(/2:30 PM/);

    // Editable: back to a 12-hour clock, and only a known locale is accepted.
    await owner.clinic.updateProfile({ name: c.name, timeZone: "Europe/London", locale: "en-US" });
    expect(await localeOf(c.id)).toBe("en-US");
    const bad = await refusal(
      owner.clinic.updateProfile({ name: c.name, timeZone: "Europe/London", locale: "xx-YY" as "en-US" }),
    );
    expect(bad.code).toBe("BAD_REQUEST");
    // Leaving it out keeps it.
    await owner.clinic.updateProfile({ name: c.name, timeZone: "Europe/London" });
    expect(await localeOf(c.id)).toBe("en-US");
  });
});

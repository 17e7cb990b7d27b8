// The plan email says a dosage exactly as the app does (server/programs/dosage-words.ts vs
// app/_components/exercises/dosage.ts), for every side, hold and schedule.
import fc from "fast-check";
import { expect, test } from "vitest";
import { dosageText } from "@/app/_components/exercises/dosage";
import { dosageInWords } from "@/server/programs/dosage-words";

test("the email's words are the app's, with a comma for the app's middle dot", () => {
  expect(dosageInWords({ sets: 3, reps: 10, holdSeconds: null, side: "both", timesPerDay: 1, daysPerWeek: 5 })).toBe(
    "3 sets × 10 reps, each side, once a day, 5 days a week",
  );
  fc.assert(
    fc.property(
      fc.record({
        sets: fc.integer({ min: 1, max: 20 }),
        reps: fc.option(fc.integer({ min: 1, max: 300 })),
        holdSeconds: fc.option(fc.integer({ min: 0, max: 600 })),
        side: fc.constantFrom("both" as const, "left" as const, "right" as const, "alternating" as const, "none" as const),
        timesPerDay: fc.integer({ min: 1, max: 5 }),
        daysPerWeek: fc.integer({ min: 1, max: 7 }),
      }),
      (d) => {
        expect(dosageInWords(d)).toBe(dosageText(d).replace(" · ", ", "));
      },
    ),
  );
});

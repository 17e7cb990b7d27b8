import superjson from "superjson";
import { describe, expect, test } from "vitest";
import { apiTransformer, plainJson } from "@/server/plain-json";

// What the browser's client does with an answer: JSON over the wire, then superjson.deserialize.
const overTheWire = (answer: unknown) =>
  superjson.deserialize(JSON.parse(JSON.stringify(apiTransformer.output.serialize(answer))));

describe("the API's transformer", () => {
  test("an answer marked plain JSON arrives as it was sent", () => {
    const runs = [
      {
        clinicianId: "c1",
        name: "Dr Ada",
        stepMinutes: 15,
        runs: [
          [1_765_000_000_000, 4],
          [1_765_000_900_000, 1],
        ],
      },
    ];
    expect(overTheWire(plainJson(runs))).toEqual(runs);
    expect(apiTransformer.output.serialize(plainJson([1, 2]))).toEqual({ json: [1, 2] });
  });

  test("any other answer still goes through superjson: its Dates arrive as Dates", () => {
    const answer = { startsAt: new Date("2026-12-07T09:00:00Z"), ids: new Set(["a"]) };
    const received = overTheWire(answer) as typeof answer;
    expect(received.startsAt).toBeInstanceOf(Date);
    expect(received.startsAt.toISOString()).toBe("2026-12-07T09:00:00.000Z");
    expect(received.ids).toEqual(new Set(["a"]));
    expect(overTheWire("plain text")).toBe("plain text");
    expect(overTheWire(null)).toBeNull();
  });
});

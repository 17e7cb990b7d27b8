// The API's transformer: superjson both ways (Dates and the like arrive as themselves), except for
// answers a procedure marks as plain JSON already (numbers, strings, booleans, null, arrays and plain
// objects of those: no Date, Map, undefined or bigint). Those skip superjson's walk of every value and
// go out in superjson's own format with no meta, which superjson.deserialize on the client reads as it
// is. For big answers made of numbers, such as free times' runs (hundreds of [start, count] pairs),
// the walk cost more than the rest of the request.
import superjson from "superjson";

const plain = new WeakSet<object>();

/** Marks an answer as plain JSON (see above): it is sent as it is. */
export function plainJson<T extends object>(value: T): T {
  plain.add(value);
  return value;
}

export const apiTransformer = {
  input: superjson,
  output: {
    serialize: (value: unknown) =>
      typeof value === "object" && value !== null && plain.has(value) ? { json: value } : superjson.serialize(value),
    deserialize: (value: Parameters<typeof superjson.deserialize>[0]) => superjson.deserialize(value),
  },
};

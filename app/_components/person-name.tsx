// A person's name as staff see it: stripped of characters that hide or reorder text (names stored
// before input was checked may hold them) and isolated with <bdi>, so a right-to-left name cannot
// flip the text beside it.
import { displayName } from "@/server/validation";

export function PersonName({
  first,
  last,
  order = "first-last",
}: {
  first: string;
  last: string;
  order?: "first-last" | "last-first";
}) {
  return order === "last-first" ? (
    <>
      <bdi>{displayName(last)}</bdi>, <bdi>{displayName(first)}</bdi>
    </>
  ) : (
    <>
      <bdi>{displayName(first)}</bdi> <bdi>{displayName(last)}</bdi>
    </>
  );
}

// A signed link token taken from the address (/p/<token>, /q/<token>, manage and unsubscribe links):
// decoded once, failing closed. Broken percent-encoding is a link that does not exist (404), not a 500.
import { notFound } from "next/navigation";

/** The decoded segment, or null when its percent-encoding is broken. */
export function decodePathSegment(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

/** For pages: the decoded token, or the not-found page. */
export function pathToken(raw: string): string {
  const token = decodePathSegment(raw);
  if (token === null) notFound();
  return token;
}

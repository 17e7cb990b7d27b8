// Times follow the clinic's locale: 24-hour for a London clinic, 12-hour for an American one,
// always in the clinic's zone; the sign-up zone is the browser's, named "UTC" for UTC (issue 15,
// item 13).
import { describe, expect, it } from "vitest";
import { browserTimeZone, timeZoneOptions } from "@/app/_components/time-zones";
import {
  emailWhen,
  formatClock,
  formatInZone,
  formatTime,
  formatWhen,
  localeForZone,
  usesHour12,
} from "@/server/scheduling/format";

// 2026-03-03 19:05 UTC: 19:05 in London (GMT), 11:05 in Los Angeles (PST).
const evening = new Date("2026-03-03T19:05:00Z");

describe("the clinic's locale", () => {
  it("is derived from the time zone: Europe/London → en-GB, America/* → en-US", () => {
    expect(localeForZone("Europe/London")).toBe("en-GB");
    expect(localeForZone("America/Los_Angeles")).toBe("en-US");
    expect(localeForZone("America/Denver")).toBe("en-US");
    expect(localeForZone("America/Toronto")).toBe("en-CA");
    expect(localeForZone("Europe/Dublin")).toBe("en-IE");
    expect(localeForZone("Australia/Sydney")).toBe("en-AU");
    expect(localeForZone("UTC")).toBe("en-GB");
    expect(usesHour12("en-GB")).toBe(false);
    expect(usesHour12("en-US")).toBe(true);
  });

  it("a London clinic reads 24-hour times, an American one 12-hour", () => {
    expect(formatTime(evening, "Europe/London", "en-GB")).toBe("19:05");
    expect(formatTime(evening, "America/Los_Angeles", "en-US")).toBe("11:05 AM");
    expect(formatClock(9 * 60, "en-GB")).toBe("09:00");
    expect(formatClock(0, "en-US")).toBe("12:00 AM");
    expect(formatClock(13 * 60 + 30, "en-GB")).toBe("13:30");
    expect(formatWhen(evening, "Europe/London", "en-GB")).toBe("Tue 3 Mar, 19:05");
    expect(formatWhen(evening, "Europe/London", "en-GB", { year: true })).toBe("Tue 3 Mar 2026, 19:05");
    expect(formatWhen(evening, "America/Los_Angeles", "en-US", { year: true })).toBe("Tue, Mar 3, 2026, 11:05 AM");
  });

  it("emails and booking pages name the time the clinic's way", () => {
    expect(emailWhen(evening, "Europe/London", "en-GB")).toBe("Tue 3 Mar, 19:05 GMT");
    expect(emailWhen(evening, "America/Los_Angeles", "en-US")).toBe("Tue 3 Mar, 11:05 AM PST");
    expect(formatInZone(evening, "Europe/London", "en-GB")).toBe("Tuesday 3 March 2026 at 19:05 (Greenwich Mean Time)");
    expect(formatInZone(evening, "America/Los_Angeles", "en-US")).toBe(
      "Tuesday, March 3, 2026 at 11:05 AM (Pacific Standard Time)",
    );
  });

  it("the clinic's zone decides the day, not the server's", () => {
    // 23:30 in Los Angeles on the 3rd is the 4th in London.
    const late = new Date("2026-03-04T07:30:00Z");
    expect(formatWhen(late, "America/Los_Angeles", "en-US", { dateOnly: true })).toBe("Tue, Mar 3");
    expect(formatWhen(late, "Europe/London", "en-GB", { dateOnly: true })).toBe("Wed 4 Mar");
  });
});

describe("the sign-up zone", () => {
  it("is the browser's own, and UTC is offered and named UTC (not the list's first, Africa/Abidjan)", () => {
    expect(browserTimeZone("UTC")).toBe("UTC");
    expect(browserTimeZone("Etc/UTC")).toBe("UTC");
    expect(browserTimeZone("Europe/London")).toBe("Europe/London");
    expect(browserTimeZone(undefined)).toBe("America/Los_Angeles");
    const zones = timeZoneOptions([browserTimeZone("Etc/UTC")]);
    expect(zones).toContain("UTC");
    expect(zones).toContain("Europe/London");
    expect(new Set(zones).size).toBe(zones.length);
    // A zone the runtime does not list (an alias) is still offered when it is the one to show.
    expect(timeZoneOptions(["Asia/Calcutta"])).toContain("Asia/Calcutta");
  });
});

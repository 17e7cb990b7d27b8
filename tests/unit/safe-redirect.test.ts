// The redirect catalogue: every way a callbackUrl / next parameter has been used to leave a site is
// refused (answers the fallback); local paths come back as they were asked for.
import { describe, expect, test } from "vitest";
import { DEFAULT_REDIRECT, safeRedirect } from "@/server/auth/safe-redirect";

const STAFF = "http://localhost:3000";

describe("safeRedirect", () => {
  test.each([
    ["protocol-relative", "//evil.example"],
    ["protocol-relative with a path", "//evil.example/c/demo"],
    ["a backslash read as a slash", "/\\evil.example"],
    ["two backslashes", "\\\\evil.example"],
    ["an encoded backslash", "/%5Cevil.example"],
    ["a tab the parser drops", "/\t/evil.example"],
    ["a newline the parser drops", "/\n/evil.example"],
    ["a backslash-t", "/\\t/evil.example"],
    ["another origin", "https://evil.example"],
    ["another origin with a staff-looking path", "https://evil.example/c/demo/calendar"],
    ["the staff host as a username", "http://localhost:3000@evil.example/"],
    ["a look-alike host", "http://localhost:3000.evil.example/"],
    ["javascript:", "javascript:alert(1)"],
    ["JavaScript: in capitals", "JavaScript:alert(document.cookie)"],
    ["data:", "data:text/html,<script>alert(1)</script>"],
    ["encoded slashes", "%2F%2Fevil.example"],
    ["encoded slashes after one slash", "/%2F%2Fevil.example"],
    ["dot segments that end in //", "/c/..//evil.example"],
    ["encoded dot segments", "/c/%2e%2e//evil.example"],
    ["a bare relative path", "evil.example"],
    ["a malformed escape", "/c/%E0%A4%A"],
    ["nothing", ""],
  ])("refuses %s", (_why, target) => {
    expect(safeRedirect(target, { origin: STAFF })).toBe(DEFAULT_REDIRECT);
    expect(safeRedirect(target), "the same answer without knowing the origin (client code)").toBe(DEFAULT_REDIRECT);
  });

  test("refuses what is not a string", () => {
    for (const target of [undefined, null, 42, ["/c/demo"], { href: "/c/demo" }]) {
      expect(safeRedirect(target)).toBe(DEFAULT_REDIRECT);
    }
  });

  test.each([
    ["/c/demo/calendar?x=1", "/c/demo/calendar?x=1"],
    ["/c/demo/patients/123#notes", "/c/demo/patients/123#notes"],
    ["/clinics", "/clinics"],
    ["/", "/"],
    ["/c/demo/../other", "/c/other"],
    ["/signin?ended=idle", "/signin?ended=idle"],
  ])("keeps the local path %s", (target, expected) => {
    expect(safeRedirect(target, { origin: STAFF })).toBe(expected);
    expect(safeRedirect(target)).toBe(expected);
  });

  test("accepts an absolute URL on the staff origin (next-auth's callback gets those) as its path", () => {
    expect(safeRedirect("http://localhost:3000/c/demo/calendar?x=1", { origin: STAFF })).toBe("/c/demo/calendar?x=1");
    expect(safeRedirect("http://localhost:3000", { origin: STAFF })).toBe("/");
    expect(safeRedirect("http://localhost:3001/c/demo", { origin: STAFF }), "another port").toBe(DEFAULT_REDIRECT);
    expect(safeRedirect("https://localhost:3000/c/demo", { origin: STAFF }), "another scheme").toBe(DEFAULT_REDIRECT);
    expect(safeRedirect("http://localhost:3000/c/demo"), "no origin given: absolute URLs are refused").toBe(
      DEFAULT_REDIRECT,
    );
  });

  test("a caller may choose the fallback", () => {
    expect(safeRedirect("//evil.example", { fallback: "/clinics" })).toBe("/clinics");
  });
});

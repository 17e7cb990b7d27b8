// The two origins: which paths belong where, what proxy.ts does with a request on each host, when an
// API request may act for staff, and which cookies never reach the app on the public origin.
import { describe, expect, it } from "vitest";
import { decideOrigin, pathArea, requestOrigin, withoutStaffCookies, type OriginConfig } from "@/server/origins";
import { declaredTagSources, tagPagePolicy } from "@/server/consent/tag-policy";
import { consentTagSchema } from "@/server/consent/schemas";

const origins: OriginConfig = { staff: "http://localhost:3000", public: "http://127.0.0.1:3000" };
const on = (host: string, pathname: string, search = "") => decideOrigin({ host, pathname, search }, origins);

describe("which origin a path belongs to", () => {
  it.each([
    ["/c/physiofit-bend", "staff"],
    ["/c/physiofit-bend/settings/privacy/export", "staff"],
    ["/signin", "staff"],
    ["/signup", "staff"],
    ["/auth/magic", "staff"],
    ["/clinics", "staff"],
    ["/dev/outbox", "staff"],
    ["/api/auth/session", "staff"],
    ["/api/dev/clock", "staff"],
    ["/%63/physiofit-bend", "staff"],
    ["//c/physiofit-bend", "staff"],
    ["/book/physiofit-bend", "public"],
    ["/book/physiofit-bend/manage/abc", "public"],
    ["/p/token", "public"],
    ["/q/token", "public"],
    ["/unsubscribe/token", "public"],
    ["/cookies/physiofit-bend", "public"],
    ["/", "shared"],
    ["/cookies", "shared"],
    ["/api/trpc/me.clinics", "shared"],
    ["/api/consent", "shared"],
    ["/api/unsubscribe/token", "shared"],
    ["/api/health", "shared"],
    ["/_next/static/chunk.js", "shared"],
    ["/clinicsx", "shared"],
    ["/books", "shared"],
  ])("%s → %s", (path, area) => {
    expect(pathArea(path)).toBe(area);
  });
});

describe("proxy.ts's decision by Host", () => {
  it("sends staff pages opened on the public origin to the staff origin, and refuses staff APIs there", () => {
    expect(on("127.0.0.1:3000", "/c/physiofit-bend/patients", "?q=a")).toEqual({
      action: "redirect",
      location: "http://localhost:3000/c/physiofit-bend/patients?q=a",
    });
    expect(on("127.0.0.1:3000", "/signin")).toEqual({ action: "redirect", location: "http://localhost:3000/signin" });
    expect(on("127.0.0.1:3000", "/api/auth/session")).toEqual({ action: "not-found" });
    expect(on("127.0.0.1:3000", "/api/dev/clock")).toEqual({ action: "not-found" });
  });

  it("sends patients' and visitors' pages opened on the staff origin to the public origin", () => {
    expect(on("localhost:3000", "/book/physiofit-bend/manage/tok")).toEqual({
      action: "redirect",
      location: "http://127.0.0.1:3000/book/physiofit-bend/manage/tok",
    });
    expect(on("localhost:3000", "/p/tok")).toEqual({ action: "redirect", location: "http://127.0.0.1:3000/p/tok" });
    expect(on("localhost:3000", "/cookies/physiofit-bend")).toMatchObject({ action: "redirect" });
  });

  it("never turns a path into another host", () => {
    expect(on("localhost:3000", "//book/x")).toEqual({ action: "redirect", location: "http://127.0.0.1:3000//book/x" });
    expect(on("localhost:3000", "//evil.example/x")).toEqual({ action: "pass", origin: "staff" });
  });

  it("passes each origin's own pages and the shared ones", () => {
    expect(on("localhost:3000", "/c/physiofit-bend")).toEqual({ action: "pass", origin: "staff" });
    expect(on("127.0.0.1:3000", "/book/physiofit-bend")).toEqual({ action: "pass", origin: "public" });
    expect(on("127.0.0.1:3000", "/api/trpc/booking.clinic")).toEqual({ action: "pass", origin: "public" });
    expect(on("LOCALHOST:3000", "/api/trpc/me.clinics")).toEqual({ action: "pass", origin: "staff" });
  });

  it("treats any host but the staff one as public (another port, an IP, no Host at all)", () => {
    expect(on("localhost:3001", "/c/x")).toMatchObject({ action: "redirect" });
    expect(on("10.0.0.5:3000", "/signin")).toMatchObject({ action: "redirect" });
    expect(decideOrigin({ host: null, pathname: "/c/x", search: "" }, origins)).toMatchObject({ action: "redirect" });
  });
});

describe("the origin an API request acts for", () => {
  const api = (host: string, origin: string | null, fetchSite: string | null = null) =>
    requestOrigin({ host, origin, fetchSite }, origins);

  it("is staff for the staff origin's own pages", () => {
    expect(api("localhost:3000", null, "same-origin")).toBe("staff");
    expect(api("localhost:3000", "http://localhost:3000", "same-origin")).toBe("staff");
    expect(api("localhost:3000", null)).toBe("staff");
  });

  it("is never staff for a script on the public origin or another site, cookie or not", () => {
    expect(api("localhost:3000", "http://127.0.0.1:3000", "cross-site")).toBe("foreign");
    expect(api("localhost:3000", "http://127.0.0.1:3000")).toBe("foreign");
    expect(api("localhost:3000", "https://evil.example")).toBe("foreign");
    expect(api("localhost:3000", "null")).toBe("foreign");
    expect(api("localhost:3000", null, "same-site")).toBe("foreign");
    expect(api("127.0.0.1:3000", "http://127.0.0.1:3000", "same-origin")).toBe("public");
    expect(api("127.0.0.1:3000", "http://localhost:3000")).toBe("foreign");
  });
});

describe("cookies on the public origin", () => {
  it("drops every next-auth cookie and keeps the rest", () => {
    expect(
      withoutStaffCookies(
        "next-auth.session-token=abc; jc_consent=1; __Secure-next-auth.session-token.0=x; __Host-next-auth.csrf-token=y",
      ),
    ).toBe("jc_consent=1");
    expect(withoutStaffCookies("next-auth.session-token=abc")).toBeNull();
    expect(withoutStaffCookies(null)).toBeNull();
  });
});

describe("the booking page's tag policy", () => {
  it("lists the hosts of the tags' script addresses and the hosts their owner declared, and nothing else", () => {
    const tags = {
      analytics: consentTagSchema.parse({ provider: "Plausible", scriptUrl: "https://plausible.io/js/script.js" }),
      marketing: consentTagSchema.parse({
        provider: "Ads",
        inlineScript: "1",
        hosts: ["https://px.ads.example/", "*.cdn.example"],
      }),
    };
    const sources = declaredTagSources(tags);
    expect(sources).toEqual(["https://*.cdn.example", "https://plausible.io", "https://px.ads.example"]);
    const policy = tagPagePolicy(sources, { nonce: "n0nce", dev: false });
    expect(policy).toContain("connect-src 'self' https://*.cdn.example https://plausible.io https://px.ads.example;");
    expect(policy).toContain("script-src 'self' 'nonce-n0nce' https://*.cdn.example");
    expect(policy).not.toMatch(/https:(\s|;|$)/);
    expect(tagPagePolicy([], { nonce: null, dev: false })).toContain("connect-src 'self';");
  });

  it("refuses hosts that are not plain https hosts", () => {
    for (const host of [
      "http://x.example",
      "x.example/path",
      "*",
      "https:",
      "localhost",
      "a b.example",
      "x.*.example",
    ]) {
      expect(
        consentTagSchema.safeParse({ provider: "P", inlineScript: "1", hosts: [host] }).success,
        `${host} should be refused`,
      ).toBe(false);
    }
  });
});

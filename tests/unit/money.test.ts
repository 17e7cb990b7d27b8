// Money is shown in the clinic's currency and locale, never a hard-coded "$".
import { describe, expect, test } from "vitest";
import { currencyForZone, formatMoney, formatMoneyShort, localeFor, toMajor, toMinor } from "@/app/_lib/money";

describe("formatMoney", () => {
  test("a London clinic's price is in pounds, a Paris clinic's in euros, a Tokyo clinic's in whole yen", () => {
    expect(formatMoney(4500, "GBP", "en-GB")).toBe("£45.00");
    expect(formatMoney(4550, "EUR", "fr-FR")).toMatch(/^45,50\s€$/);
    expect(formatMoney(4500, "JPY", "ja-JP")).toMatch(/4,500$/);
    expect(formatMoney(12000, "USD", "en-US")).toBe("$120.00");
  });

  test("a chart's axis writes amounts short, in major units: a week of $2,310.00 is $2.3K, not 231000", () => {
    expect(formatMoneyShort(231000, "USD", "en-US")).toBe("$2.3K");
    expect(formatMoneyShort(15000, "GBP", "en-GB")).toBe("£150");
    expect(formatMoneyShort(450000, "JPY", "ja-JP")).toMatch(/45万/);
  });

  test("form amounts go to minor units and back in the currency's own digits", () => {
    expect(toMinor("45.50", "GBP")).toBe(4550);
    expect(toMinor("45,5", "EUR")).toBe(4550);
    expect(toMinor("4500", "JPY")).toBe(4500);
    expect(toMajor(4550, "GBP")).toBe(45.5);
  });
});

describe("a clinic's currency and locale", () => {
  test("come from its zone when nothing else is set", () => {
    expect(currencyForZone("Europe/London")).toBe("GBP");
    expect(currencyForZone("Europe/Berlin")).toBe("EUR");
    expect(currencyForZone("America/Toronto")).toBe("CAD");
    expect(currencyForZone("America/Chicago")).toBe("USD");
    expect(currencyForZone("Australia/Sydney")).toBe("AUD");
    expect(localeFor({ currency: "GBP" })).toBe("en-GB");
    expect(localeFor({ currency: "EUR", locale: "de-DE" })).toBe("de-DE");
  });
});

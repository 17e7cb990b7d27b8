// Money, the one place: amounts are integers in a currency's minor units (pence, cents; yen have
// none), shown with Intl in the clinic's locale. Used by pages, emails and the server alike.

/** Currencies a clinic may use (ISO 4217), the first for zones we do not map. */
export const CURRENCIES = [
  "USD",
  "GBP",
  "EUR",
  "CAD",
  "AUD",
  "NZD",
  "CHF",
  "SEK",
  "NOK",
  "DKK",
  "PLN",
  "MXN",
  "JPY",
  "SGD",
] as const;
export type Currency = (typeof CURRENCIES)[number];

const EURO_ZONES = new Set(
  [
    "Dublin",
    "Paris",
    "Berlin",
    "Madrid",
    "Rome",
    "Amsterdam",
    "Brussels",
    "Vienna",
    "Lisbon",
    "Helsinki",
    "Athens",
    "Luxembourg",
    "Monaco",
    "Malta",
    "Bratislava",
    "Ljubljana",
    "Tallinn",
    "Riga",
    "Vilnius",
    "Zagreb",
    "Nicosia",
  ]
    .map((city) => `Europe/${city}`)
    .concat(["Asia/Nicosia", "Atlantic/Canary", "Atlantic/Madeira", "Atlantic/Azores"]),
);
const GBP_ZONES = new Set([
  "Europe/London",
  "Europe/Belfast",
  "Europe/Guernsey",
  "Europe/Jersey",
  "Europe/Isle_of_Man",
]);
const CAD_ZONES = new Set(
  ["Toronto", "Vancouver", "Edmonton", "Winnipeg", "Halifax", "St_Johns", "Regina"].map((c) => `America/${c}`),
);
const SINGLE: Record<string, Currency> = {
  "Europe/Zurich": "CHF",
  "Europe/Stockholm": "SEK",
  "Europe/Oslo": "NOK",
  "Europe/Copenhagen": "DKK",
  "Europe/Warsaw": "PLN",
  "America/Mexico_City": "MXN",
  "Pacific/Auckland": "NZD",
  "Asia/Tokyo": "JPY",
  "Asia/Singapore": "SGD",
};

/** The currency a clinic in this IANA zone most likely charges in (the same map as 0030_payments.sql). */
export function currencyForZone(timeZone: string): Currency {
  if (GBP_ZONES.has(timeZone)) return "GBP";
  if (EURO_ZONES.has(timeZone)) return "EUR";
  if (CAD_ZONES.has(timeZone)) return "CAD";
  if (timeZone.startsWith("Australia/")) return "AUD";
  return SINGLE[timeZone] ?? "USD";
}

const LOCALES: Record<string, string> = { GBP: "en-GB", EUR: "en-IE", CAD: "en-CA", AUD: "en-AU", NZD: "en-NZ" };

/** The clinic's locale: its own setting when it has one, else one that fits its currency. */
export const localeFor = (clinic: { currency: string; locale?: string | null }): string =>
  clinic.locale || LOCALES[clinic.currency] || "en-US";

/** Digits after the decimal point in this currency (2 for GBP, 0 for JPY). */
export function minorDigits(currency: string): number {
  return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** £45.00, 45,00 €, ¥4,500: an amount in minor units, formatted for the locale. */
export function formatMoney(minor: number, currency: string, locale = "en-US"): string {
  const digits = minorDigits(currency);
  return new Intl.NumberFormat(locale, { style: "currency", currency }).format(minor / 10 ** digits);
}

/** A chart axis's amount, short: $2.3K, £150, ₹1.2L — minor units in, major units written compactly for the locale. */
export function formatMoneyShort(minor: number, currency: string, locale = "en-US"): string {
  return new Intl.NumberFormat(locale, { style: "currency", currency, notation: "compact" }).format(
    minor / 10 ** minorDigits(currency),
  );
}

/** A form's "45.50" in major units → 4550 minor units (NaN for anything that is not a number). */
export function toMinor(major: string | number, currency: string): number {
  const n = typeof major === "number" ? major : Number(String(major).trim().replace(",", "."));
  return Math.round(n * 10 ** minorDigits(currency));
}

/** Minor units → the number a form field shows ("45.5" for 4550). */
export const toMajor = (minor: number, currency: string): number => minor / 10 ** minorDigits(currency);

/** The currency's symbol in this locale ("£"), for field labels. */
export function currencySymbol(currency: string, locale = "en-US"): string {
  return (
    new Intl.NumberFormat(locale, { style: "currency", currency }).formatToParts(0).find((p) => p.type === "currency")
      ?.value ?? currency
  );
}

/** "120.5" in USD → 12050; null when it is not an amount (letters, too many decimals). Sign is kept. */
export function parseMajor(text: string, currency: string): number | null {
  const digits = minorDigits(currency);
  const clean = text.replace(/[,\s]/g, "").replace(/^[^\d.-]+/, "");
  const pattern = digits > 0 ? new RegExp(`^-?\\d+(\\.\\d{1,${digits}})?$`) : /^-?\d+$/;
  if (!pattern.test(clean)) return null;
  return Math.round(Number(clean) * 10 ** digits);
}

/** 12050 in USD → "120.50" (for an amount field). */
export const toMajorText = (amountMinor: number, currency: string) =>
  (amountMinor / 10 ** minorDigits(currency)).toFixed(minorDigits(currency));

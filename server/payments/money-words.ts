// Amounts in minor units as people read them, in any ISO 4217 currency (Intl knows how many
// decimals each has: 2 for USD and EUR, 0 for JPY).
const digitsCache = new Map<string, number>();

export function minorDigits(currency: string): number {
  const code = currency.toUpperCase();
  let digits = digitsCache.get(code);
  if (digits === undefined) {
    digits =
      new Intl.NumberFormat("en-US", { style: "currency", currency: code }).resolvedOptions().maximumFractionDigits ??
      2;
    digitsCache.set(code, digits);
  }
  return digits;
}

/** 12345, "USD" → "$123.45"; -500, "EUR" → "-€5.00". */
export function formatMinor(amountMinor: number, currency: string): string {
  const code = currency.toUpperCase();
  return new Intl.NumberFormat("en-US", { style: "currency", currency: code }).format(
    amountMinor / 10 ** minorDigits(code),
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

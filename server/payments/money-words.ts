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

"use client";
// The clinic's locale for client components (set once by the clinic layout): how they write times
// through server/scheduling/format.ts, e.g. 24-hour for a London clinic.
import { createContext, useContext, type ReactNode } from "react";
import type { ClinicLocale } from "@/server/scheduling/format";

const LocaleContext = createContext<ClinicLocale>("en-US");

export function ClinicLocaleProvider({ locale, children }: { locale: ClinicLocale; children: ReactNode }) {
  return <LocaleContext.Provider value={locale}>{children}</LocaleContext.Provider>;
}

export const useClinicLocale = (): ClinicLocale => useContext(LocaleContext);

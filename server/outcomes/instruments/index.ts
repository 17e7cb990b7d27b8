// The five outcome instruments Junction ships, as data. One engine (../scoring.ts) scores them all.
import type { Instrument, InstrumentKey } from "../types";
import { groc } from "./groc";
import { lefs } from "./lefs";
import { nprs } from "./nprs";
import { odi } from "./odi";
import { psfs } from "./psfs";

export const INSTRUMENTS: Record<InstrumentKey, Instrument> = { nprs, odi, psfs, lefs, groc };

/** Display order. */
export const INSTRUMENT_KEYS: InstrumentKey[] = ["nprs", "odi", "psfs", "lefs", "groc"];

const isKey = (key: string): key is InstrumentKey => Object.prototype.hasOwnProperty.call(INSTRUMENTS, key);

/** The instrument with this key, or null for an unknown key. */
export function getInstrument(key: string): Instrument | null {
  return isKey(key) ? INSTRUMENTS[key] : null;
}

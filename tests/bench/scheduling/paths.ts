// Paths (a) and (c) next to their anchors: booking distinct free slots at 8 clients, raw insert vs
// HTTP → tRPC → tenant transaction; and free time for one clinic, SQL free ranges vs the app's runs over HTTP, 14 and 28 days.
import type pg from "pg";
import { cpuTally, type CpuPerOp } from "../cpu";
import { inTurns, mergeRuns, runLoad } from "../load";
import { freeBookingSlots, rawInsert, sqlFreeRanges, sqlFreeRangeStarts, type BookingSlot } from "./anchors";
import {
  measured,
  mutate,
  overHttp,
  query,
  serverTally,
  type BenchServer,
  type Measured,
  type TrpcResult,
} from "./http";

const CLIENTS = 8;
const DAY = 86_400_000;

const label = (res: { status: number; domainCode: string | null }) =>
  res.domainCode ? `${res.status} ${res.domainCode}` : String(res.status);

function bookInput(slot: BookingSlot) {
  return { clinicianId: slot.clinicianId, patientId: slot.patientId, typeId: slot.typeId, startsAt: slot.startsAt };
}

const book = (server: BenchServer, slot: BookingSlot, decode = false) =>
  mutate(server.baseUrl, "scheduling.book", { clinicSlug: slot.slug, userId: slot.frontDeskId }, bookInput(slot), {
    decode,
  });

function describeBooking(res: TrpcResult): string {
  const row = res.data as { id?: string; startsAt?: unknown } | null;
  if (res.status !== 200 || !row?.id)
    return `scheduling.book → HTTP ${res.status} ${JSON.stringify(res.data).slice(0, 200)}`;
  return `scheduling.book → HTTP 200, appointment ${row.id.slice(0, 8)}…, startsAt decoded as ${row.startsAt instanceof Date ? "a Date" : typeof row.startsAt}`;
}

export type BookingResult = { check: string; anchor: Measured; app: Measured };

const ANCHOR = { warm: 200, ops: 4000, ms: 10_000 };
const APP = { warm: 100, ops: 2000, ms: 12_000 };

export async function benchBooking(admin: pg.Pool, server: BenchServer): Promise<BookingResult> {
  const slots = await freeBookingSlots(admin, 2 * (ANCHOR.warm + ANCHOR.ops));
  const anchorSlots = slots.filter((_, i) => i % 2 === 0);
  const appSlots = slots.filter((_, i) => i % 2 === 1);
  // One call first, to see that the request encoding is right before timing anything.
  const check = describeBooking(await book(server, appSlots[0]!, true));

  const fromSlots = (list: BookingSlot[], offset: number, fn: (s: BookingSlot) => Promise<string>) => (i: number) => {
    const slot = list[offset + i];
    return slot ? fn(slot) : Promise.resolve("out of slots");
  };
  const insert = (s: BookingSlot) => rawInsert(admin, s);
  await runLoad({ clients: CLIENTS, maxOps: ANCHOR.warm, maxMs: 5_000, op: fromSlots(anchorSlots, 0, insert) });
  const anchor = await runLoad({
    clients: CLIENTS,
    maxOps: Math.min(ANCHOR.ops, anchorSlots.length - ANCHOR.warm),
    maxMs: ANCHOR.ms,
    op: fromSlots(anchorSlots, ANCHOR.warm, insert),
  });

  const viaHttp = async (s: BookingSlot) => label(await book(server, s));
  await runLoad({ clients: CLIENTS, maxOps: APP.warm, maxMs: 10_000, op: fromSlots(appSlots, 1, viaHttp) });
  const app = await overHttp(server, {
    clients: CLIENTS,
    maxOps: Math.min(APP.ops, appSlots.length - APP.warm - 1),
    maxMs: APP.ms,
    op: fromSlots(appSlots, 1 + APP.warm, viaHttp),
  });
  return { check, anchor: measured(anchor), app };
}

export type FreeSlotsResult = {
  clinic: string;
  appointmentsIn14d: number;
  check: string;
  anchor: Measured;
  app14: Measured;
  app28: Measured;
  /** The same 14 days with Node's fetch as the bench's client (as the bench sent them before; see http.ts Options). */
  viaFetch14: Measured;
  direct14: Measured;
  /** HTTP → tRPC → me.clinics (one pool query, no clinic transaction): what any call over this HTTP path costs at least. */
  floor: Measured;
  /** CPU per operation of each path: this process (clients, and the app's server for HTTP paths) and PostgreSQL's. */
  cpu: Record<"anchor" | "app14" | "direct14" | "floor", CpuPerOp>;
};

/** Each path's operations and time limit over all rounds (inTurns); FREE.rounds blocks each. */
const FREE = { warm: 16, anchorOps: 3000, appOps: 1500, ms: 5_000, rounds: 10 };

/** Free starts for the 30-minute type, all ten clinicians of clinic `n`, from now. */
export async function benchFreeSlots(
  admin: pg.Pool,
  server: BenchServer,
  n: number,
  name: string,
): Promise<FreeSlotsResult> {
  const {
    rows: [c],
  } = await admin.query<{ id: string; slug: string; frontDeskId: string; typeId: string }>(
    `SELECT b.id, b.slug, u.user_id AS "frontDeskId", t.type_id AS "typeId"
     FROM bench.clinics b JOIN bench.users u ON u.n = b.n AND u.c = 0 JOIN bench.types t ON t.n = b.n AND t.minutes = 30
     WHERE b.n = $1`,
    [n],
  );
  const clinic = c!;
  const who = { clinicSlug: clinic.slug, userId: clinic.frontDeskId };
  const from = new Date();
  const to14 = new Date(from.getTime() + 14 * DAY);
  const to28 = new Date(from.getTime() + 28 * DAY);
  const {
    rows: [inRange],
  } = await admin.query<{ count: string }>(
    "SELECT count(*) FROM appointments WHERE clinic_id = $1 AND status <> 'cancelled' AND starts_at < $3 AND blocked_until > $2",
    [clinic.id, from, to14],
  );

  const ask = (to: Date, decode = false, client: "node:http" | "fetch" = "node:http") =>
    query(server.baseUrl, "scheduling.availability", who, { typeId: clinic.typeId, from, to }, { decode, client });
  const first = await ask(to14, true);
  // The API sends runs [first, count] on the step; the count of starts is the sum of the counts.
  const appStarts = Array.isArray(first.data)
    ? (first.data as { runs: [number, number][] }[]).reduce((sum, x) => sum + x.runs.reduce((n, r) => n + r[1], 0), 0)
    : null;
  const sqlStarts = await sqlFreeRangeStarts(admin, clinic.id, from, to14, 30);
  const check =
    first.status === 200
      ? `${name}: app ${appStarts} starts (${(first.bytes / 1024).toFixed(0)} KiB of JSON), SQL anchor's ranges hold ${sqlStarts}${appStarts === sqlStarts ? " (same)" : " (DIFFERENT)"}`
      : `${name}: scheduling.availability → HTTP ${first.status} ${JSON.stringify(first.data).slice(0, 200)}`;

  const anchorOp = async () => ((await sqlFreeRanges(admin, clinic.id, from, to14, 30)) > 0 ? "rows" : "none");
  const appOp = (to: Date) => async () => label(await ask(to));
  const caller = server.caller(who);
  const paths = {
    anchor: { ops: FREE.anchorOps, op: anchorOp },
    app14: { ops: FREE.appOps, op: appOp(to14), http: true },
    app28: { ops: FREE.appOps, op: appOp(to28), http: true },
    viaFetch14: { ops: FREE.appOps, op: async () => label(await ask(to14, false, "fetch")), http: true },
    direct14: {
      ops: FREE.appOps,
      op: async () =>
        (await caller.scheduling.availability({ typeId: clinic.typeId, from, to: to14 })).length > 0 ? "ok" : "none",
    },
    floor: {
      ops: FREE.appOps,
      op: async () => label(await query(server.baseUrl, "me.clinics", who, undefined)),
      http: true,
    },
  };
  const names = Object.keys(paths) as (keyof typeof paths)[];
  const list = names.map((n) => paths[n]) as { ops: number; op: () => Promise<string>; http?: boolean }[];
  for (const path of list) await runLoad({ clients: CLIENTS, maxOps: FREE.warm, maxMs: 5_000, op: path.op });
  // Measured in turns (inTurns), so the ratios compare paths under the same load on the machine;
  // the server's own figures are kept per HTTP path, block by block (serverTally).
  const tallies = list.map((path) => (path.http ? serverTally(server) : null));
  const cpu = list.map(() => cpuTally());
  const blocks = await inTurns(
    list,
    { clients: CLIENTS, rounds: FREE.rounds, maxMs: FREE.ms },
    {
      before: (i) => (tallies[i]?.open(), cpu[i]!.open()),
      after: (i) => (cpu[i]!.close(), tallies[i]?.close()),
    },
  );
  const runs = blocks.map(mergeRuns);
  const result = (path: keyof typeof paths): Measured => {
    const i = names.indexOf(path);
    return tallies[i]?.measured(runs[i]!) ?? measured(runs[i]!);
  };
  const cpuOf = (path: keyof typeof paths) => {
    const i = names.indexOf(path);
    return cpu[i]!.perOp(runs[i]!.ops);
  };
  return {
    clinic: name,
    appointmentsIn14d: Number(inRange!.count),
    check,
    anchor: result("anchor"),
    app14: result("app14"),
    app28: result("app28"),
    viaFetch14: result("viaFetch14"),
    direct14: result("direct14"),
    floor: result("floor"),
    cpu: { anchor: cpuOf("anchor"), app14: cpuOf("app14"), direct14: cpuOf("direct14"), floor: cpuOf("floor") },
  };
}

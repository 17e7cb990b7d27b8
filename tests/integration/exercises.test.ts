// The exercise library as staff use it: search by words (typos forgiven) and filters, details,
// the clinic's own exercises (kept to that clinic), hiding library exercises, and the pictures.
import { beforeAll, describe, expect, test } from "vitest";
import { GET as exerciseArtRoute } from "@/app/exercise-art/[file]/route";
import { createAppPool } from "@/db/client";
import { libraryExerciseId, seedExerciseLibrary } from "@/db/seed/library";
import { LIBRARY_EXERCISES } from "@/db/seed/library-source";
import { requireDatabaseUrl } from "@/server/env";
import { callerFor, refusal, shownFieldErrors, shownMessage } from "../fixtures/callers";
import { seedClinic, type SeededClinic } from "../fixtures/clinic";
import { adminPool } from "../fixtures/db";
import { clinicExercise, ensureLibrary, libraryIdLike, makeExercise } from "../fixtures/programs";

let a: SeededClinic;
let b: SeededClinic;

beforeAll(async () => {
  await ensureLibrary();
  a = await seedClinic();
  b = await seedClinic();
});

const asClinician = (c: SeededClinic) => callerFor(c.clinician, c.slug);

describe("the shipped library in the database", () => {
  test("every exercise is there under an id derived from its slug; seeding again rewrites only what changed", async () => {
    const { rows } = await adminPool().query<{ id: string; slug: string }>("SELECT id, slug FROM library_exercises");
    expect(rows.map((r) => r.slug).sort()).toEqual(LIBRARY_EXERCISES.map((e) => e.slug).sort());
    for (const r of rows) expect(r.id).toBe(libraryExerciseId(r.slug));
    expect(await seedExerciseLibrary(adminPool())).toBe(0);
    const edited = LIBRARY_EXERCISES.map((e, i) => (i === 0 ? { ...e, cues: [...e.cues, "An extra cue"] } : e));
    expect(await seedExerciseLibrary(adminPool(), edited)).toBe(1);
    expect(await seedExerciseLibrary(adminPool())).toBe(1);
    expect(await seedExerciseLibrary(adminPool())).toBe(0);
  });
});

describe("searching the library", () => {
  test("a mistyped word still finds the exercise, first: “copenhagn” → Copenhagen plank", async () => {
    const { items, total } = await asClinician(a).exercises.search({ q: "copenhagn" });
    expect(total).toBeGreaterThan(0);
    expect(items[0]!.name).toMatch(/copenhagen/i);
    expect(items[0]).toMatchObject({ source: "library", hidden: false });
    expect(items[0]!.imageUrl).toMatch(/^\/exercise-art\/[a-z0-9_-]+\.svg$/);
  });

  test("the start of a word is enough, and words are matched in name, aliases, purpose and cues", async () => {
    const prefix = await asClinician(a).exercises.search({ q: "copen" });
    expect(prefix.items[0]!.name).toMatch(/copenhagen/i);
    const twoWords = await asClinician(a).exercises.search({ q: "dead bug" });
    expect(twoWords.items[0]!.name).toMatch(/dead bug/i);
  });

  test("a body region typed as a word finds the exercises for it", async () => {
    const groin = await asClinician(a).exercises.search({ q: "groin", limit: 100 });
    const byRegion = await asClinician(a).exercises.search({ region: "groin", limit: 100 });
    expect(groin.items.map((x) => x.id)).toEqual(expect.arrayContaining(byRegion.items.map((x) => x.id)));
  });

  test("words that match nothing find nothing", async () => {
    expect(await asClinician(a).exercises.search({ q: "xylophone quantum" })).toEqual({ items: [], total: 0 });
  });

  test("filters narrow by region, category and equipment; the total counts every match", async () => {
    const caller = asClinician(a);
    const groin = await caller.exercises.search({ region: "groin", limit: 100 });
    expect(groin.total).toBeGreaterThan(0);
    for (const x of groin.items) expect(x.regions).toContain("groin");
    const hip = await caller.exercises.search({ category: "hip_function", limit: 100 });
    for (const x of hip.items) expect(x.category).toBe("hip_function");
    const one = await caller.exercises.search({ category: "hip_function", limit: 1 });
    expect(one.items).toHaveLength(1);
    expect(one.total).toBe(hip.total);
    const [equipment] = (await caller.exercises.facets()).equipment;
    const withIt = await caller.exercises.search({ equipment: equipment!.value, limit: 100 });
    expect(withIt.total).toBe(equipment!.count);
    for (const x of withIt.items) expect(x.equipment).toContain(equipment!.value);
  });

  test("facets count the exercises of each region, category and piece of equipment", async () => {
    const facets = await asClinician(a).exercises.facets();
    const all = await asClinician(a).exercises.search({ limit: 100 });
    expect(facets.categories.reduce((n, f) => n + f.count, 0)).toBe(all.total);
    const groin = facets.regions.find((f) => f.value === "groin");
    expect(groin?.count).toBe((await asClinician(a).exercises.search({ region: "groin", limit: 100 })).total);
  });

  test("an exercise's details have its steps, cues, mistakes and precautions", async () => {
    const id = await libraryIdLike("copenhagen");
    const detail = await callerFor(a.frontDesk, a.slug).exercises.get({ id });
    expect(detail).toMatchObject({ id, source: "library", videoUrl: null });
    expect(detail.steps.length).toBeGreaterThan(0);
    expect(detail.cues.length).toBeGreaterThan(0);
    expect(detail.dosage.sets).toBeGreaterThanOrEqual(1);
  });

  test("too long a query is refused with a message", async () => {
    const error = await refusal(asClinician(a).exercises.search({ q: "x".repeat(101) }));
    expect(shownMessage(error)).toBe("Q: Use at most 100 characters");
  });
});

describe("the library is read-only", () => {
  test("editing a library exercise is refused with a clear message", async () => {
    const id = await libraryIdLike("copenhagen");
    const error = await refusal(asClinician(a).exercises.update({ id, ...makeExercise({ name: "Mine now" }) }));
    expect(error.code).toBe("FORBIDDEN");
    expect(error.message).toBe("Library exercises can't be edited. Create a clinic exercise based on it instead.");
    expect((await asClinician(a).exercises.get({ id })).name).not.toBe("Mine now");
  });

  test("the app's database role cannot write the library at all", async () => {
    const app = createAppPool(requireDatabaseUrl(), 1);
    try {
      const state = await app.query("UPDATE library_exercises SET name = 'Vandalised'").then(
        () => null,
        (e: { code?: string }) => e.code,
      );
      expect(state).toBe("42501");
    } finally {
      await app.end();
    }
    const { rows } = await adminPool().query(
      "SELECT count(*)::int AS n FROM library_exercises WHERE name = 'Vandalised'",
    );
    expect(rows[0].n).toBe(0);
  });
});

describe("a clinic's own exercises", () => {
  test("are found by the clinic that made them, as clinic exercises with its picture", async () => {
    const id = await clinicExercise(a, {
      name: "Quokka shoulder W",
      imageUrl: "https://cdn.example.com/w.png",
      videoUrl: "https://video.example.com/w",
    });
    const found = await asClinician(a).exercises.search({ q: "quokka shoulder" });
    expect(found.items[0]).toMatchObject({
      id,
      source: "clinic",
      slug: null,
      imageUrl: "https://cdn.example.com/w.png",
      hidden: false,
    });
    expect(await asClinician(a).exercises.get({ id })).toMatchObject({ videoUrl: "https://video.example.com/w" });
  });

  test("without a picture get the neutral one", async () => {
    const id = await clinicExercise(a, { name: "Prone Y raise" });
    expect((await asClinician(a).exercises.get({ id })).imageUrl).toBe("/exercise-art/_clinic.svg");
  });

  test("are invisible to another clinic: not found by search, by id, nor editable", async () => {
    const id = await clinicExercise(a, { name: "Zebrafish hip circle" });
    expect((await asClinician(b).exercises.search({ q: "zebrafish" })).total).toBe(0);
    expect((await refusal(asClinician(b).exercises.get({ id }))).code).toBe("NOT_FOUND");
    const error = await refusal(asClinician(b).exercises.update({ id, ...makeExercise({ name: "Taken" }) }));
    expect(error.code).toBe("NOT_FOUND");
    expect((await asClinician(a).exercises.get({ id })).name).toBe("Zebrafish hip circle");
  });

  test("can be updated by their clinic", async () => {
    const id = await clinicExercise(a, { name: "Side plank on knees" });
    const updated = await asClinician(a).exercises.update({
      id,
      ...makeExercise({ name: "Side plank from knees", difficulty: 1 }),
    });
    expect(updated).toMatchObject({ id, name: "Side plank from knees", difficulty: 1 });
  });

  test("bad input is refused field by field", async () => {
    const error = await refusal(
      asClinician(a).exercises.create(
        makeExercise({
          name: " ",
          steps: [],
          regions: [],
          dosage: { sets: 0, reps: 301, holdSeconds: 601, side: "both", timesPerDay: 6, daysPerWeek: 8 },
          imageUrl: "javascript:alert(1)",
        }),
      ),
    );
    expect(shownFieldErrors(error)).toEqual({
      name: "Enter a name",
      steps: "Add at least one step",
      regions: "Choose at least one body region",
      "dosage.sets": "Use 1–20 sets",
      "dosage.reps": "Use 1–300 reps",
      "dosage.holdSeconds": "Use a hold of 0–600 seconds",
      "dosage.timesPerDay": "Use 1–5 times a day",
      "dosage.daysPerWeek": "Use 1–7 days a week",
      imageUrl: "Enter the picture as a web address starting with https://",
    });
  });

  test("the front desk may look but not add", async () => {
    const error = await refusal(callerFor(a.frontDesk, a.slug).exercises.create(makeExercise()));
    expect(error.code).toBe("FORBIDDEN");
    expect((await callerFor(a.frontDesk, a.slug).exercises.search({})).total).toBeGreaterThan(0);
  });
});

describe("hiding library exercises", () => {
  test("an owner hides one: it leaves the clinic's search and facets (not another clinic's) and comes back when shown", async () => {
    const id = await libraryIdLike("copenhagen");
    const owner = callerFor(a.owner, a.slug);
    const before = await owner.exercises.facets();
    expect(await owner.exercises.setHidden({ id, hidden: true })).toMatchObject({ id, hidden: true });

    expect((await owner.exercises.search({ q: "copenhagen" })).items.map((x) => x.id)).not.toContain(id);
    const withHidden = await owner.exercises.search({ q: "copenhagen", includeHidden: true });
    expect(withHidden.items.find((x) => x.id === id)).toMatchObject({ hidden: true });
    const after = await owner.exercises.facets();
    expect(after.categories.reduce((n, f) => n + f.count, 0)).toBe(
      before.categories.reduce((n, f) => n + f.count, 0) - 1,
    );
    expect((await asClinician(b).exercises.search({ q: "copenhagen" })).items.map((x) => x.id)).toContain(id);

    await owner.exercises.setHidden({ id, hidden: true }); // again: no harm
    await owner.exercises.setHidden({ id, hidden: false });
    expect((await owner.exercises.search({ q: "copenhagen" })).items.map((x) => x.id)).toContain(id);
  });

  test("only owners hide, and only library exercises", async () => {
    const id = await libraryIdLike("copenhagen");
    expect((await refusal(asClinician(a).exercises.setHidden({ id, hidden: true }))).code).toBe("FORBIDDEN");
    const own = await clinicExercise(a, { name: "Own thing" });
    const error = await refusal(callerFor(a.owner, a.slug).exercises.setHidden({ id: own, hidden: true }));
    expect(error.message).toBe("Only library exercises can be hidden; your clinic's own exercises are yours to edit.");
  });
});

describe("exercise pictures", () => {
  const get = (file: string) =>
    exerciseArtRoute(new Request(`http://localhost/exercise-art/${file}`), { params: Promise.resolve({ file }) });

  test("a library exercise's picture is an SVG, cached for long", async () => {
    const [first] = (await asClinician(a).exercises.search({ limit: 1 })).items;
    const file = first!.imageUrl.split("/").pop()!;
    const response = await get(file);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/svg+xml; charset=utf-8");
    expect(response.headers.get("cache-control")).toMatch(/max-age=\d{6,}/);
    expect(await response.text()).toMatch(/^<svg[\s>]/);
  });

  test("each picture also comes as a PNG (for email clients), 480 pixels wide", async () => {
    const [first] = (await asClinician(a).exercises.search({ limit: 1 })).items;
    const file = first!.imageUrl
      .split("/")
      .pop()!
      .replace(/\.svg$/, ".png");
    const response = await get(file);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/png");
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
    // IHDR: width and height, big-endian, at bytes 16–23; the pictures are 3:2.
    expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([480, 320]);
    expect((await get("_clinic.png")).status).toBe(200);
    expect((await get("no-such-exercise.png")).status).toBe(404);
  });

  test("the neutral picture exists; unknown and malformed names are 404", async () => {
    expect((await get("_clinic.svg")).status).toBe(200);
    expect((await get("no-such-exercise.svg")).status).toBe(404);
    expect((await get("..%2Fetc%2Fpasswd")).status).toBe(404);
    expect((await get("constructor.svg")).status).toBe(404);
  });
});

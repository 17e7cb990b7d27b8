// The shipped exercise library: complete for the Maigne's protocol, dosages the app will accept,
// illustrations that are safe, self-contained SVGs, and templates that only name real exercises.
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import {
  DOSAGE_LIMITS,
  ILLUSTRATIONS,
  LIBRARY_EXERCISES,
  PROGRAM_TEMPLATES,
  type Dosage,
  type ExerciseCategory,
} from "@/db/seed/exercise-library";
import { renderIllustrationsModule } from "@/db/seed/exercise-library/build-illustrations";

/** Every intervention the thoracolumbar-junction article names, each its own exercise. */
const ARTICLE_INTERVENTIONS = [
  "segmental-cat-camel",
  "foam-roller-thoracolumbar-extension",
  "quadruped-thoracic-rotation",
  "dead-bug-heel-taps",
  "dead-bug",
  "dead-bug-band-resisted",
  "half-kneeling-pallof-press",
  "standing-pallof-press",
  "bird-dog-controlled-reach",
  "hip-lift-90-90-breathing",
  "side-lying-clamshell",
  "glute-bridge",
  "copenhagen-plank-short-lever",
  "copenhagen-plank-long-lever",
  "neutral-rib-cueing",
  "dowel-hip-hinge",
  "cyclist-saddle-posture-setup",
];

const CATEGORIES: ExerciseCategory[] = [
  "mobility",
  "core_stability",
  "hip_function",
  "motor_control",
  "ergonomics_load",
];
const bySlug = new Map(LIBRARY_EXERCISES.map((e) => [e.slug, e]));

function dosageProblems(d: Partial<Dosage>): string[] {
  const problems: string[] = [];
  const within = (key: keyof typeof DOSAGE_LIMITS, value: number | null | undefined) => {
    if (value === null || value === undefined) return;
    const { min, max } = DOSAGE_LIMITS[key];
    if (!Number.isInteger(value) || value < min || value > max) problems.push(`${key}=${value}`);
  };
  within("sets", d.sets);
  within("reps", d.reps);
  within("holdSeconds", d.holdSeconds);
  within("timesPerDay", d.timesPerDay);
  within("daysPerWeek", d.daysPerWeek);
  return problems;
}

/** Tags balance and nest properly; returns the first problem, or null. */
function xmlProblem(markup: string): string | null {
  const stack: string[] = [];
  for (const [, closing, name, , selfClosing] of markup.matchAll(
    /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"]*")*)\s*(\/?)>/g,
  )) {
    if (closing) {
      if (stack.pop() !== name) return `unexpected </${name}>`;
    } else if (!selfClosing) stack.push(name!);
  }
  if (stack.length) return `unclosed <${stack.at(-1)}>`;
  const leftover = markup.replace(/<\/?[A-Za-z][\w:-]*(?:\s+[\w:-]+="[^"]*")*\s*\/?>/g, "");
  return /[<>]/.test(leftover) ? "stray angle bracket or malformed tag" : null;
}

describe("the exercise library", () => {
  test("has at least 40 exercises with unique kebab-case slugs", () => {
    expect(LIBRARY_EXERCISES.length).toBeGreaterThanOrEqual(40);
    expect(bySlug.size).toBe(LIBRARY_EXERCISES.length);
    for (const { slug } of LIBRARY_EXERCISES) expect(slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  test("includes every intervention from the thoracolumbar-junction article", () => {
    expect(ARTICLE_INTERVENTIONS.filter((slug) => !bySlug.has(slug))).toEqual([]);
  });

  test("finds the article's names among names and aliases", () => {
    const words = LIBRARY_EXERCISES.flatMap((e) => [e.name, ...(e.aliases ?? [])])
      .join(" | ")
      .toLowerCase();
    for (const name of [
      "thread the needle",
      "pallof",
      "copenhagen adduction",
      "cat-camel",
      "dead bug",
      "bird dog",
      "90/90",
      "clamshell",
      "hip hinge",
      "saddle",
    ]) {
      expect(words).toContain(name);
    }
  });

  test("covers all five categories", () => {
    expect(new Set(LIBRARY_EXERCISES.map((e) => e.category))).toEqual(new Set(CATEGORIES));
  });

  test("every exercise is complete: purpose, 3–6 steps, cues, mistakes, precautions, regions", () => {
    for (const e of LIBRARY_EXERCISES) {
      const where = e.slug;
      expect(e.name.trim(), where).not.toBe("");
      expect(e.purpose.trim(), where).not.toBe("");
      expect(e.steps.length, where).toBeGreaterThanOrEqual(3);
      expect(e.steps.length, where).toBeLessThanOrEqual(6);
      expect(e.cues.length, where).toBeGreaterThanOrEqual(2);
      expect(e.mistakes.length, where).toBeGreaterThanOrEqual(2);
      expect(e.precautions.length, where).toBeGreaterThanOrEqual(1);
      expect(e.regions.length, where).toBeGreaterThanOrEqual(1);
      for (const text of [...e.steps, ...e.cues, ...e.mistakes, ...e.precautions])
        expect(text.trim(), where).not.toBe("");
    }
  });

  test("entries stay concise: one-sentence purpose, 2–4 cues, 2–3 mistakes, 1–3 precautions, lower-case equipment", () => {
    for (const e of LIBRARY_EXERCISES) {
      expect(e.purpose.length, e.slug).toBeLessThanOrEqual(300);
      expect(e.purpose.match(/[.!?](\s|$)/g)?.length, e.slug).toBe(1);
      expect(e.cues.length, e.slug).toBeLessThanOrEqual(4);
      expect(e.mistakes.length, e.slug).toBeLessThanOrEqual(3);
      expect(e.precautions.length, e.slug).toBeLessThanOrEqual(3);
      for (const item of e.equipment) expect(item, e.slug).toBe(item.toLowerCase());
    }
  });

  test("every default dosage is within the ranges the app enforces and has reps or a hold", () => {
    for (const e of LIBRARY_EXERCISES) {
      expect(dosageProblems(e.dosage), e.slug).toEqual([]);
      expect(e.dosage.reps !== null || (e.dosage.holdSeconds !== null && e.dosage.holdSeconds > 0), e.slug).toBe(true);
    }
  });
});

describe("the illustrations", () => {
  test("every exercise's illustration exists", () => {
    expect(LIBRARY_EXERCISES.filter((e) => !(e.illustration in ILLUSTRATIONS)).map((e) => e.slug)).toEqual([]);
  });

  test("at least 30 distinct illustrations are in use", () => {
    expect(new Set(LIBRARY_EXERCISES.map((e) => e.illustration)).size).toBeGreaterThanOrEqual(30);
  });

  test.each(Object.entries(ILLUSTRATIONS))("%s is a small, well-formed, self-contained SVG", (_slug, svg) => {
    expect(svg.startsWith("<svg ")).toBe(true);
    expect(svg.trimEnd().endsWith("</svg>")).toBe(true);
    expect(svg).toMatch(/^<svg [^>]*viewBox="0 0 240 160"/);
    expect(svg).toMatch(/^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(xmlProblem(svg)).toBeNull();
    expect(svg).not.toMatch(/<script|<foreignObject|<image|<use\b|href=|\son[a-z]+=|url\(|@import|javascript:/i);
    expect(svg).toContain("#0f766e");
    expect(svg.length).toBeLessThan(3072);
  });

  test("illustrations.ts is up to date with the SVG files", () => {
    const dir = fileURLToPath(new URL("../../db/seed/exercise-library/illustrations/", import.meta.url));
    const onDisk = readdirSync(dir)
      .filter((f) => f.endsWith(".svg"))
      .map((f) => f.slice(0, -4))
      .sort();
    expect(Object.keys(ILLUSTRATIONS).sort()).toEqual(onDisk);
    const generated = fileURLToPath(new URL("../../db/seed/exercise-library/illustrations.ts", import.meta.url));
    expect(readFileSync(generated, "utf8")).toBe(renderIllustrationsModule(dir));
  });
});

describe("the program templates", () => {
  const maigne = PROGRAM_TEMPLATES.find((t) => t.slug === "thoracolumbar-junction-maigne");

  test("the Maigne's protocol has its four phases, each with a week range and 3–5 items", () => {
    expect(maigne?.name).toBe("Thoracolumbar junction (Maigne's syndrome)");
    expect(maigne?.phases.map((p) => p.title)).toEqual([
      "Restore thoracolumbar mobility",
      "Build deep core stability",
      "Rebalance hip function",
      "Retrain movement",
    ]);
    for (const phase of maigne?.phases ?? []) {
      expect(phase.weeks).toMatch(/^Weeks? \d+(–\d+)?$/);
      expect(phase.goal.trim()).not.toBe("");
      expect(phase.items.length).toBeGreaterThanOrEqual(3);
      expect(phase.items.length).toBeLessThanOrEqual(5);
    }
  });

  test("each phase starts in its week, the first in week 1, later ones after the one before", () => {
    for (const template of PROGRAM_TEMPLATES) {
      const weeks = template.phases.map((p) => p.startWeek);
      expect(weeks[0], template.slug).toBe(1);
      weeks.slice(1).forEach((w, i) => expect(w, template.slug).toBeGreaterThan(weeks[i]!));
      template.phases.forEach((p) => expect(p.weeks, template.slug).toMatch(new RegExp(`^Weeks? ${p.startWeek}\\b`)));
    }
  });

  test("what the patient reads is written to the patient; lines for clinicians are clinician notes", () => {
    for (const template of PROGRAM_TEMPLATES)
      for (const phase of template.phases)
        for (const item of phase.items)
          expect(item.note ?? "", `${template.slug} / ${item.slug}`).not.toMatch(
            /\bpatients?\b|remove otherwise|^for (cyclists|patients)|progressed from/i,
          );
    const desk = maigne?.phases[0]?.items.find((i) => i.slug === "desk-setup-movement-breaks");
    expect(desk).toMatchObject({ clinicianNote: "For patients who sit most of the day; remove otherwise." });
    expect(desk?.note).toBeUndefined();
  });

  test("the Maigne's phases draw on the matching categories", () => {
    const categoriesOf = (i: number) =>
      new Set(maigne?.phases[i]?.items.map((item) => bySlug.get(item.slug)?.category));
    expect(categoriesOf(0).has("mobility")).toBe(true);
    expect(categoriesOf(1).has("core_stability")).toBe(true);
    expect(categoriesOf(2).has("hip_function")).toBe(true);
    expect(categoriesOf(3).has("motor_control")).toBe(true);
  });

  test("template slugs are unique and every item names a library exercise with an in-range dosage", () => {
    expect(new Set(PROGRAM_TEMPLATES.map((t) => t.slug)).size).toBe(PROGRAM_TEMPLATES.length);
    for (const template of PROGRAM_TEMPLATES) {
      for (const phase of template.phases) {
        for (const item of phase.items) {
          const where = `${template.slug} / ${phase.title} / ${item.slug}`;
          expect(bySlug.has(item.slug), where).toBe(true);
          const merged = { ...bySlug.get(item.slug)?.dosage, ...item.dosage };
          expect(dosageProblems(merged), where).toEqual([]);
          expect(merged.reps != null || (merged.holdSeconds ?? 0) > 0, where).toBe(true);
        }
      }
    }
  });
});

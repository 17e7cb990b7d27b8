// The builder's working copy of a program and the moves on it: pure functions, so reordering by
// drag, by buttons and by keyboard all go through the same code.
import type { Dosage } from "@/app/_components/exercises/dosage";
import type { ExerciseSummary } from "@/app/_components/exercises/exercise-search";

/** note: the patient's instruction; clinicianNote: for clinicians only, never shown to the patient. */
export type DraftItem = {
  key: string;
  exercise: ExerciseSummary;
  dosage: Dosage;
  note: string;
  clinicianNote?: string;
};
/** A later phase starts in week `startWeek` of the program or on `startDate` (form strings; "" for none). */
export type DraftPhase = {
  key: string;
  title: string;
  notes: string;
  startWeek?: string;
  startDate?: string;
  items: DraftItem[];
};
export type Draft = { title: string; startDate: string; daysPerWeek: number; phases: DraftPhase[] };
/** Where an item is: phase index and position within it. */
export type Spot = { phase: number; index: number };

let counter = 0;
export const newKey = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(counter++).toString(36)}`;

export function addItem(draft: Draft, phase: number, exercise: ExerciseSummary): Draft {
  const phases = draft.phases.length ? draft.phases : [{ key: newKey("p"), title: "Exercises", notes: "", items: [] }];
  const target = Math.min(phase, phases.length - 1);
  const item: DraftItem = { key: newKey("i"), exercise, dosage: { ...exercise.dosage }, note: "", clinicianNote: "" };
  return { ...draft, phases: phases.map((p, i) => (i === target ? { ...p, items: [...p.items, item] } : p)) };
}

export function removeItem(draft: Draft, at: Spot): Draft {
  return {
    ...draft,
    phases: draft.phases.map((p, i) =>
      i === at.phase ? { ...p, items: p.items.filter((_, j) => j !== at.index) } : p,
    ),
  };
}

export function updateItem(draft: Draft, at: Spot, change: Partial<Omit<DraftItem, "key" | "exercise">>): Draft {
  return {
    ...draft,
    phases: draft.phases.map((p, i) =>
      i === at.phase ? { ...p, items: p.items.map((it, j) => (j === at.index ? { ...it, ...change } : it)) } : p,
    ),
  };
}

/** Moves an item to `to` (the index is where it lands after removal); across phases too. */
export function moveItem(draft: Draft, from: Spot, to: Spot): Draft {
  const item = draft.phases[from.phase]?.items[from.index];
  if (!item) return draft;
  const without = removeItem(draft, from);
  return {
    ...without,
    phases: without.phases.map((p, i) => {
      if (i !== to.phase) return p;
      const items = [...p.items];
      items.splice(Math.max(0, Math.min(to.index, items.length)), 0, item);
      return { ...p, items };
    }),
  };
}

/** One step up or down; past a phase's edge it goes to the end/start of the neighbouring phase. */
export function stepItem(draft: Draft, at: Spot, direction: -1 | 1): { draft: Draft; to: Spot } {
  const phase = draft.phases[at.phase]!;
  const next = at.index + direction;
  if (next >= 0 && next < phase.items.length)
    return { draft: moveItem(draft, at, { phase: at.phase, index: next }), to: { phase: at.phase, index: next } };
  const otherPhase = at.phase + direction;
  if (otherPhase < 0 || otherPhase >= draft.phases.length) return { draft, to: at };
  const index = direction === 1 ? 0 : draft.phases[otherPhase]!.items.length;
  return { draft: moveItem(draft, at, { phase: otherPhase, index }), to: { phase: otherPhase, index } };
}

export const itemCount = (draft: Draft) => draft.phases.reduce((n, p) => n + p.items.length, 0);

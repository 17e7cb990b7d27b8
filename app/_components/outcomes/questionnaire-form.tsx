"use client";
// The one questionnaire form, for the patient's emailed link and the in-clinic tablet: one
// question at a time (long instruments) or all at once, the same answers either way. Nothing
// invalid is sent: the instrument's own validation runs first and each problem shows beside its
// question, with a summary on top and focus on the first.
import { formatTime, formatWhen } from "@/server/scheduling/format";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { errorMessage } from "@/app/_lib/trpc";
import { validateAnswers } from "@/server/outcomes/scoring";
import type { Answers, Instrument, ItemError } from "@/server/outcomes/types";
import type { QuestionnaireView } from "@/server/outcomes/views";
import { QuestionField, questionDomId } from "./question-field";

export type QuestionnaireFormProps = {
  view: QuestionnaireView;
  mode: "patient" | "staff";
  /** "Save and continue later" (patient link). Resolves with the time the server saved it, if it says. */
  onSaveDraft?: (answers: Answers) => Promise<Date | void>;
  /** Sends the answers; a rejection is the parent's to show through `serverError`. */
  onSubmit: (answers: Answers) => Promise<void>;
  submitting: boolean;
  serverError: string | null;
};

type Layout = "one" | "all";

/** Long instruments (ODI, LEFS) one question at a time; short ones (NPRS, GROC, PSFS) on one page. */
export const defaultLayout = (instrument: Instrument): Layout => (instrument.items.length > 6 ? "one" : "all");

function initialAnswers(view: QuestionnaireView): Answers {
  return {
    values: { ...view.draft?.values },
    // A saved draft already holds the activities the patient kept (a removed one stays removed);
    // without one, the activities named at the first answer are offered again.
    names: view.draft ? { ...view.draft.names } : { ...view.previousNames },
  };
}

/** What is sent: names trimmed, blank names dropped; `names` only for instruments that have them. */
export function cleanAnswers(instrument: Instrument, answers: Answers): Answers {
  if (!instrument.items.some((i) => i.patientNamed)) return { values: { ...answers.values } };
  const names: Record<string, string> = {};
  for (const [id, name] of Object.entries(answers.names ?? {})) if (name.trim()) names[id] = name.trim();
  return { values: { ...answers.values }, names };
}

const errorsFor = (instrument: Instrument, answers: Answers, itemId: string, complete: boolean) =>
  validateAnswers(instrument, cleanAnswers(instrument, answers), { complete }).filter((e) => e.itemId === itemId);

export function QuestionnaireForm(props: QuestionnaireFormProps) {
  const { view, mode } = props;
  const instrument = view.instrument;
  const items = instrument.items;
  const idPrefix = `q${useId().replace(/[^a-zA-Z0-9_-]/g, "")}`;
  const formRef = useRef<HTMLFormElement>(null);
  const [answers, setAnswers] = useState<Answers>(() => initialAnswers(view));
  const [layout, setLayout] = useState<Layout>(() => defaultLayout(instrument));
  const [index, setIndex] = useState(() =>
    Math.max(
      0,
      items.findIndex((i) => view.draft?.values[i.id] === undefined),
    ),
  );
  const [errors, setErrors] = useState<ItemError[]>([]);
  /** "submit": the summary lists them; "step": the one error Next found, announced beside its question. */
  const [errorSource, setErrorSource] = useState<"submit" | "step">("submit");
  const [focusItem, setFocusItem] = useState<{ id: string; to: "input" | "heading" } | null>(null);
  /** quiet: saved on the way to the next question (not announced); otherwise by the button. */
  const [saved, setSaved] = useState<{ at: Date; quiet: boolean } | null>(null);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const dirty = useRef(false);
  /** Times in the clinic's zone, like every other time the patient is shown. */
  const timeFormat = { format: (d: Date) => formatTime(d, view.clinic.timeZone, view.clinic.locale) };
  /**
   * Staff copying a paper form: what the patient left blank stays blank, and the instrument's
   * missing-item rule decides on the server (too many blanks: no score, and the reason why).
   */
  const [paper, setPaper] = useState(false);
  const complete = !(mode === "staff" && paper);

  // Focus moves after the render that shows the item (one-at-a-time may have to switch to it first).
  useEffect(() => {
    if (!focusItem) return;
    const box = formRef.current?.querySelector<HTMLElement>(`#${CSS.escape(questionDomId(idPrefix, focusItem.id))}`);
    const nameInput = box?.querySelector<HTMLInputElement>('input[type="text"]');
    const target =
      focusItem.to === "heading"
        ? formRef.current?.querySelector<HTMLElement>(".q-step-heading")
        : nameInput && !nameInput.value.trim()
          ? nameInput
          : (box?.querySelector<HTMLInputElement>("input:checked") ?? box?.querySelector<HTMLInputElement>("input"));
    target?.focus();
    if (target && focusItem.to === "input") box?.scrollIntoView({ block: "center", behavior: "smooth" });
    setFocusItem(null);
  }, [focusItem, idPrefix]);

  const errorOf = (itemId: string) => errors.find((e) => e.itemId === itemId)?.message ?? null;

  function update(itemId: string, change: (a: Answers) => Answers) {
    dirty.current = true;
    const next = change(answers);
    setAnswers(next);
    // Once shown, an item's error follows its answer (cleared when fixed, reworded when it changes).
    if (errors.some((e) => e.itemId === itemId)) {
      setErrors([...errors.filter((e) => e.itemId !== itemId), ...errorsFor(instrument, next, itemId, complete)]);
    }
  }
  const setValue = (itemId: string, value: number | undefined) =>
    update(itemId, (a) => {
      const { [itemId]: _old, ...values } = a.values;
      return { ...a, values: value === undefined ? values : { ...values, [itemId]: value } };
    });
  const setName = (itemId: string, name: string) =>
    update(itemId, (a) => ({ ...a, names: { ...a.names, [itemId]: name } }));
  const remove = (itemId: string) =>
    update(itemId, (a) => {
      const { [itemId]: _value, ...values } = a.values;
      const { [itemId]: _name, ...names } = a.names ?? {};
      return { values, names };
    });

  function goTo(i: number) {
    setIndex(i);
    setFocusItem({ id: items[i]!.id, to: "heading" });
    if (mode === "patient" && props.onSaveDraft && dirty.current) void saveDraft(true);
  }

  function next() {
    const item = items[index]!;
    const found = errorsFor(instrument, answers, item.id, complete);
    if (found.length > 0) {
      setErrors(found);
      setErrorSource("step");
      setFocusItem({ id: item.id, to: "input" });
      return;
    }
    setErrors((es) => es.filter((e) => e.itemId !== item.id));
    goTo(index + 1);
  }

  async function saveDraft(quiet: boolean) {
    if (!props.onSaveDraft) return;
    const clean = cleanAnswers(instrument, answers);
    // A draft may be incomplete, not wrong (e.g. a rating without its activity's name).
    const wrong = validateAnswers(instrument, clean, { complete: false });
    if (wrong.length > 0) {
      if (!quiet) showErrors(wrong);
      return;
    }
    dirty.current = false;
    if (!quiet) setSaving(true);
    setSaveError(null);
    try {
      const at = await props.onSaveDraft(clean);
      setSaved({ at: at instanceof Date ? at : new Date(), quiet });
    } catch (e) {
      dirty.current = true;
      // A quiet save on Next that fails is tried again on the next move; only the button reports it.
      if (!quiet) setSaveError(errorMessage(e));
    } finally {
      if (!quiet) setSaving(false);
    }
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (layout === "one" && index < items.length - 1) return next();
    const clean = cleanAnswers(instrument, answers);
    const found = validateAnswers(instrument, clean, { complete });
    showErrors(found);
    if (found.length > 0) return;
    try {
      await props.onSubmit(clean);
    } catch {
      // Shown by the parent (serverError).
    }
  }

  /** The summary on top lists them; focus goes to the first one (one-at-a-time switches to it). */
  function showErrors(found: ItemError[]) {
    setErrors(found);
    setErrorSource("submit");
    const first = found.find((f) => items.some((i) => i.id === f.itemId));
    if (first) jumpTo(first.itemId);
  }

  function jumpTo(itemId: string) {
    const i = items.findIndex((it) => it.id === itemId);
    if (i < 0) return;
    if (layout === "one") setIndex(i);
    setFocusItem({ id: itemId, to: "input" });
  }

  const field = (itemIndex: number) => {
    const item = items[itemIndex]!;
    return (
      <QuestionField
        key={item.id}
        idPrefix={idPrefix}
        item={item}
        number={items.length > 1 ? itemIndex + 1 : null}
        value={answers.values[item.id]}
        name={answers.names?.[item.id] ?? ""}
        namedBefore={Boolean(view.previousNames?.[item.id])}
        error={errorOf(item.id)}
        announceError={errorSource === "step"}
        onValue={(v) => setValue(item.id, v)}
        onName={(n) => setName(item.id, n)}
        onRemove={() => remove(item.id)}
      />
    );
  };

  const last = index === items.length - 1;
  const submitLabel = mode === "staff" ? "Save answers" : "Send my answers";
  const summaryErrors = errorSource === "submit" ? errors : [];

  return (
    <form
      ref={formRef}
      className={`q-form q-form-${mode}`}
      onSubmit={submit}
      noValidate
      aria-busy={props.submitting || undefined}
    >
      <p className="q-instructions">{instrument.instructions}</p>
      {view.draftSavedAt && !saved ? (
        <p className="alert alert-info">
          Your answers saved at {timeFormat.format(view.draftSavedAt)} on{" "}
          {formatWhen(view.draftSavedAt, view.clinic.timeZone, view.clinic.locale, { dateOnly: true, weekday: false })}{" "}
          are filled in.
        </p>
      ) : null}
      {mode === "staff" && items.length > 1 ? (
        <label className="check q-paper">
          <input
            type="checkbox"
            checked={paper}
            onChange={(e) => {
              setPaper(e.target.checked);
              setErrors([]);
            }}
          />
          Copying a paper form: questions the patient left blank stay blank
        </label>
      ) : null}
      {items.length > 1 ? (
        <div className="q-toggle" role="group" aria-label="How to show the questions">
          <button type="button" className="btn" aria-pressed={layout === "one"} onClick={() => setLayout("one")}>
            One at a time
          </button>
          <button type="button" className="btn" aria-pressed={layout === "all"} onClick={() => setLayout("all")}>
            All at once
          </button>
        </div>
      ) : null}
      {summaryErrors.length > 0 ? (
        <div className="alert alert-error q-summary" role="alert">
          <h2>
            {summaryErrors.length === 1
              ? "1 question needs an answer"
              : `${summaryErrors.length} questions need an answer`}
          </h2>
          <ul>
            {summaryErrors.map((err) => {
              const n = items.findIndex((i) => i.id === err.itemId) + 1;
              return (
                <li key={`${err.itemId}-${err.message}`}>
                  {n > 0 ? (
                    <a
                      href={`#${questionDomId(idPrefix, err.itemId)}`}
                      onClick={(e) => {
                        e.preventDefault();
                        jumpTo(err.itemId);
                      }}
                    >
                      Question {n}: {err.message}
                    </a>
                  ) : (
                    err.message
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      ) : null}

      {layout === "one" ? (
        <section className="q-step" aria-label={`Question ${index + 1} of ${items.length}`}>
          <p className="q-step-heading" tabIndex={-1}>
            Question {index + 1} of {items.length}
          </p>
          <div
            className="q-progress"
            role="progressbar"
            aria-label="Progress"
            aria-valuemin={1}
            aria-valuemax={items.length}
            aria-valuenow={index + 1}
          >
            <span style={{ width: `${((index + 1) / items.length) * 100}%` }} />
          </div>
          {field(index)}
          <div className="q-nav">
            <button type="button" className="btn q-big" disabled={index === 0} onClick={() => goTo(index - 1)}>
              Back
            </button>
            {last ? null : (
              <button type="button" className="btn btn-primary q-big" onClick={next}>
                {(items[index]!.required && complete) || answers.values[items[index]!.id] !== undefined
                  ? "Next"
                  : "Skip"}
              </button>
            )}
          </div>
        </section>
      ) : (
        <div className="q-all">{items.map((_, i) => field(i))}</div>
      )}

      {layout === "all" || last ? (
        <div className="q-send">
          {props.serverError ? (
            <div className="alert alert-error" role="alert">
              {props.serverError}
            </div>
          ) : null}
          <button type="submit" className="btn btn-primary q-big" disabled={props.submitting}>
            {props.submitting ? "Sending…" : submitLabel}
          </button>
        </div>
      ) : null}

      {mode === "patient" && props.onSaveDraft ? (
        <div className="q-draft">
          <button
            type="button"
            className="btn q-big"
            disabled={saving || props.submitting}
            onClick={() => void saveDraft(false)}
          >
            {saving ? "Saving…" : "Save and continue later"}
          </button>
          <p role="status" className="muted">
            {saved && !saved.quiet
              ? `Saved at ${timeFormat.format(saved.at)}. You can close this page and come back with the same link.`
              : ""}
          </p>
          {saved?.quiet ? (
            <p className="muted">Your answers so far were saved at {timeFormat.format(saved.at)}.</p>
          ) : null}
          {saveError ? (
            <div className="alert alert-error" role="alert">
              {saveError}
            </div>
          ) : null}
        </div>
      ) : null}
    </form>
  );
}

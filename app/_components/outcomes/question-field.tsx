"use client";
// One questionnaire item as form controls: a radio group for a choice item, a row of radio
// "buttons" for a 0–10 scale, and for PSFS the activity's name (typed by the patient) above its
// rating. Real inputs inside <fieldset>/<legend>, so labels are clickable and arrow keys work.
import { useState } from "react";
import { MAX_NAME_LENGTH } from "@/server/outcomes/scoring";
import type { InstrumentItem } from "@/server/outcomes/types";

export type QuestionFieldProps = {
  /** Prefix for element ids (one form per page, but keep them unique anyway). */
  idPrefix: string;
  item: InstrumentItem;
  /** 1-based position, shown before the question; null for a one-question instrument. */
  number: number | null;
  value: number | undefined;
  name: string;
  /** PSFS: the activity was named at an earlier answer; shown fixed, with "Change" to edit it. */
  namedBefore: boolean;
  error: string | null;
  /** Announce the error as it appears (one-at-a-time Next); the submit summary announces the rest. */
  announceError: boolean;
  onValue: (value: number | undefined) => void;
  onName: (name: string) => void;
  /** PSFS: drop an optional activity (its name and its rating). */
  onRemove: () => void;
};

export const questionDomId = (idPrefix: string, itemId: string) => `${idPrefix}-item-${itemId}`;

export function QuestionField(p: QuestionFieldProps) {
  const { item } = p;
  const domId = questionDomId(p.idPrefix, item.id);
  const errorId = `${domId}-error`;
  const invalid = p.error !== null;
  const described = invalid ? errorId : undefined;
  return (
    <div id={domId} className={`q-item${invalid ? " q-item-invalid" : ""}`}>
      <fieldset>
        <legend className="q-legend">
          {p.number !== null ? <span className="q-number">{p.number}. </span> : null}
          {item.title ? <span className="q-title">{item.title}</span> : null}
          <span className="q-prompt">
            {item.prompt}
            {/* Some instruments say "(optional)" in their own words already (PSFS). */}
            {item.required || /\(optional\)/i.test(item.prompt) ? null : (
              <span className="q-optional"> (optional)</span>
            )}
          </span>
        </legend>
        {invalid ? (
          <p id={errorId} className="q-error" role={p.announceError ? "alert" : undefined}>
            {p.error}
          </p>
        ) : null}
        {item.patientNamed ? <ActivityName {...p} domId={domId} describedBy={described} /> : null}
        {item.kind === "scale" ? (
          <ScaleInput {...p} describedBy={described} />
        ) : (
          <ChoiceInput {...p} describedBy={described} />
        )}
        {!item.required && p.value !== undefined ? (
          <button type="button" className="btn-link q-clear" onClick={() => p.onValue(undefined)}>
            Clear this answer<span className="visually-hidden">: {item.title ?? item.prompt}</span>
          </button>
        ) : null}
      </fieldset>
    </div>
  );
}

type InputProps = QuestionFieldProps & { describedBy: string | undefined };

function ChoiceInput(p: InputProps) {
  const group = `${p.idPrefix}-${p.item.id}`;
  return (
    <div className="q-options">
      {(p.item.options ?? []).map((o) => {
        const on = p.value === o.value;
        return (
          <label key={o.value} className={`q-option${on ? " q-on" : ""}`}>
            <input
              type="radio"
              name={group}
              value={o.value}
              checked={on}
              onChange={() => p.onValue(o.value)}
              aria-invalid={p.error !== null || undefined}
              aria-describedby={p.describedBy}
            />
            <span>{o.label}</span>
          </label>
        );
      })}
    </div>
  );
}

function ScaleInput(p: InputProps) {
  const min = p.item.min ?? 0;
  const max = p.item.max ?? 10;
  const group = `${p.idPrefix}-${p.item.id}`;
  const anchors = p.item.anchors;
  const steps = Array.from({ length: max - min + 1 }, (_, i) => min + i);
  return (
    <div className="q-scale-wrap">
      {p.item.patientNamed ? (
        <p className="q-scale-caption">
          Your rating, {min} to {max}
        </p>
      ) : null}
      {anchors ? (
        <div className="q-anchors" aria-hidden="true">
          <span>
            {min} = {anchors.min}
          </span>
          <span>
            {max} = {anchors.max}
          </span>
        </div>
      ) : null}
      <div className={`q-scale${steps.length > 6 ? " q-scale-wide" : ""}`}>
        {steps.map((n) => {
          const on = p.value === n;
          const anchor = anchors && n === min ? anchors.min : anchors && n === max ? anchors.max : null;
          return (
            <label key={n} className={`q-scale-step${on ? " q-on" : ""}`}>
              <input
                type="radio"
                name={group}
                value={n}
                checked={on}
                onChange={() => p.onValue(n)}
                aria-invalid={p.error !== null || undefined}
                aria-describedby={p.describedBy}
              />
              <span aria-hidden={anchor ? true : undefined}>{n}</span>
              {anchor ? (
                <span className="visually-hidden">
                  {n}, {anchor}
                </span>
              ) : null}
            </label>
          );
        })}
      </div>
    </div>
  );
}

function ActivityName(p: QuestionFieldProps & { domId: string; describedBy: string | undefined }) {
  const [editing, setEditing] = useState(!p.namedBefore || p.name.trim() === "");
  /** Opened by "Change" or "Remove": the input takes the focus the button had. */
  const [opened, setOpened] = useState(false);
  const open = () => {
    setEditing(true);
    setOpened(true);
  };
  const inputId = `${p.domId}-name`;
  if (!editing) {
    return (
      <div className="q-activity">
        <span className="muted">Activity</span>
        <p className="q-activity-fixed">
          <strong>{p.name}</strong>{" "}
          <button type="button" className="btn-link" onClick={open}>
            Change<span className="visually-hidden"> {p.item.title ?? "activity"}</span>
          </button>
          {p.item.required ? null : (
            <>
              {" · "}
              <button
                type="button"
                className="btn-link"
                onClick={() => {
                  p.onRemove();
                  open();
                }}
              >
                Remove<span className="visually-hidden"> {p.item.title ?? "activity"}</span>
              </button>
            </>
          )}
        </p>
      </div>
    );
  }
  return (
    <div className="field q-activity">
      <label htmlFor={inputId}>Activity in your own words</label>
      <input
        id={inputId}
        type="text"
        maxLength={MAX_NAME_LENGTH}
        autoFocus={opened}
        autoComplete="off"
        value={p.name}
        onChange={(e) => p.onName(e.target.value)}
        aria-invalid={(p.error !== null && p.name.trim() === "") || undefined}
        aria-describedby={p.describedBy}
      />
    </div>
  );
}

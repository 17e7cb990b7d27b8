// What was answered, read-only: each question with the chosen option's words (PSFS: the
// activity in the patient's words with its rating), and the score line. Neutral on purpose —
// patients see it too, so no interpretation beyond the score.
import type { Answers, Instrument, InstrumentItem } from "@/server/outcomes/types";
import type { ResponseSummary } from "@/server/outcomes/views";

export type QuestionnaireAnswersProps = {
  instrument: Instrument;
  answers: Answers;
  /** The stored result; null hides the score line. */
  result: Pick<ResponseSummary, "scoreLabel" | "scoreNote" | "unscoredReason"> | null;
  /** The section's heading ("Your answers") and its level, to fit the page around it. */
  title?: string;
  headingLevel?: 2 | 3;
};

function answerText(item: InstrumentItem, value: number | undefined): string {
  if (value === undefined) return item.required ? "Not answered" : "Skipped";
  if (item.kind === "choice") return item.options?.find((o) => o.value === value)?.label ?? String(value);
  const max = item.max ?? 10;
  const min = item.min ?? 0;
  const anchor =
    item.anchors && value === min
      ? ` (${item.anchors.min})`
      : item.anchors && value === max
        ? ` (${item.anchors.max})`
        : "";
  return `${value} out of ${max}${anchor}`;
}

export function ScoreLine({
  instrument,
  result,
}: {
  instrument: Instrument;
  result: Pick<ResponseSummary, "scoreLabel" | "scoreNote" | "unscoredReason">;
}) {
  return result.scoreLabel !== null ? (
    <p className="q-score">
      Score: <strong>{result.scoreLabel}</strong>
      {result.scoreNote ? `, ${result.scoreNote}` : ""} ({instrument.name})
    </p>
  ) : (
    <p className="q-score">Not scored: {result.unscoredReason ?? "not enough questions were answered."}</p>
  );
}

export function QuestionnaireAnswers({
  instrument,
  answers,
  result,
  title = "Your answers",
  headingLevel = 2,
}: QuestionnaireAnswersProps) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  // PSFS: an optional activity left blank is not an answer worth listing.
  const shown = instrument.items.filter(
    (i) => !(i.patientNamed && !i.required && answers.values[i.id] === undefined && !answers.names?.[i.id]),
  );
  return (
    <section className="q-answers" aria-label={`${title}: ${instrument.name}`}>
      <Heading>{title}</Heading>
      {result ? <ScoreLine instrument={instrument} result={result} /> : null}
      <dl>
        {shown.map((item) => {
          const n = instrument.items.indexOf(item) + 1;
          const question = item.patientNamed
            ? answers.names?.[item.id] || `Activity ${n}`
            : (item.title ?? item.prompt);
          return (
            <div key={item.id} className="q-answer">
              <dt>
                {instrument.items.length > 1 ? `${n}. ` : ""}
                {question}
              </dt>
              <dd>{answerText(item, answers.values[item.id])}</dd>
            </div>
          );
        })}
      </dl>
    </section>
  );
}

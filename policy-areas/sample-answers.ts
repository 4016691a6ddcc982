/**
 * Answers made up from a form: every question that is required, given the answers so far (and an
 * earlier form's, for a reply whose questions depend on what the request asked). The tests use the
 * fixed values; the history generator (db/generate-history.ts) passes a picker that varies them.
 */
import type { Answers, AnswerValue, Form, Question } from './types.js';

/** A value for a question; the default gives the same valid value every time. */
export type AnswerPicker = (q: Question) => AnswerValue;

export const fixedAnswer: AnswerPicker = (q) =>
  ({ 'yes-no': true, choice: q.options?.[0].code, 'multiple-choice': q.options?.map((o) => o.code), date: '2001-02-03', number: 1, text: 'text', document: 'doc-1' })[q.type] as AnswerValue;

export function answersFor(form: Form | undefined, earlier: Answers = {}, pick: AnswerPicker = fixedAnswer): Answers {
  const answers: Answers = {};
  // A conditional question may depend on an answer given in this very loop: repeat until stable.
  for (let grew = true; grew; ) {
    grew = false;
    for (const q of form?.questions ?? []) {
      if (q.id in answers) continue;
      const cond = q.requiredWhen;
      const earlierValue = cond ? (answers[cond.question] ?? earlier[cond.question]) : undefined;
      const needed = q.required || (cond && (Array.isArray(earlierValue) ? earlierValue.includes(String(cond.is)) : earlierValue === cond.is));
      if (!needed) continue;
      answers[q.id] = pick(q);
      grew = true;
    }
  }
  return answers;
}

/**
 * The shape of a procedure definition. Definitions are plain JSON data in `policy-areas/<area>/`;
 * this module only holds types and pure helpers, so workflow code may import it.
 */

/** A string in several languages, keyed by ISO 639-1 code. English is always present. */
export type LocalisedText = { en: string } & Record<string, string>;

export type QuestionType = 'yes-no' | 'choice' | 'multiple-choice' | 'date' | 'number' | 'text' | 'document';

export interface AnswerOption {
  code: string;
  label: LocalisedText;
}

/** A question is required outright, or only when an earlier answer has a given value. */
export interface RequiredWhen {
  question: string;
  /** For choice/yes-no answers: the answer equals this code. For multiple-choice: the answer includes it. */
  is: string | boolean;
}

export interface Question {
  id: string;
  type: QuestionType;
  label: LocalisedText;
  options?: AnswerOption[];
  required?: boolean;
  requiredWhen?: RequiredWhen;
  /** Personal data is hidden from the responding side until it accepts the request (need-to-know). */
  personalData?: boolean;
  maxLength?: number;
}

export interface Form {
  questions: Question[];
}

export interface ProcedureDeadlines {
  /** Calendar days the responder has to accept a request, counted from its submission. */
  acceptanceDays: number;
  /** Days before the acceptance deadline at which the responder is reminded. */
  acceptanceReminderDaysBefore: number;
  /** Days before the agreed reply date at which the responder is reminded. */
  replyReminderDaysBefore: number;
  /** Latest reply date a requester may ask for, in days from submission. */
  maxReplyDays: number;
  /** How long after closure the requester may still reopen the case (IMI's 6-month visibility window). */
  reopenWindowDays: number;
}

export interface ProcedureDefinition {
  id: string;
  version: number;
  area: string;
  kind: 'request-reply';
  title: LocalisedText;
  legalBasis: string;
  deadlines: ProcedureDeadlines;
  /** Filled in by the requesting authority when it sends the request. */
  request: Form;
  /** Filled in by the responding authority when it replies. */
  reply: Form;
}

export type AnswerValue = string | number | boolean | string[];
export type Answers = Record<string, AnswerValue>;

export interface FormProblem {
  path: string;
  message: string;
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !DATE_RE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

function isRequired(q: Question, answers: Answers, earlierAnswers: Answers): boolean {
  if (q.required) return true;
  if (!q.requiredWhen) return false;
  const earlier = answers[q.requiredWhen.question] ?? earlierAnswers[q.requiredWhen.question];
  return Array.isArray(earlier) ? earlier.includes(String(q.requiredWhen.is)) : earlier === q.requiredWhen.is;
}

function checkValue(q: Question, value: AnswerValue): string | undefined {
  const codes = new Set((q.options ?? []).map((o) => o.code));
  switch (q.type) {
    case 'yes-no':
      return typeof value === 'boolean' ? undefined : 'must be true or false';
    case 'choice':
      return typeof value === 'string' && codes.has(value) ? undefined : `must be one of ${[...codes].join(', ')}`;
    case 'multiple-choice':
      if (!Array.isArray(value) || value.length === 0) return 'must be a non-empty list of option codes';
      if (new Set(value).size !== value.length) return 'must not repeat an option';
      return value.every((v) => codes.has(v)) ? undefined : `must only contain ${[...codes].join(', ')}`;
    case 'date':
      return isIsoDate(value) ? undefined : 'must be a date (YYYY-MM-DD)';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : 'must be a number';
    case 'document':
      // A reference to an attachment stored beside the case (document storage comes with attachments).
      return typeof value === 'string' && value.trim() !== '' ? undefined : 'must be a document reference';
    case 'text':
      if (typeof value !== 'string' || value.trim() === '') return 'must be a non-empty text';
      return value.length > (q.maxLength ?? 4000) ? `must be at most ${q.maxLength ?? 4000} characters` : undefined;
  }
}

/**
 * Checks answers against a form: unknown questions, missing required ones, wrongly typed values.
 * `earlierAnswers` are the answers of an earlier form of the same case (a reply's conditions may
 * depend on what the request asked).
 */
export function validateAnswers(
  form: Form,
  answers: Answers,
  { earlierAnswers = {}, pathPrefix = 'answers' }: { earlierAnswers?: Answers; pathPrefix?: string } = {},
): FormProblem[] {
  const problems: FormProblem[] = [];
  const known = new Map(form.questions.map((q) => [q.id, q]));
  for (const id of Object.keys(answers)) {
    if (!known.has(id)) problems.push({ path: `${pathPrefix}.${id}`, message: 'is not a question of this form' });
  }
  for (const q of form.questions) {
    const value = answers[q.id];
    if (value === undefined || value === null) {
      if (isRequired(q, answers, earlierAnswers)) problems.push({ path: `${pathPrefix}.${q.id}`, message: 'is required' });
      continue;
    }
    const problem = checkValue(q, value);
    if (problem) problems.push({ path: `${pathPrefix}.${q.id}`, message: problem });
  }
  return problems;
}

/** The ids of the questions whose answers are personal data. */
export function personalDataQuestions(form: Form): Set<string> {
  return new Set(form.questions.filter((q) => q.personalData).map((q) => q.id));
}

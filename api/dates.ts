import { isIsoDate, type FormProblem } from '../policy-areas/types.js';

const DAY = 86_400_000;

/** A reply date the other side can still meet: after today (UTC) and within a year. */
export function checkReplyDate(value: string, path: string, problems: FormProblem[], now = Date.now()): void {
  const today = new Date(now).toISOString().slice(0, 10);
  const latest = new Date(now + 366 * DAY).toISOString().slice(0, 10);
  if (!isIsoDate(value)) problems.push({ path, message: 'must be a date (YYYY-MM-DD)' });
  else if (value <= today) problems.push({ path, message: 'must be after today' });
  else if (value > latest) problems.push({ path, message: `must be on or before ${latest}` });
}

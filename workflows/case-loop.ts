/** What both case workflows (format 1 and the interpreter) share: failures for refusals, and the deadline loop. */
import { ApplicationFailure, condition } from '@temporalio/workflow';
import { CaseError } from './case-machine.js';
import type { CaseEvent } from './contract.js';

/** A refusal becomes a non-retryable failure whose type the API maps to an HTTP status. */
export function asFailure(err: unknown): unknown {
  if (err instanceof CaseError) return ApplicationFailure.create({ type: err.type, message: err.message, nonRetryable: true });
  return err;
}

export interface TimedMachine {
  readonly finished: boolean;
  timers(): { at: number }[];
  fireDue(now: number): CaseEvent[];
}

/**
 * Sleeps until the next deadline falls due and fires it, until the case is finished. Any change
 * (`changes()` counts the actions applied) can move the deadlines, so it wakes the loop to re-plan.
 */
export async function runDeadlines(machine: TimedMachine, changes: () => number, persist: (events: CaseEvent[]) => Promise<void>): Promise<void> {
  while (!machine.finished) {
    const next = machine.timers()[0];
    const seen = changes();
    if (!next) {
      await condition(() => changes() !== seen);
      continue;
    }
    const wait = next.at - Date.now();
    const changed = wait > 0 && (await condition(() => changes() !== seen, wait));
    if (!changed) await persist(machine.fireDue(Date.now()));
  }
}

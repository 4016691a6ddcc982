/**
 * The one workflow that runs every format-2 procedure. The definition comes in the input, so the
 * rules a case runs under are fixed when it starts: publishing a new version never changes it.
 */
import {
  allHandlersFinished,
  condition,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { CaseActivities } from '../activities/index.js';
import { asFailure, runDeadlines } from './case-loop.js';
import {
  interpretedActionUpdate,
  openedRecordUpdate,
  recordQuery,
  searchAttributes,
  type CaseEvent,
  type InterpretedActionRequest,
  type InterpretedCaseInput,
} from './contract.js';
import { Interpreter } from './interpreter.js';

// As for format-1 cases: one small idempotent transaction, retried for as long as PostgreSQL is away.
const { recordCase } = proxyActivities<CaseActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

// Machine translation waits for a provider that is down (retried for up to three days) without
// holding the case up: it is started, not awaited, by the handler that recorded the text.
const { translateText } = proxyActivities<CaseActivities>({
  startToCloseTimeout: '1 minute',
  scheduleToCloseTimeout: '3 days',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

export async function interpretedCase(input: InterpretedCaseInput): Promise<{ status: string; seq: number }> {
  const type = workflowInfo().workflowType;
  let machine: Interpreter;
  try {
    machine = new Interpreter(input, Date.now());
  } catch (err) {
    throw asFailure(err);
  }
  let opened = false;
  let changes = 0;
  // Chained, so the event log and the case row advance in the order events happened.
  let writes: Promise<void> = Promise.resolve();
  const persist = (events: CaseEvent[]): Promise<void> => {
    if (events.length === 0) return writes;
    const record = machine.record();
    writes = writes.then(() => recordCase({ record, events, workflowType: type, requestHash: input.requestHash }));
    if (input.searchAttributes) {
      const replyBy = record.deadlines[Object.keys(input.procedure.deadlines).find((id) => 'replyDate' in input.procedure.deadlines[id].length) ?? ''];
      upsertSearchAttributes([
        { key: searchAttributes.status, value: record.status },
        { key: searchAttributes.countries, value: [...new Set(Object.values(record.parties).flat().map((p) => p.country))] },
        // Every flag a definition raises marks a missed deadline.
        { key: searchAttributes.overdue, value: record.flags.length > 0 },
        ...(replyBy ? [{ key: searchAttributes.replyBy, value: new Date(replyBy) }] : []),
      ]);
    }
    return writes;
  };

  const translations: Promise<unknown>[] = [];
  /** Free text into every other language of the parties; cases started before this existed skip it. */
  const translate = (seq: number, text: unknown, from: string | undefined) => {
    if (typeof text !== 'string' || !text.trim() || !from || !patched('machine-translation')) return;
    const targets = new Set(Object.values(machine.state.parties).flatMap((ps) => ps.map((p) => p.language)));
    for (const to of targets) {
      if (!to || to === from) continue;
      translations.push(translateText({ caseId: input.caseId, seq, field: 'message', text, from, to }).catch(() => undefined));
    }
  };

  for (const action of Object.keys(input.procedure.actions)) {
    setHandler(
      interpretedActionUpdate(action),
      async ({ actor, input: body }: InterpretedActionRequest) => {
        await condition(() => opened);
        const events = machine.apply(action, actor, body, Date.now());
        changes += 1;
        await persist(events);
        for (const e of events) translate(e.seq, e.payload.message, actor.language);
        return machine.record();
      },
      {
        validator: ({ actor, input: body }: InterpretedActionRequest) => {
          try {
            machine.check(action, actor, body, Date.now());
          } catch (err) {
            throw asFailure(err);
          }
        },
      },
    );
  }
  setHandler(openedRecordUpdate, async () => {
    await condition(() => opened);
    return machine.record();
  });
  setHandler(recordQuery, () => machine.record());

  const started = machine.started(input.startedBy);
  await persist(started);
  translate(started[0].seq, input.message, input.startedBy.language);
  opened = true;

  await runDeadlines(machine, () => changes, persist);
  await writes;
  await Promise.all(translations);
  await condition(allHandlersFinished);
  return { status: machine.state.status, seq: machine.state.seq };
}

/**
 * The workflow behind every request-and-reply procedure. The procedure's definition comes in the
 * input, so the rules a case runs under are fixed when it starts.
 */
import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { CaseActivities } from '../activities/index.js';
import { CaseError, CaseMachine, replyDeadline } from './case-machine.js';
import {
  actionUpdates,
  CASE_ACTIONS,
  type ActionRequest,
  type CaseAction,
  type CaseEvent,
  type CaseInput,
  type CaseOutcome,
  openedUpdate,
  searchAttributes,
  snapshotQuery,
} from './contract.js';

// Recording a transition is one small transaction: retry it for as long as PostgreSQL is away
// (the write is idempotent). 10 s per attempt is ample, and bounds how long a case waits when
// the worker running the attempt dies.
const { recordTransition } = proxyActivities<CaseActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** The workflow sandbox has no structuredClone; snapshots are plain JSON anyway. */
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value));

function asFailure(err: unknown): unknown {
  if (err instanceof CaseError) return ApplicationFailure.create({ type: err.type, message: err.message, nonRetryable: true });
  return err;
}

export async function requestReplyCase(input: CaseInput): Promise<CaseOutcome> {
  if (workflowInfo().workflowType !== input.procedure.id) {
    throw ApplicationFailure.create({
      type: 'UnknownProcedure',
      message: `workflow type ${workflowInfo().workflowType} does not run procedure ${input.procedure.id}`,
      nonRetryable: true,
    });
  }
  const machine = new CaseMachine(input, Date.now());
  let opened = false;
  let changes = 0;
  // Writes are chained so the event log and the case row advance in the order events happened,
  // even when an update handler and a timer produce events in the same workflow task.
  let writes: Promise<void> = Promise.resolve();
  const persist = (events: CaseEvent[]): Promise<void> => {
    if (events.length === 0) return writes;
    const snapshot = copy(machine.state);
    writes = writes.then(() => recordTransition({ snapshot, events, workflowType: workflowInfo().workflowType }));
    if (input.searchAttributes) publishSearchAttributes(machine);
    return writes;
  };

  for (const action of CASE_ACTIONS) {
    setHandler(
      actionUpdates[action],
      async (req: ActionRequest<CaseAction>) => {
        await condition(() => opened);
        const events = machine.apply(action, req, Date.now());
        changes += 1;
        await persist(events);
        return copy(machine.state);
      },
      {
        validator: (req: ActionRequest<CaseAction>) => {
          try {
            machine.check(action, req, Date.now());
          } catch (err) {
            throw asFailure(err);
          }
        },
      },
    );
  }
  setHandler(openedUpdate, async () => {
    await condition(() => opened);
    return copy(machine.state);
  });
  setHandler(snapshotQuery, () => machine.state);

  await persist(machine.submitted(input.submittedBy));
  opened = true;

  while (!machine.finished) {
    const next = machine.timers()[0];
    const seen = changes;
    // Any action can move the deadlines, so every change wakes the loop to re-plan its timer.
    if (!next) {
      await condition(() => changes !== seen);
      continue;
    }
    const wait = next.at - Date.now();
    const changed = wait > 0 && (await condition(() => changes !== seen, wait));
    if (!changed) await persist(machine.fireDue(Date.now()));
  }
  await writes;
  await condition(allHandlersFinished);
  return { status: machine.state.status, seq: machine.state.seq };
}

function publishSearchAttributes(machine: CaseMachine): void {
  const s = machine.state;
  upsertSearchAttributes([
    { key: searchAttributes.status, value: s.status },
    { key: searchAttributes.countries, value: [...new Set([s.requester.country, s.responder.country])] },
    { key: searchAttributes.replyBy, value: new Date(replyDeadline(s.agreedReplyBy)) },
    { key: searchAttributes.overdue, value: s.overdue },
  ]);
}

/**
 * The workflow behind every request-and-reply procedure. The procedure's definition comes in the
 * input, so the rules a case runs under are fixed when it starts.
 */
import {
  allHandlersFinished,
  condition,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { CaseActivities } from '../activities/index.js';
import { asFailure, runDeadlines } from './case-loop.js';
import { CaseMachine, replyDeadline } from './case-machine.js';
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

export async function requestReplyCase(input: CaseInput): Promise<CaseOutcome> {
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

  await runDeadlines(machine, () => changes, persist);
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

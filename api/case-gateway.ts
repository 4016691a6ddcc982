/**
 * The API's only door to Temporal: start a case, act on it. Keeping it small lets route tests see
 * exactly which workflow got which message.
 */
import type { Client } from '@temporalio/client';
import {
  actionUpdates,
  caseWorkflowId,
  openedUpdate,
  searchAttributes,
  type ActionRequest,
  type CaseAction,
  type CaseInput,
  type CaseSnapshot,
} from '../workflows/contract.js';

export interface CaseGateway {
  /** Starts the case's workflow (or finds it, for a repeated Idempotency-Key) once it is recorded. */
  open(input: CaseInput): Promise<CaseSnapshot>;
  act<A extends CaseAction>(caseId: string, action: A, req: ActionRequest<A>, idempotencyKey?: string): Promise<CaseSnapshot>;
}

export function createCaseGateway(client: Client, { taskQueue }: { taskQueue: string }): CaseGateway {
  return {
    async open(input) {
      const workflowId = caseWorkflowId(input.caseId);
      const handle = await client.workflow.start(input.procedure.id, {
        workflowId,
        taskQueue,
        args: [input],
        // The workflow id derives from the case id, itself derived from the Idempotency-Key:
        // a second start with the same key joins the running case instead of failing.
        workflowIdConflictPolicy: 'USE_EXISTING',
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        typedSearchAttributes: input.searchAttributes
          ? [
              { key: searchAttributes.procedure, value: input.procedure.id },
              { key: searchAttributes.status, value: 'submitted' },
              { key: searchAttributes.countries, value: [input.requester.country, input.responder.country] },
            ]
          : undefined,
      });
      // The update completes once the workflow has written the case to PostgreSQL, so the case
      // can be read back as soon as this returns.
      return handle.executeUpdate(openedUpdate, { updateId: 'opened' });
    },
    async act(caseId, action, req, idempotencyKey) {
      const handle = client.workflow.getHandle(caseWorkflowId(caseId));
      return handle.executeUpdate(actionUpdates[action] as never, {
        args: [req] as never,
        updateId: idempotencyKey ? `${action}:${req.actor.login}:${idempotencyKey}` : undefined,
      }) as Promise<CaseSnapshot>;
    },
  };
}

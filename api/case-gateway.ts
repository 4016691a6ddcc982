/**
 * The API's only door to Temporal: start a case, act on it. Keeping it small lets route tests see
 * exactly which workflow got which message.
 */
import type { Client } from '@temporalio/client';
import type { CaseRecord } from '../workflows/interpreter.js';
import {
  caseWorkflowId,
  interpretedActionUpdate,
  openedRecordUpdate,
  searchAttributes,
  type InterpretedActionRequest,
  type InterpretedCaseInput,
} from '../workflows/contract.js';

export interface CaseGateway {
  /** Starts the case's workflow (or finds it, for a repeated Idempotency-Key) once it is recorded. */
  open(input: InterpretedCaseInput): Promise<CaseRecord>;
  /**
   * Sends an action as the update named like it. Format-1 cases take the same {actor, input}
   * request under the same names, so cases started before the interpreter still run.
   */
  act(caseId: string, action: string, req: InterpretedActionRequest, idempotencyKey?: string): Promise<unknown>;
}

export function createCaseGateway(client: Client, { taskQueue }: { taskQueue: string }): CaseGateway {
  return {
    async open(input) {
      const countries = [...new Set(Object.values(input.parties).flat().map((p) => p.country))];
      const handle = await client.workflow.start(input.procedure.id, {
        workflowId: caseWorkflowId(input.caseId),
        taskQueue,
        args: [input],
        // The workflow id derives from the case id, itself derived from the Idempotency-Key:
        // a second start with the same key joins the running case instead of failing.
        workflowIdConflictPolicy: 'USE_EXISTING',
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        typedSearchAttributes: input.searchAttributes
          ? [
              { key: searchAttributes.procedure, value: input.procedure.id },
              { key: searchAttributes.status, value: input.procedure.start.state },
              { key: searchAttributes.countries, value: countries },
            ]
          : undefined,
      });
      // The update completes once the workflow has written the case to PostgreSQL, so the case
      // can be read back as soon as this returns.
      return handle.executeUpdate(openedRecordUpdate, { updateId: 'opened' });
    },
    async act(caseId, action, req, idempotencyKey) {
      const handle = client.workflow.getHandle(caseWorkflowId(caseId));
      return handle.executeUpdate(interpretedActionUpdate(action), {
        args: [req],
        updateId: idempotencyKey ? `${action}:${req.actor.login}:${idempotencyKey}` : undefined,
      });
    },
  };
}

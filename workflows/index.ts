/**
 * The single `workflowsPath` entry of the worker. Each procedure is its own workflow type, named by
 * the procedure's id; ids such as `pq-information-request` are not JavaScript names, so the
 * dispatcher is the default export, which Temporal runs for any type without a named export. A
 * newly published procedure therefore runs without a worker restart: its definition is in the input.
 */
import { ApplicationFailure, workflowInfo } from '@temporalio/workflow';
import type { CaseInput, InterpretedCaseInput } from './contract.js';
import { interpretedCase } from './interpreted-case.js';
import { requestReplyCase } from './request-reply.js';

export default async function liaisonCase(input: CaseInput | InterpretedCaseInput) {
  const type = workflowInfo().workflowType;
  if (type !== input.procedure.id) {
    throw ApplicationFailure.create({ type: 'UnknownProcedure', message: `workflow type ${type} does not run procedure ${input.procedure.id}`, nonRetryable: true });
  }
  // Format-1 cases (the hand-built request-and-reply machine) keep running on it until they end.
  if ('format' in input.procedure && input.procedure.format === 2) return interpretedCase(input as InterpretedCaseInput);
  return requestReplyCase(input as CaseInput);
}

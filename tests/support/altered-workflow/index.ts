/**
 * A deliberately non-deterministic change of the case workflow: a timer before the story starts.
 * The replay test uses it to prove that recorded histories catch such a change.
 */
import { sleep } from '@temporalio/workflow';
import { requestReplyCase } from '../../../workflows/request-reply.js';
import type { CaseInput } from '../../../workflows/contract.js';

export default async function alteredCase(input: CaseInput) {
  await sleep('1 minute');
  return requestReplyCase(input);
}

/**
 * One PQ information request through start → accept → reply → close on each of the worker's two
 * case workflows: the hand-written format-1 machine (workflows/request-reply.ts, fed the recovered
 * v1 definition) and the generic format-2 interpreter (workflows/interpreted-case.ts). Both are driven
 * by the same bare-client calls with the same options, so what differs is the workflow code and its input.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Client } from '@temporalio/client';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { requestHash } from '../../api/idempotency.js';
import type { ProcedureV2 } from '../../policy-areas/language.js';
import type { Answers, ProcedureDefinition } from '../../policy-areas/types.js';
import { repoRoot } from '../../scripts/lib/temporal-cli.js';
import { replyBody, requestBody } from '../../tests/support/factories.js';
import {
  actionUpdates,
  caseWorkflowId,
  interpretedActionUpdate,
  openedRecordUpdate,
  openedUpdate,
  searchAttributes,
  type Actor,
  type CaseInput,
  type InterpretedCaseInput,
} from '../../workflows/contract.js';
import { caseInput, CLOSE_BODY, timedSteps, type CaseTiming } from './flows.js';

export const KINDS = ['interpreter', 'handwritten'] as const;
export type Kind = (typeof KINDS)[number];

export interface KindContext {
  client: Client;
  taskQueue: string;
  v1: ProcedureDefinition;
  v2: ProcedureV2;
  requester: Actor;
  responder: Actor;
}

/** The format-1 definition the hand-written machine ran before the interpreter took over (git 1d83ec8). */
export async function loadV1Definition(): Promise<ProcedureDefinition> {
  return JSON.parse(await readFile(`${repoRoot}/bench/fixtures/pq-information-request.v1.json`, 'utf8'));
}

/** The format-2 input the API builds for `requestBody(...)`. */
export function v2Input(ctx: KindContext): InterpretedCaseInput {
  return caseInput({ ...ctx, procedure: ctx.v2, searchAttributes: true });
}

/** The format-1 input the API built for the same request before the interpreter (bench/lib/flows.ts at 1d83ec8). */
export function v1Input(ctx: KindContext): CaseInput {
  const body = requestBody(ctx.responder.authorityId);
  return {
    caseId: randomUUID(),
    procedure: ctx.v1,
    requester: { authorityId: ctx.requester.authorityId, country: ctx.requester.country },
    responder: { authorityId: ctx.responder.authorityId, country: ctx.responder.country },
    submittedBy: ctx.requester,
    answers: body.answers as Answers,
    message: body.message,
    replyBy: body.replyBy,
    requestHash: requestHash(body),
    searchAttributes: true,
  };
}

type Status = { status: string };

/**
 * Start and the `opened` update, as api/case-gateway.ts does it, but for either input shape: the
 * gateway only takes format-2 input, and one code path for both keeps the comparison fair.
 */
async function open(ctx: KindContext, kind: Kind, input: CaseInput | InterpretedCaseInput): Promise<string> {
  const countries = [ctx.requester.country, ctx.responder.country];
  const handle = await ctx.client.workflow.start(input.procedure.id, {
    workflowId: caseWorkflowId(input.caseId),
    taskQueue: ctx.taskQueue,
    args: [input],
    workflowIdConflictPolicy: 'USE_EXISTING',
    workflowIdReusePolicy: 'REJECT_DUPLICATE',
    typedSearchAttributes: [
      { key: searchAttributes.procedure, value: input.procedure.id },
      { key: searchAttributes.status, value: 'submitted' },
      { key: searchAttributes.countries, value: countries },
    ],
  });
  // Both are the update named `opened`; they differ only in the type of what they return.
  const opened = kind === 'interpreter' ? openedRecordUpdate : openedUpdate;
  return ((await handle.executeUpdate(opened as typeof openedUpdate, { updateId: 'opened' })) as Status).status;
}

/** One case of `kind`; its workflow id goes to `done` once it is closed, for the replay. */
export async function kindCase(ctx: KindContext, kind: Kind, done: string[]): Promise<CaseTiming> {
  const input = kind === 'interpreter' ? v2Input(ctx) : v1Input(ctx);
  const handle = ctx.client.workflow.getHandle(caseWorkflowId(input.caseId));
  const act = async (name: 'accept' | 'reply' | 'close', actor: Actor, body: unknown): Promise<string> => {
    const update = kind === 'interpreter' ? interpretedActionUpdate(name) : actionUpdates[name];
    return ((await handle.executeUpdate(update as never, { args: [{ actor, input: body }] as never })) as Status).status;
  };
  const timing = await timedSteps({
    start: () => open(ctx, kind, input),
    accept: () => act('accept', ctx.responder, {}),
    reply: () => act('reply', ctx.responder, replyBody),
    close: () => act('close', ctx.requester, CLOSE_BODY),
  });
  done.push(handle.workflowId);
  return timing;
}

export type CaseCount = { version: number; status: string; n: number };

/** What PostgreSQL recorded, by definition version (1: hand-written, 2: interpreter) and status. */
export async function casesByVersion(db: Db): Promise<CaseCount[]> {
  const rows = await db.execute<CaseCount>(
    sql`select procedure_version as version, status, count(*)::int as n from cases group by 1, 2 order by 1, 2`,
  );
  return [...rows].map((r) => ({ version: r.version, status: r.status, n: r.n }));
}

/** Each expected count PostgreSQL does not have, as an error. */
export function mismatches(db: CaseCount[], expected: CaseCount[]): string[] {
  return expected
    .map((e) => ({ ...e, found: db.find((r) => r.version === e.version && r.status === e.status)?.n ?? 0 }))
    .filter((e) => e.found !== e.n)
    .map((e) => `database: expected ${e.n} v${e.version} cases ${e.status}, found ${e.found} (${JSON.stringify(db)})`);
}

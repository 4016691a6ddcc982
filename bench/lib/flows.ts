/**
 * The two ways of running one case through start → accept → reply → close: through the HTTP API
 * (what officials' tools do), and with the bare Temporal client (the floor the API adds to).
 */
import { randomUUID } from 'node:crypto';
import { createCaseGateway } from '../../api/case-gateway.js';
import { requestHash } from '../../api/idempotency.js';
import type { Client } from '@temporalio/client';
import type { ProcedureV2 } from '../../policy-areas/language.js';
import type { Answers } from '../../policy-areas/types.js';
import { replyBody, requestBody } from '../../tests/support/factories.js';
import type { Actor, InterpretedCaseInput } from '../../workflows/contract.js';
import type { CaseRecord } from '../../workflows/interpreter.js';

type CaseStatus = string;

export const STEPS = ['start', 'accept', 'reply', 'close'] as const;
export type Step = (typeof STEPS)[number];
export type CaseTiming = Record<Step, number> & { total: number };

export const CLOSE_BODY = { timeliness: 5, efforts: 4 };

/** Runs the steps in order, timing each, and checks the status each one leads to. */
export async function timedSteps(steps: Record<Step, () => Promise<CaseStatus>>): Promise<CaseTiming> {
  const expected: Record<Step, CaseStatus> = { start: 'submitted', accept: 'accepted', reply: 'replied', close: 'closed' };
  const timing = { total: 0 } as CaseTiming;
  const t0 = performance.now();
  for (const step of STEPS) {
    const s0 = performance.now();
    const status = await steps[step]();
    timing[step] = performance.now() - s0;
    if (status !== expected[step]) throw new Error(`${step}: expected status ${expected[step]}, got ${status}`);
  }
  timing.total = performance.now() - t0;
  return timing;
}

// ---------------------------------------------------------------------------------------------
// Path A: the HTTP API

export interface ApiContext {
  baseUrl: string;
  requesterToken: string;
  responderToken: string;
  responderAuthorityId: string;
}

export async function devToken(baseUrl: string, user: string): Promise<string> {
  const res = await fetch(`${baseUrl}/v1/auth/dev-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user }),
  });
  if (!res.ok) throw new Error(`dev-token for ${user}: HTTP ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

async function post(url: string, token: string, body: unknown, expectStatus: number): Promise<{ id: string; status: CaseStatus }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status !== expectStatus) throw new Error(`POST ${new URL(url).pathname}: HTTP ${res.status} (expected ${expectStatus}): ${text.slice(0, 500)}`);
  return JSON.parse(text);
}

export function apiCase(ctx: ApiContext): Promise<CaseTiming> {
  let id = '';
  const action = (name: string) => `${ctx.baseUrl}/v1/cases/${id}/actions/${name}`;
  return timedSteps({
    start: async () => {
      const created = await post(`${ctx.baseUrl}/v1/cases`, ctx.requesterToken, requestBody(ctx.responderAuthorityId), 201);
      id = created.id;
      return created.status;
    },
    accept: async () => (await post(action('accept'), ctx.responderToken, {}, 200)).status,
    reply: async () => (await post(action('reply'), ctx.responderToken, replyBody, 200)).status,
    close: async () => (await post(action('close'), ctx.requesterToken, CLOSE_BODY, 200)).status,
  });
}

// ---------------------------------------------------------------------------------------------
// Path B: the bare Temporal client, doing what api/case-gateway.ts does for the same requests

export interface ClientContext {
  client: Client;
  taskQueue: string;
  procedure: ProcedureV2;
  requester: Actor;
  responder: Actor;
  searchAttributes: boolean;
}

/** The input the API would build for `requestBody(...)` sent by the requester. */
export function caseInput(ctx: ClientContext): InterpretedCaseInput {
  const body = requestBody(ctx.responder.authorityId);
  return {
    caseId: randomUUID(),
    procedure: ctx.procedure,
    parties: {
      // As the API resolves them: with the language each reads, so free text is machine-translated on both paths.
      requester: [{ authorityId: ctx.requester.authorityId, country: ctx.requester.country, language: ctx.requester.language }],
      responder: [{ authorityId: ctx.responder.authorityId, country: ctx.responder.country, language: ctx.responder.language }],
    },
    startedBy: ctx.requester,
    answers: body.answers as Answers,
    message: body.message,
    replyBy: body.replyBy,
    requestHash: requestHash(body),
    searchAttributes: ctx.searchAttributes,
  };
}

/**
 * The same flow through the bare Temporal client: the API's gateway is exactly the client calls
 * (start + the "opened" update, then one update per action) without HTTP, auth or PostgreSQL reads.
 */
export function clientCase(ctx: ClientContext): Promise<CaseTiming> {
  const input = caseInput(ctx);
  const gateway = createCaseGateway(ctx.client, { taskQueue: ctx.taskQueue });
  const act = async (name: 'accept' | 'reply' | 'close', actor: Actor, payload: unknown): Promise<CaseStatus> =>
    ((await gateway.act(input.caseId, name, { actor, input: payload as never })) as CaseRecord).status;
  return timedSteps({
    start: async () => (await gateway.open(input)).status,
    accept: () => act('accept', ctx.responder, {}),
    reply: () => act('reply', ctx.responder, replyBody),
    close: () => act('close', ctx.requester, CLOSE_BODY),
  });
}

// ---------------------------------------------------------------------------------------------

export interface BatchResult {
  timings: CaseTiming[];
  errors: string[];
  wallMs: number;
}

/** Runs `n` cases, `concurrency` at a time. Failed cases are counted, not timed. */
export async function runBatch(n: number, concurrency: number, runCase: () => Promise<CaseTiming>): Promise<BatchResult> {
  const timings: CaseTiming[] = [];
  const errors: string[] = [];
  let next = 0;
  const t0 = performance.now();
  const lane = async () => {
    while (next < n) {
      next += 1;
      try {
        timings.push(await runCase());
      } catch (err) {
        errors.push((err as Error).message ?? String(err));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, n) }, lane));
  return { timings, errors, wallMs: performance.now() - t0 };
}

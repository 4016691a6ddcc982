/**
 * A dry run of a draft procedure: the real interpreter workflow, on a private time-skipping test
 * server, driven by a scripted scenario (who does what, after how many days). Nothing reaches
 * PostgreSQL or the production Temporal namespace: the case's records go to an in-memory log,
 * which is the report. Policy owners use it before publishing (POST /v1/procedures/dry-runs and
 * `npm run procedures:dry-run`).
 */
import { randomUUID } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { RecordCaseInput } from '../activities/record-case.js';
import type { ProcedureV2 } from '../policy-areas/language.js';
import type { Answers } from '../policy-areas/types.js';
import { testServerExecutable } from '../scripts/lib/test-server.js';
import { interpretedActionUpdate, openedRecordUpdate, recordQuery, type Actor, type CaseEvent, type Party } from '../workflows/contract.js';
import type { ActionInput, CaseRecord } from '../workflows/interpreter.js';
import { workflowsPath } from './create-worker.js';

const DAY = 86_400_000;

export interface ScenarioStep {
  /** Days to let pass before the step (timers falling due meanwhile fire). */
  afterDays?: number;
  /** The role acting; omit with `action` to only let time pass. */
  as?: string;
  action?: string;
  /** The action's body; `date` and `replyBy` may be "+N": N days after the case started. */
  input?: Record<string, unknown>;
}

export interface Scenario {
  /** Countries of the parties by role (defaults: initiator DE, counterpart FR, recipients FR and IT, authority PT). */
  countries?: Record<string, string[]>;
  start?: { answers?: Answers; message?: string; replyBy?: string };
  steps: ScenarioStep[];
}

export interface DryRunReport {
  status: string;
  final: boolean;
  flags: string[];
  /** Every event in order, with the day (since the start) it happened on. */
  path: { day: number; event: string; by: string | null; statusAfter: string }[];
  timersFired: { day: number; event: string }[];
  /** Set when a step was refused: the run stops there. */
  refused?: { step: number; action: string; reason: string };
}

const DEFAULT_COUNTRIES: Record<string, string[]> = {
  initiator: ['DE'],
  applicant: ['DE'],
  counterpart: ['FR'],
  recipients: ['FR', 'IT'],
  authority: ['PT'],
  commission: ['EU'],
};

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;
const quiet = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} };
/** Bundling takes seconds: once per process. */
const workflowBundle = () => (bundle ??= bundleWorkflowCode({ workflowsPath, logger: quiet }));

// One dry run at a time: each starts a test server and a worker, and the machine may be small.
let queue: Promise<unknown> = Promise.resolve();

export function dryRun(definition: ProcedureV2, scenario: Scenario): Promise<DryRunReport> {
  const run = queue.then(() => runOnce(definition, scenario));
  queue = run.catch(() => undefined);
  return run;
}

async function runOnce(def: ProcedureV2, scenario: Scenario): Promise<DryRunReport> {
  const parties: Record<string, Party[]> = {};
  for (const [role, r] of Object.entries(def.roles)) {
    if (r.party === 'coordinator') continue;
    const countries = scenario.countries?.[role] ?? DEFAULT_COUNTRIES[r.party];
    parties[role] = countries.map((country, i) => ({ authorityId: `${country}-${role}-${i + 1}`.toUpperCase(), country }));
  }
  const log: CaseEvent[] = [];
  let last: CaseRecord | undefined;
  const actorFor = (role: string): Actor => {
    const r = def.roles[role];
    if (!r) throw new Error(`the definition has no role ${role}`);
    if (r.party === 'coordinator') {
      const country = parties[r.of!]?.[0]?.country ?? 'XX';
      return { login: `coordinator-${country.toLowerCase()}`, authorityId: `${country}-COORDINATOR`, country, roles: ['official', 'coordinator'] };
    }
    // The role's authority as the case stands (a forward changes it).
    const p = (last?.parties ?? parties)[role][0];
    return { login: `${role}-official`, authorityId: p.authorityId, country: p.country, roles: ['official'] };
  };

  const statusAt = new Map<number, string>();
  const activities = {
    async recordCase({ record, events }: RecordCaseInput) {
      for (const e of events) statusAt.set(e.seq, record.status);
      log.push(...events);
      last = record;
    },
  };

  const env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: await testServerExecutable() } });
  try {
    const taskQueue = `dry-run-${randomUUID()}`;
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: await workflowBundle(), activities });
    return await worker.runUntil(async () => {
      const startedAt = await env.currentTimeMs();
      const relative = (v: unknown) => (typeof v === 'string' && /^\+\d+$/.test(v) ? new Date(startedAt + Number(v.slice(1)) * DAY).toISOString().slice(0, 10) : v);
      const handle = await env.client.workflow.start(def.id, {
        workflowId: `dry-run-${randomUUID()}`,
        taskQueue,
        args: [
          {
            caseId: randomUUID(),
            procedure: def,
            parties,
            startedBy: actorFor(def.start.by),
            answers: scenario.start?.answers ?? {},
            message: scenario.start?.message,
            replyBy: relative(scenario.start?.replyBy) as string | undefined,
            requestHash: 'dry-run',
            searchAttributes: false,
          },
        ],
      });
      await handle.executeUpdate(openedRecordUpdate);
      let refused: DryRunReport['refused'];
      for (const [i, step] of scenario.steps.entries()) {
        if (step.afterDays) await env.sleep(step.afterDays * DAY);
        if (!step.action) continue;
        const input = Object.fromEntries(Object.entries(step.input ?? {}).map(([k, v]) => [k, k === 'date' || k === 'replyBy' ? relative(v) : v]));
        try {
          await handle.executeUpdate(interpretedActionUpdate(step.action), { args: [{ actor: actorFor(step.as ?? def.start.by), input: input as ActionInput }] });
        } catch (err) {
          const cause = (err as { cause?: { message?: string } }).cause;
          refused = { step: i, action: step.action, reason: cause?.message ?? (err as Error).message };
          break;
        }
      }
      // The last events may still be on their way through the activity: wait for the log to catch up.
      for (let i = 0; i < 400 && log.at(-1)?.seq !== (await handle.query(recordQuery)).seq; i++) await new Promise((r) => setTimeout(r, 25));
      const day = (at: string) => Math.round(((Date.parse(at) - startedAt) / DAY) * 100) / 100;
      const path = log.map((e) => ({ day: day(e.at), event: e.action, by: e.actor ? roleOf([last!.parties, parties], def, e.actor.authorityId) : null, statusAfter: statusAt.get(e.seq)! }));
      return {
        status: last!.status,
        final: last!.final,
        flags: last!.flags,
        path,
        timersFired: path.filter((p) => p.by === null).map((p) => ({ day: p.day, event: p.event })),
        ...(refused ? { refused } : {}),
      };
    });
  } finally {
    await env.teardown();
  }
}

/** The role an authority acted in: as the case ended, or as it started (before a forward). */
function roleOf(partyLists: Record<string, Party[]>[], def: ProcedureV2, authorityId: string): string {
  const held = partyLists.flatMap((l) => Object.entries(l)).find(([, ps]) => ps.some((p) => p.authorityId === authorityId))?.[0];
  return held ?? Object.keys(def.roles).find((r) => def.roles[r].party === 'coordinator') ?? authorityId;
}

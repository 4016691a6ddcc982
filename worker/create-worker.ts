import { fileURLToPath } from 'node:url';
import { type NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities } from '../activities/index.js';
import type { AnyTranslationProvider } from '../activities/translation/provider.js';
import type { Db } from '../db/client.js';

export const workflowsPath = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

export interface CaseWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  db: Db;
  /** Machine translation, in order of preference. */
  translation?: AnyTranslationProvider[];
  callbackSecret?: string;
  /** A prebuilt bundle (tests bundle once per file); otherwise the worker bundles `workflows/`. */
  workflowBundle?: WorkerOptions['workflowBundle'];
}

/** The worker that runs every case workflow and its activities. */
export function createCaseWorker({ connection, namespace, taskQueue, db, workflowBundle, translation, callbackSecret }: CaseWorkerOptions) {
  return Worker.create({
    connection,
    namespace,
    taskQueue,
    ...(workflowBundle ? { workflowBundle } : { workflowsPath }),
    activities: createActivities({ db, translation, callbackSecret }),
  });
}

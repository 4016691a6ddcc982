/**
 * The single `workflowsPath` entry of the worker. Each procedure is its own workflow type, named by
 * the procedure's id; ids such as `pq-information-request` are not JavaScript names, so the
 * interpreter is the default export, which Temporal runs for any type without a named export, and
 * which checks the type against the definition it was started with.
 */
export { requestReplyCase as default } from './request-reply.js';

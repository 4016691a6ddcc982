/**
 * One error class per HTTP meaning, and the one place that turns any error into
 * `application/problem+json` (RFC 9457).
 */
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { FastifyError, FastifyInstance } from 'fastify';
import { CaseErrorType } from '../workflows/contract.js';

export interface ProblemField {
  path: string;
  message: string;
}

export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly slug: string,
    readonly title: string,
    detail?: string,
    readonly errors?: ProblemField[],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail ?? title);
  }
}

export const badRequest = (detail: string, errors?: ProblemField[]) =>
  new HttpProblem(400, 'invalid-request', 'The request is not valid', detail, errors);
/** A 400 listing every problem, each with the path of the field it is about. */
export const invalidFields = (errors: ProblemField[]) => badRequest(errors.map((e) => `${e.path} ${e.message}`).join('; '), errors);
export const unauthorized = (detail: string) =>
  new HttpProblem(401, 'unauthenticated', 'Authentication required', detail, undefined, {
    'www-authenticate': 'Bearer realm="liaison"',
  });
export const forbidden = (detail: string) => new HttpProblem(403, 'forbidden', 'Not allowed for you', detail);
export const notFound = (detail: string) => new HttpProblem(404, 'not-found', 'Not found', detail);
export const conflict = (detail: string) =>
  new HttpProblem(409, 'not-allowed-now', 'The action is not allowed in the case as it is now', detail);
export const unprocessable = (slug: string, detail: string, errors?: ProblemField[]) =>
  new HttpProblem(422, slug, 'The request cannot be processed', detail, errors);
/** A case loaded from the generated history (db/generate-history.ts): no workflow runs it, so nothing can be done to it. */
export const importedHistory = (caseId: string) =>
  new HttpProblem(409, 'imported-history', 'Imported history is read-only', `imported history is read-only: case ${caseId} was loaded with the generated history and no workflow runs it`);
export const versionConflict = (detail: string) =>
  new HttpProblem(409, 'version-conflict', 'That version is already published', detail);

/** Maps the failures the case workflows raise to the problem the caller should see. */
function fromTemporal(err: unknown): HttpProblem | undefined {
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
    const { type, message } = err.cause;
    if (type === CaseErrorType.NotAllowedInState) return conflict(message);
    if (type === CaseErrorType.NotYourRole) return forbidden(message);
    if (type === CaseErrorType.InvalidInput) return badRequest(message);
  }
  if (err instanceof WorkflowNotFoundError) {
    return conflict('the case has ended: no action can be taken on it any more');
  }
  if (err instanceof WorkflowExecutionAlreadyStartedError) {
    return new HttpProblem(409, 'already-exists', 'The case already exists', err.message);
  }
  return undefined;
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    let problem = error instanceof HttpProblem ? error : fromTemporal(error);
    if (!problem && error.validation) {
      const errors = error.validation.map((v) => ({
        path: `${error.validationContext ?? 'body'}${v.instancePath.replaceAll('/', '.')}`,
        message: v.message ?? 'is not valid',
      }));
      problem = invalidFields(errors);
    }
    if (!problem && error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      // Fastify's own client errors: malformed JSON, wrong content type, body too large.
      problem = new HttpProblem(error.statusCode, 'invalid-request', 'The request is not valid', error.message);
    }
    if (!problem) {
      request.log.error({ err: error }, 'unhandled error');
      problem = new HttpProblem(500, 'internal', 'Internal server error', 'The error has been logged.');
    }
    return reply
      .status(problem.status)
      .headers(problem.headers)
      .type('application/problem+json')
      .send({
        type: `/problems/${problem.slug}`,
        title: problem.title,
        status: problem.status,
        detail: problem.message,
        instance: request.url,
        ...(problem.errors ? { errors: problem.errors } : {}),
      });
  });
  app.setNotFoundHandler((request, reply) =>
    reply
      .status(404)
      .type('application/problem+json')
      .send({ type: '/problems/not-found', title: 'Not found', status: 404, detail: `no route ${request.method} ${request.url}`, instance: request.url }),
  );
}

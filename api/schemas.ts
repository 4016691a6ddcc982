/** Request and response schemas shared by the routes; they are also the OpenAPI document. */
import { Type, type Static } from '@sinclair/typebox';
import { CASE_STATUSES } from '../workflows/contract.js';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const DateTime = Type.String({ format: 'date-time' });
const IsoDate = Type.String({ format: 'date', description: 'A calendar date, YYYY-MM-DD' });

export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }))),
  },
  { $id: 'Problem', description: 'RFC 9457 problem details (application/problem+json)' },
);

export const problemResponses = (...codes: number[]) =>
  Object.fromEntries(codes.map((c) => [c, Type.Ref(Problem)]));

export const CaseStatus = Type.Union(CASE_STATUSES.map((s) => Type.Literal(s)));
// Checked against the procedure's form, not here: a schema union would let Ajv's type coercion
// turn `true` into "true" before the form could tell a yes/no answer from a text.
export const AnswerValue = Type.Unknown({
  description: 'yes-no: boolean; choice, date (YYYY-MM-DD), text: string; number: number; multiple-choice: array of option codes',
});
export const Answers = Type.Record(Type.String(), AnswerValue, { description: 'Answers by question id, see the procedure form' });

const Party = Type.Object({
  authorityId: Type.String(),
  name: Type.String(),
  country: Type.String(),
});

export const CaseSummary = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    procedure: Type.Object({ id: Type.String(), version: Type.Integer() }),
    status: CaseStatus,
    yourRole: Type.Union([Type.Literal('requester'), Type.Literal('responder'), Type.Literal('coordinator')]),
    requester: Party,
    responder: Party,
    submittedAt: DateTime,
    acceptBy: DateTime,
    agreedReplyBy: IsoDate,
    notAcceptedInTime: Type.Boolean(),
    overdue: Type.Boolean(),
  },
  { $id: 'CaseSummary' },
);

export const AnswerView = Type.Object({
  question: Type.String(),
  label: Type.String(),
  type: Type.String(),
  personalData: Type.Boolean(),
  /** Null while the answer is hidden from the responder (need-to-know, before acceptance). */
  value: Type.Union([AnswerValue, Type.Null()]),
  redacted: Type.Boolean(),
});

export const CaseView = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    procedure: Type.Object({ id: Type.String(), version: Type.Integer(), title: Type.String() }),
    status: CaseStatus,
    yourRole: Type.Union([Type.Literal('requester'), Type.Literal('responder'), Type.Literal('coordinator')]),
    workflow: Type.Object({ id: Type.String(), type: Type.String() }),
    parties: Type.Object({ requester: Party, responder: Party }),
    deadlines: Type.Object({
      acceptBy: DateTime,
      requestedReplyBy: IsoDate,
      agreedReplyBy: IsoDate,
      replyDue: Type.String({ format: 'date-time', description: 'End of the agreed reply date (UTC)' }),
      pendingReplyDate: Type.Union([
        Type.Object({
          date: IsoDate,
          proposedAt: DateTime,
          proposedBy: Type.String(),
          reason: Type.Optional(Type.String()),
        }),
        Type.Null(),
      ]),
    }),
    flags: Type.Object({
      notAcceptedInTime: Type.Boolean(),
      escalatedToCountry: Nullable(Type.String()),
      escalatedAt: Nullable(DateTime),
      overdue: Type.Boolean(),
      overdueSince: Nullable(DateTime),
    }),
    dates: Type.Object({
      submittedAt: DateTime,
      acceptedAt: Nullable(DateTime),
      repliedAt: Nullable(DateTime),
      closedAt: Nullable(DateTime),
      withdrawnAt: Nullable(DateTime),
      reopenUntil: Nullable(DateTime),
    }),
    request: Type.Object({
      submittedBy: Type.String(),
      message: Nullable(Type.String()),
      answers: Type.Array(AnswerView),
    }),
    ratings: Type.Union([
      Type.Object({ timeliness: Type.Union([Type.Integer(), Type.Null()]), efforts: Type.Union([Type.Integer(), Type.Null()]) }),
      Type.Null(),
    ]),
    timeline: Type.Array(
      Type.Object({
        seq: Type.Integer(),
        action: Type.String(),
        at: DateTime,
        actor: Type.Union([Type.Object({ login: Type.String(), authorityId: Type.String() }), Type.Null()]),
        payload: Type.Record(Type.String(), Type.Unknown()),
      }),
    ),
  },
  { $id: 'CaseView' },
);
export type CaseViewT = Static<typeof CaseView>;
export type CaseSummaryT = Static<typeof CaseSummary>;

export const CreateCaseBody = Type.Object(
  {
    procedure: Type.String({ description: 'Procedure id, see GET /v1/procedures', minLength: 1 }),
    responderAuthorityId: Type.String({ minLength: 1, description: 'The authority in another country that is asked' }),
    answers: Answers,
    message: Type.Optional(Type.String({ maxLength: 20000 })),
    replyBy: Type.String({ format: 'date', description: 'The date by which the reply is needed' }),
  },
  { additionalProperties: false },
);
export type CreateCaseBodyT = Static<typeof CreateCaseBody>;

const Reason = Type.Optional(Type.String({ maxLength: 2000 }));
const Message = Type.String({ minLength: 1, maxLength: 20000 });
const Rating = Type.Optional(Type.Integer({ minimum: 1, maximum: 5 }));

/** The body each action takes. */
export const ActionBodies = {
  accept: Type.Object({}, { additionalProperties: false }),
  forward: Type.Object({ toAuthorityId: Type.String({ minLength: 1 }), reason: Reason }, { additionalProperties: false }),
  'propose-reply-date': Type.Object({ date: IsoDate, reason: Reason }, { additionalProperties: false }),
  'decide-reply-date': Type.Object({ agree: Type.Boolean(), comment: Reason }, { additionalProperties: false }),
  'request-information': Type.Object({ message: Message }, { additionalProperties: false }),
  'provide-information': Type.Object({ message: Message }, { additionalProperties: false }),
  reply: Type.Object({ answers: Answers, message: Type.Optional(Message) }, { additionalProperties: false }),
  close: Type.Object(
    { timeliness: Rating, efforts: Rating },
    { additionalProperties: false, description: 'Optional survey: 1 (poor) to 5 (excellent)' },
  ),
  reopen: Type.Object(
    { message: Message, replyBy: Type.Optional(IsoDate) },
    { additionalProperties: false, description: 'A follow-up question, and optionally a new reply date' },
  ),
  withdraw: Type.Object({ reason: Reason }, { additionalProperties: false }),
};

export const ActionDescriptions: Record<keyof typeof ActionBodies, string> = {
  accept: 'The responding authority accepts the request (within one week of its submission).',
  forward: 'The responding authority, or its coordinator after escalation, passes the request to another authority of its country.',
  'propose-reply-date': 'The responding authority proposes another reply date; the requester decides.',
  'decide-reply-date': 'The requesting authority agrees, or not, to the proposed reply date.',
  'request-information': 'The responding authority asks the requester for more information.',
  'provide-information': 'The requesting authority provides the information asked for.',
  reply: 'The responding authority answers the questions asked.',
  close: 'The requesting authority closes the case, optionally rating timeliness and efforts.',
  reopen: 'The requesting authority reopens a replied or closed case with a follow-up question.',
  withdraw: 'The requesting authority withdraws the request before the reply.',
};

/** Request and response schemas shared by the routes; they are also the OpenAPI document. */
import { Type, type Static } from '@sinclair/typebox';

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
const Flags = Type.Array(Type.String(), { description: 'Missed deadlines, by the flag the procedure raises (e.g. overdue, not-accepted-in-time)' });

export const CaseSummary = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    procedure: Type.Object({ id: Type.String(), version: Type.Integer(), kind: Type.String(), title: Type.String() }),
    status: Type.String(),
    statusLabel: Type.String(),
    final: Type.Boolean(),
    yourRoles: Type.Array(Type.String(), { description: "The caller's roles in the case (a coordinator's once escalated)" }),
    initiator: Party,
    countries: Type.Array(Type.String()),
    startedAt: DateTime,
    nextDueAt: Nullable(DateTime),
    flags: Flags,
  },
  { $id: 'CaseSummary' },
);

export const AnswerView = Type.Object({
  question: Type.String(),
  label: Type.String(),
  type: Type.String(),
  personalData: Type.Boolean(),
  /** Null while the answer is hidden (need-to-know, before acceptance). */
  value: Type.Union([AnswerValue, Type.Null()]),
  display: Type.Optional(Type.Unknown({ description: 'For choices: the chosen options’ labels, in the reader’s language' })),
  redacted: Type.Boolean(),
});

const PendingReplyDate = Type.Union([Type.Object({ date: IsoDate, proposedAt: DateTime, proposedBy: Type.String() }), Type.Null()]);

export const CaseView = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    procedure: Type.Object({ id: Type.String(), version: Type.Integer(), code: Type.String(), kind: Type.String(), title: Type.String() }),
    status: Type.String(),
    statusLabel: Type.String(),
    final: Type.Boolean(),
    yourRoles: Type.Array(Type.String()),
    roleLabels: Type.Record(Type.String(), Type.String()),
    workflow: Type.Object({ id: Type.String(), type: Type.String() }),
    parties: Type.Record(Type.String(), Type.Array(Party), { description: 'The authorities in each role of the procedure' }),
    deadlines: Type.Array(Type.Object({ id: Type.String(), label: Type.String(), due: DateTime }), { description: 'The deadlines running now' }),
    replyDate: Type.Object({ requested: Nullable(IsoDate), agreed: Nullable(IsoDate), pending: PendingReplyDate }),
    flags: Flags,
    escalations: Type.Array(Type.Object({ role: Type.String(), country: Type.String(), at: DateTime })),
    startedBy: Type.String(),
    startedAt: DateTime,
    finishedAt: Nullable(DateTime),
    message: Nullable(Type.String()),
    forms: Type.Record(Type.String(), Type.Array(AnswerView), { description: 'Answers by form id' }),
    ratings: Type.Union([
      Type.Object({ timeliness: Type.Union([Type.Integer(), Type.Null()]), efforts: Type.Union([Type.Integer(), Type.Null()]) }),
      Type.Null(),
    ]),
    availableActions: Type.Array(Type.Object({ id: Type.String(), label: Type.String() }), {
      description: 'What the caller may do in the current state (forms and dates are checked when acting)',
    }),
    timeline: Type.Array(
      Type.Object({
        seq: Type.Integer(),
        action: Type.String(),
        label: Type.String({ description: "What happened, in the reader's language (notifications of reminders and expiries included)" }),
        at: DateTime,
        actor: Type.Union([Type.Object({ login: Type.String(), authorityId: Type.String() }), Type.Null()]),
        payload: Type.Record(Type.String(), Type.Unknown()),
        machineTranslation: Type.Optional(
          Type.Object(
            {
              language: Type.String(),
              from: Type.String(),
              status: Type.Union(['pending', 'retrying', 'done', 'unsupported'].map((x) => Type.Literal(x))),
              text: Nullable(Type.String()),
              engine: Nullable(Type.String()),
              route: Type.Union([Type.Array(Type.String()), Type.Null()]),
              note: Nullable(Type.String()),
            },
            { description: "The event's message machine-translated into the reader's language; the original stays in payload.message" },
          ),
        ),
      }),
    ),
    language: Type.Object(
      {
        used: Type.String({ description: 'The language of the labels: the official’s preference, else Accept-Language, else en' }),
        untranslated: Type.Array(Type.String(), { description: 'Strings shown in English because this language lacks them' }),
      },
      { description: 'Labels are translated; answers and free text are shown as written' },
    ),
  },
  { $id: 'CaseView' },
);
export type CaseViewT = Static<typeof CaseView>;
export type CaseSummaryT = Static<typeof CaseSummary>;

const AuthorityIds = Type.Array(Type.String({ minLength: 1 }), { minItems: 1, maxItems: 500, uniqueItems: true });
const Countries = Type.Array(Type.String({ pattern: '^[A-Z]{2}$' }), {
  minItems: 1,
  uniqueItems: true,
  description: 'Every authority competent for the legal area in these countries',
});

export const CreateCaseBody = Type.Object(
  {
    procedure: Type.String({ description: 'Procedure id, see GET /v1/procedures', minLength: 1 }),
    parties: Type.Optional(
      Type.Record(Type.String(), AuthorityIds, {
        description: 'Authority ids by role of the procedure: one for a counterpart or authority role, one or more for recipients. ' +
          'The starting role is the caller’s authority; coordinators join by escalation; the Commission is found in the directory.',
      }),
    ),
    recipientCountries: Type.Optional(Countries),
    answers: Type.Optional(Answers),
    message: Type.Optional(Type.String({ maxLength: 20000 })),
    replyBy: Type.Optional(Type.String({ format: 'date', description: 'The date by which the reply is needed' })),
  },
  { additionalProperties: false },
);
export type CreateCaseBodyT = Static<typeof CreateCaseBody>;

/** One body for every action; which fields an action needs is in its definition. */
export const ActionBody = Type.Object(
  {
    answers: Type.Optional(Answers),
    message: Type.Optional(Type.String({ minLength: 1, maxLength: 20000 })),
    date: Type.Optional(IsoDate),
    agree: Type.Optional(Type.Boolean()),
    replyBy: Type.Optional(IsoDate),
    toAuthorityId: Type.Optional(Type.String({ minLength: 1, description: 'forward: the authority the case goes to' })),
    timeliness: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
    efforts: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
    recipients: Type.Optional(AuthorityIds),
    recipientCountries: Type.Optional(Countries),
  },
  { additionalProperties: false },
);

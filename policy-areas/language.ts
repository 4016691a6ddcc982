/**
 * The procedure definition language (format 2): the TypeBox schema is the single source of the
 * published JSON Schema (`policy-areas/procedure.schema.json`, written by `npm run procedures:schema`)
 * and of the TypeScript types. No code in definitions: only states, actions, forms and deadlines.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';

const Id = Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', description: 'kebab-case identifier' });
const Text = Type.Intersect(
  [Type.Object({ en: Type.String({ minLength: 1 }) }), Type.Record(Type.String({ pattern: '^[a-z]{2}$' }), Type.String())],
  { description: 'A text in several languages, keyed by ISO 639-1 code; English is required' },
);
const Labelled = <T extends Record<string, TSchema>>(props: T) => Type.Object({ label: Text, ...props }, { additionalProperties: false });

export const QuestionSchema = Type.Object(
  {
    id: Id,
    type: Type.Union(
      (['yes-no', 'choice', 'multiple-choice', 'date', 'number', 'text', 'document'] as const).map((t) => Type.Literal(t)),
      { description: 'document: an attachment reference' },
    ),
    label: Text,
    options: Type.Optional(Type.Array(Type.Object({ code: Id, label: Text }, { additionalProperties: false }), { minItems: 1 })),
    required: Type.Optional(Type.Boolean()),
    requiredWhen: Type.Optional(
      Type.Object(
        { question: Id, is: Type.Union([Type.String(), Type.Boolean()]) },
        { additionalProperties: false, description: 'Required only when an earlier answer has this value (or, for multiple choice, includes it)' },
      ),
    ),
    personalData: Type.Optional(Type.Boolean({ description: 'Hidden from the receiving side until it accepts (need-to-know)' })),
    maxLength: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);

const Length = Type.Union(
  [
    Type.Object({ calendarDays: Type.Integer({ minimum: 0 }) }, { additionalProperties: false }),
    Type.Object(
      { workingDays: Type.Integer({ minimum: 0 }), holidaysOf: Type.String({ description: 'Role whose country’s public holidays count' }) },
      { additionalProperties: false },
    ),
    Type.Object({ weeks: Type.Integer({ minimum: 0 }) }, { additionalProperties: false }),
    Type.Object({ months: Type.Integer({ minimum: 0 }) }, { additionalProperties: false }),
    Type.Object({ replyDate: Type.Literal(true, { description: 'The reply date the two sides agreed (end of that day)' }) }, { additionalProperties: false }),
  ],
  { description: 'How long the deadline runs' },
);

export const DeadlineSchema = Labelled({
  from: Type.String({ description: '"start", or the id of the action whose last occurrence starts the clock' }),
  length: Length,
  runsIn: Type.Array(Id, { minItems: 1, description: 'The deadline runs while the case is in one of these states' }),
  reminders: Type.Optional(Type.Array(Type.Object({ daysBefore: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }))),
  onExpiry: Type.Object(
    {
      flag: Type.Optional(Type.String({ description: 'A flag raised on the case and kept for the statistics' })),
      escalateTo: Type.Optional(Type.String({ description: 'A coordinator role that then sees the case and may act' })),
      moveTo: Type.Optional(Type.String({ description: 'The state the case moves to: tacit approval, automatic closure…' })),
      moveToIfAny: Type.Optional(
        Type.Object(
          { action: Type.String(), moveTo: Type.String() },
          { additionalProperties: false, description: 'Where the case goes instead if any party took this action in time' },
        ),
      ),
    },
    { additionalProperties: false },
  ),
});

export const ActionSchema = Labelled({
  by: Type.Array(Type.String(), { minItems: 1, description: 'Roles that may take the action' }),
  from: Type.Array(Id, { minItems: 1, description: 'States in which it is allowed' }),
  to: Type.Optional(Id),
  form: Type.Optional(Id),
  message: Type.Optional(Type.Union([Type.Literal('required'), Type.Literal('optional')])),
  effect: Type.Optional(
    Type.Union(
      (['forward', 'propose-reply-date', 'decide-reply-date', 'set-reply-date', 'rate', 'add-recipients'] as const).map((e) => Type.Literal(e)),
      { description: 'A built-in effect besides the change of state' },
    ),
  ),
  oncePerParty: Type.Optional(Type.Boolean({ description: 'Each authority of a many-party role takes it at most once (acknowledge, object)' })),
});

export const RoleSchema = Labelled({
  party: Type.Union(
    (['initiator', 'applicant', 'counterpart', 'recipients', 'authority', 'coordinator', 'commission'] as const).map((p) => Type.Literal(p)),
    {
      description:
        'initiator: the authority that starts the case; applicant: a citizen or business starting it through a public interface; ' +
        'counterpart: the one authority it is addressed to; recipients: many authorities; authority: another single authority ' +
        'taking part (e.g. the host authority of an EPC application); coordinator: coordinates a role’s country; commission: the European Commission',
    },
  ),
  of: Type.Optional(Type.String({ description: 'For a coordinator: the role whose country it coordinates' })),
});

export const ProcedureSchema = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    format: Type.Literal(2),
    id: Id,
    version: Type.Integer({ minimum: 1 }),
    code: Type.String({ pattern: '^[A-Z0-9]+(-[A-Z0-9]+)*$', description: 'The catalogue code, e.g. PQ-IR' }),
    area: Id,
    kind: Type.Union((['request-reply', 'alert', 'notification', 'application', 'case'] as const).map((k) => Type.Literal(k))),
    title: Text,
    legalBasis: Type.String({ minLength: 1 }),
    evidence: Type.Union((['S', 'S-w', 'M', 'I'] as const).map((e) => Type.Literal(e)), {
      description: 'S sourced; S-w weakly sourced; M from the legal text, to verify; I inferred — a policy owner should confirm',
    }),
    description: Type.Array(Type.String(), { minItems: 1, description: 'The procedure in numbered steps, for reviewers' }),
    roles: Type.Record(Id, RoleSchema),
    forms: Type.Record(Id, Type.Object({ questions: Type.Array(QuestionSchema) }, { additionalProperties: false })),
    start: Type.Object(
      {
        by: Type.String(),
        state: Id,
        form: Type.Optional(Id),
        replyDate: Type.Optional(Type.Union([Type.Literal('required'), Type.Literal('optional')])),
      },
      { additionalProperties: false },
    ),
    states: Type.Record(Id, Labelled({ final: Type.Optional(Type.Boolean()) })),
    actions: Type.Record(Id, ActionSchema),
    deadlines: Type.Record(Id, DeadlineSchema),
    scoreboard: Type.Optional(
      Type.Object(
        {
          accepted: Type.Optional(Type.String({ description: 'Action that counts as acceptance (indicator 1)' })),
          replied: Type.Optional(Type.String({ description: 'Action that counts as the reply (indicators 2, 3)' })),
          agreedDate: Type.Optional(Type.String({ description: 'Deadline that holds the agreed reply date (indicator 3)' })),
          withdrawn: Type.Optional(
            Type.String({ description: 'Action that withdraws the request (indicator 1 leaves out requests withdrawn within the week unless accepted)' }),
          ),
          survey: Type.Optional(Type.String({ description: 'Action carrying the timeliness/efforts ratings (indicators 4, 5)' })),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false, $id: 'https://liaison.invalid/schemas/procedure.schema.json', title: 'Liaison procedure definition' },
);

export type ProcedureV2 = Static<typeof ProcedureSchema>;
export type DeadlineV2 = Static<typeof DeadlineSchema>;
export type ActionV2 = Static<typeof ActionSchema>;

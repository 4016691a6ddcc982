/** What an official sees of a case: their side of it, with need-to-know redaction. */
import type { Viewer } from '../db/queries.js';
import type { Authority, CaseEventRow, CaseRow } from '../db/schema/index.js';
import type { ProcedureDefinition } from '../policy-areas/types.js';
import { replyDeadline } from '../workflows/case-machine.js';
import type { CaseSummaryT, CaseViewT } from './schemas.js';

export type Side = 'requester' | 'responder' | 'coordinator';

export function sideOf(v: Viewer, c: CaseRow): Side {
  if (c.requesterAuthorityId === v.authorityId) return 'requester';
  if (c.responderAuthorityId === v.authorityId) return 'responder';
  return 'coordinator';
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function party(id: string, country: string, directory: Map<string, Authority>) {
  return { authorityId: id, name: directory.get(id)?.name ?? id, country };
}

export function caseSummary(c: CaseRow, v: Viewer, directory: Map<string, Authority>): CaseSummaryT {
  return {
    id: c.id,
    procedure: { id: c.procedureId, version: c.procedureVersion },
    status: c.status as CaseSummaryT['status'],
    yourRole: sideOf(v, c),
    requester: party(c.requesterAuthorityId, c.requesterCountry, directory),
    responder: party(c.responderAuthorityId, c.responderCountry, directory),
    submittedAt: c.submittedAt.toISOString(),
    acceptBy: c.acceptBy.toISOString(),
    agreedReplyBy: c.agreedReplyBy,
    notAcceptedInTime: c.notAcceptedInTime,
    overdue: c.overdue,
  };
}

export function caseView(
  c: CaseRow,
  events: CaseEventRow[],
  v: Viewer,
  procedure: ProcedureDefinition | undefined,
  directory: Map<string, Authority>,
): CaseViewT {
  const side = sideOf(v, c);
  // IMI's need-to-know rule: until it accepts, the responding side sees the questions but not the
  // answers the form marks as personal data.
  const hidePersonal = side !== 'requester' && c.acceptedAt === null;
  const questions = new Map((procedure?.request.questions ?? []).map((q) => [q.id, q]));
  const answers = Object.entries(c.answers).map(([id, value]) => {
    const q = questions.get(id);
    const personalData = q?.personalData ?? false;
    const redacted = personalData && hidePersonal;
    return { question: id, label: q?.label.en ?? id, type: q?.type ?? 'text', personalData, value: redacted ? null : value, redacted };
  });
  return {
    id: c.id,
    procedure: { id: c.procedureId, version: c.procedureVersion, title: procedure?.title.en ?? c.procedureId },
    status: c.status as CaseViewT['status'],
    yourRole: side,
    workflow: { id: c.workflowId, type: c.workflowType },
    parties: {
      requester: party(c.requesterAuthorityId, c.requesterCountry, directory),
      responder: party(c.responderAuthorityId, c.responderCountry, directory),
    },
    deadlines: {
      acceptBy: c.acceptBy.toISOString(),
      requestedReplyBy: c.requestedReplyBy,
      agreedReplyBy: c.agreedReplyBy,
      replyDue: new Date(replyDeadline(c.agreedReplyBy)).toISOString(),
      pendingReplyDate: c.pendingReplyDate ?? null,
    },
    flags: {
      notAcceptedInTime: c.notAcceptedInTime,
      escalatedToCountry: c.escalatedToCountry,
      escalatedAt: iso(c.escalatedAt),
      overdue: c.overdue,
      overdueSince: iso(c.overdueSince),
    },
    dates: {
      submittedAt: c.submittedAt.toISOString(),
      acceptedAt: iso(c.acceptedAt),
      repliedAt: iso(c.repliedAt),
      closedAt: iso(c.closedAt),
      withdrawnAt: iso(c.withdrawnAt),
      reopenUntil: iso(c.reopenUntil),
    },
    request: { submittedBy: c.submittedBy, message: c.message, answers },
    ratings: c.ratingTimeliness !== null || c.ratingEfforts !== null ? { timeliness: c.ratingTimeliness, efforts: c.ratingEfforts } : null,
    timeline: events.map((e) => ({
      seq: e.seq,
      action: e.action,
      at: e.at.toISOString(),
      actor: e.actorLogin ? { login: e.actorLogin, authorityId: e.actorAuthorityId ?? '' } : null,
      payload: e.payload,
    })),
  };
}

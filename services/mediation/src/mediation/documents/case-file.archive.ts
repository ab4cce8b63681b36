import { strToU8, zipSync } from 'fflate';
import type { MediationState } from '../domain';

/**
 * The case file (卷宗, art. 27) as one zip: the registration and state, the work records
 * (sessions, consents, timeline) and the agreement document when there is one.
 */
export function buildCaseFile(state: MediationState, agreementPdf: Buffer | null): Buffer {
  const json = (v: unknown) => strToU8(JSON.stringify(v, null, 2));
  const timeline = state.timeline
    .map(
      (t) =>
        `${t.sequence}\t${t.occurredAt.toISOString()}\t${t.committee.code}\t${t.actor.subject || 'system'}\t${t.summaryZh ?? ''}\t${t.summary}`,
    )
    .join('\n');
  const files: Record<string, Uint8Array> = {
    'registration.json': json({
      mediationId: state.mediationId,
      caseId: state.caseId,
      caseNumber: state.caseNumber,
      orgUnit: state.orgUnit,
      category: state.category,
      source: state.source,
      channel: state.channel,
      parties: state.parties,
      createdAt: state.createdAt,
      path: state.path,
    }),
    'mediation.json': json({ ...state, timeline: undefined }),
    'work-records/sessions.json': json(state.sessions),
    'work-records/consents.json': json(state.consents),
    'work-records/follow-ups.json': json(state.followUps),
    'timeline.tsv': strToU8(
      `sequence\toccurred_at\tcommittee\tactor\tsummary_zh\tsummary\n${timeline}\n`,
    ),
  };
  if (agreementPdf) files['agreement.pdf'] = agreementPdf;
  return Buffer.from(zipSync(files));
}

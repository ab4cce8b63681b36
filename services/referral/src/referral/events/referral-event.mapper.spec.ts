import { commonV1, decodePayload, referralV1 } from '@mediation/contracts';
import { orgDirectory } from '@mediation/org-directory';
import type { ReferralDomainEvent } from '../domain/referral.events';
import { createOutboundReferral } from '../domain/referral.factory';
import { testSlaPolicy } from '../domain/sla-policy.fixtures';
import { toHistory, toNewEvents } from './referral-event.mapper';

const now = new Date('2026-11-25T02:00:00Z');
const policy = testSlaPolicy();
const desk = {
  code: 'CRT-210202-D01',
  institutionCode: 'CRT-210202',
  institutionType: 'COURT' as const,
};
const actor = { subject: 'lawyer-1', role: 4, orgUnitCode: '' };
const { state } = createOutboundReferral(
  {
    referralId: 'r1',
    kind: 'AFTER_FAILED_MEDIATION',
    caseId: 'c1',
    mediationId: 'c1',
    committee: { code: 'MC-210202001001', orgUnitCode: '210202001001', level: 4 },
    desk,
    orgUnitCode: '210202001001',
    category: 2,
    remedy: 3,
    handover: { summary: 'PRIVATE SUMMARY', whatWasTried: 'x', documentIds: [] },
  },
  { now, actor: null, policy },
);

const every: ReferralDomainEvent[] = [
  { type: 'ReferralCreated', actor: null },
  { type: 'ReferralClaimed', actor, lawyerId: 'lawyer-1', outcomeDueAt: now },
  {
    type: 'ReferralDeclined',
    actor,
    reason: 'WRONG_DESK',
    rerouteDeskCode: 'X',
    backToSender: false,
  },
  { type: 'ReferralRerouted', actor, fromDesk: desk, toDesk: desk, claimDueAt: now },
  {
    type: 'ReferralWorkRecorded',
    actor,
    work: {
      workId: 'w',
      kind: 'SESSION',
      performedAt: now,
      durationMinutes: 5,
      summary: 'PRIVATE NOTE',
      recordedBy: actor,
    },
  },
  {
    type: 'ReferralOutcomeRecorded',
    actor,
    outcome: 'WITHDRAWN',
    externalReference: '',
    decidedAt: now,
  },
  { type: 'ReferralReturned', actor, reason: 'OTHER' },
  { type: 'EntrustmentReceived', actor: null, entrustedAt: now },
  {
    type: 'EntrustmentResultReported',
    actor: null,
    result: 'TERM_EXPIRED',
    agreementId: '',
    judiciallyConfirmed: false,
    reportedAt: now,
  },
  { type: 'SlaBreached', actor: null, sla: 'CLAIM', dueAt: now, escalatedTo: 'sup' },
  { type: 'RiskAlertRaised', actor: null, triggerEventType: 'mediation.intake.v1.CaseOpened' },
];

describe('referral event mapping', () => {
  const recorded = toNewEvents(
    state,
    every,
    { topic: 'test.topic', causationId: 'e0' },
    orgDirectory(),
  );

  it('maps every domain event to its contract event on the configured topic', () => {
    expect(recorded.map((e) => e.eventType)).toEqual(
      every.map((e) => `mediation.referral.v1.${e.type}`),
    );
    expect(new Set(recorded.map((e) => e.topic))).toEqual(new Set(['test.topic']));
    expect(recorded[0]).toMatchObject({
      caseId: 'c1',
      orgUnitCode: '210202001001',
      causationId: 'e0',
    });
  });

  it('carries the context and never the free text', () => {
    for (const e of recorded) {
      const payload = decodePayload(e.eventType as never, e.payload) as {
        context: referralV1.ReferralEventContext;
      };
      expect(payload.context).toMatchObject({
        referralId: 'r1',
        caseId: 'c1',
        desk: { code: desk.code },
        orgUnit: { code: '210202001001', level: 4 },
      });
      const text = Buffer.from(e.payload).toString('utf8');
      expect(text).not.toContain('PRIVATE');
    }
  });

  it('numbers the audit trail after the last sequence', () => {
    const history = toHistory(state, every.slice(0, 2), 7, now, orgDirectory());
    expect(history.map((h) => h.sequence)).toEqual([8, 9]);
    expect(history[1]).toMatchObject({
      summary: 'Claimed by a stationed lawyer.',
      summaryZh: '驻点律师认领。',
      deskCode: desk.code,
    });
  });

  it('writes every step as a sentence in both languages, enum values in words', () => {
    const values = (e: Record<string, string | number>, prefix: string) =>
      Object.keys(e)
        .filter((k) => k.startsWith(prefix) && !k.endsWith('_UNSPECIFIED'))
        .map((k) => k.slice(prefix.length));
    const R = referralV1;
    const steps: ReferralDomainEvent[] = [
      ...every,
      ...values(R.DeclineReason, 'DECLINE_REASON_').map(
        (reason) => ({ ...every[2], reason }) as ReferralDomainEvent,
      ),
      ...values(R.ReturnReason, 'RETURN_REASON_').map(
        (reason) => ({ ...every[6], reason }) as ReferralDomainEvent,
      ),
      ...values(R.WorkKind, 'WORK_KIND_').map(
        (kind) =>
          ({
            ...every[4],
            work: { ...(every[4] as { work: object }).work, kind },
          }) as ReferralDomainEvent,
      ),
      ...values(commonV1.ReferralOutcome, 'REFERRAL_OUTCOME_').map(
        (outcome) => ({ ...every[5], outcome }) as ReferralDomainEvent,
      ),
      ...values(R.EntrustmentResult, 'ENTRUSTMENT_RESULT_').map(
        (result) => ({ ...every[8], result }) as ReferralDomainEvent,
      ),
      ...values(R.SlaKind, 'SLA_KIND_').map((sla) => ({ ...every[9], sla }) as ReferralDomainEvent),
    ];
    expect(steps.length).toBeGreaterThan(30);
    for (const h of toHistory(state, steps, 0, now, orgDirectory())) {
      expect(h.summaryZh).toMatch(/[\u4e00-\u9fff].*。$/);
      expect(h.summary).toMatch(/^[A-Z].*\.$/);
      for (const text of [h.summary, h.summaryZh!]) {
        expect(text).not.toMatch(/[A-Z]{2,}_[A-Z_]+|\b(WRONG|SESSION|CLAIM|OTHER)\b/);
        expect(text).not.toMatch(/unspecified|未说明|undefined/);
        // Numbers only where they are quantities or dates (minutes, the due day).
        if (!/Work|Missed|missed/.test(h.summary)) expect(text).not.toMatch(/\d/);
      }
    }
  });
});

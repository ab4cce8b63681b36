import * as commonV1 from './gen/index.mediation.common.v1';
import * as mediationV1 from './gen/index.mediation.mediation.v1';
import * as referralV1 from './gen/index.mediation.referral.v1';
import {
  amendedFieldsText,
  dayText,
  hasPhrase,
  momentText,
  phraseOf,
  phraseOfName,
} from './timeline-labels';

type NumericEnum = Record<string, string | number>;

/** Every enum whose values a timeline sentence names. */
const TIMELINE_ENUMS: Record<string, NumericEnum> = {
  InstitutionType: commonV1.InstitutionType,
  ReferralOutcome: commonV1.ReferralOutcome,
  PartyRole: commonV1.PartyRole,
  MediationStatus: mediationV1.MediationStatus,
  RejectionReason: mediationV1.RejectionReason,
  ConsentSubject: mediationV1.ConsentSubject,
  SessionOutcome: mediationV1.SessionOutcome,
  EscalationReason: mediationV1.EscalationReason,
  AgreementForm: mediationV1.AgreementForm,
  FailureReason: mediationV1.FailureReason,
  JudicialConfirmationResult: mediationV1.JudicialConfirmationResult,
  ConfirmationRefusalReason: mediationV1.ConfirmationRefusalReason,
  PerformanceStatus: mediationV1.PerformanceStatus,
  SuggestedAction: mediationV1.SuggestedAction,
  FollowUpResult: mediationV1.FollowUpResult,
  ClosureOutcome: mediationV1.ClosureOutcome,
  ReopenReason: mediationV1.ReopenReason,
  DeadlineKind: mediationV1.DeadlineKind,
  DeclineReason: referralV1.DeclineReason,
  ReturnReason: referralV1.ReturnReason,
  WorkKind: referralV1.WorkKind,
  EntrustmentResult: referralV1.EntrustmentResult,
  SlaKind: referralV1.SlaKind,
};

const declared = (e: NumericEnum) =>
  Object.entries(e).filter((kv): kv is [string, number] => typeof kv[1] === 'number' && kv[1] > 0);

describe.each(Object.entries(TIMELINE_ENUMS))('%s', (_name, e) => {
  it.each(declared(e))(
    '%s has words in both languages, neither a number nor a code',
    (name, value) => {
      expect(hasPhrase(name)).toBe(true);
      const words = phraseOf(e, value);
      expect(words).toEqual(phraseOfName(name));
      for (const text of [words.zh, words.en]) {
        expect(text.trim()).not.toBe('');
        expect(text).not.toMatch(/\d/);
        expect(text).not.toMatch(/[A-Z]{2,}_[A-Z_]+/);
      }
      expect(words.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(words.en).toMatch(/^[^\u4e00-\u9fff]+$/);
    },
  );
});

it('reads unset and undeclared values as "unspecified", not as their number', () => {
  expect(phraseOf(mediationV1.FailureReason, 0)).toEqual({ zh: '未说明', en: 'unspecified' });
  expect(phraseOf(mediationV1.FailureReason, 99)).toEqual({ zh: '未说明', en: 'unspecified' });
});

it('writes days and moments in China Standard Time', () => {
  const d = new Date('2026-03-01T17:05:00Z'); // 2 March, 01:05 in Beijing
  expect(dayText(d)).toEqual({ zh: '2026年3月2日', en: '2 March 2026' });
  expect(momentText(d)).toEqual({ zh: '2026年3月2日 01:05', en: '2 March 2026, 01:05' });
});

it('names the fields an amendment changed in words, in both languages', () => {
  expect(amendedFieldsText(['people_involved', 'amount_involved', 'dispute_started_at'])).toEqual({
    zh: '涉及人数、涉及金额、纠纷发生时间',
    en: 'people involved, amount involved, when the dispute started',
  });
  // A field added to intake before its words: readable, not an identifier.
  expect(amendedFieldsText(['mass_dispute']).en).toBe('mass dispute');
});

import { ProblemError } from '../problems/problem';
import { parseInput } from '../validation/parse-input';
import { MEDIATION_COMMANDS } from '../mediation/mediation-commands';
import {
  agreementCodeBody,
  consentBody,
  satisfactionBody,
  sessionAnswerBody,
  sessionAnswerParams,
  signatureBody,
} from './party.schemas';

/** The field errors a body gets, or [] when it passes. */
function fields(schema: Parameters<typeof parseInput>[0], body: unknown): string[] {
  try {
    parseInput(schema, body);
    return [];
  } catch (error) {
    if (!(error instanceof ProblemError)) throw error;
    return (error.problem.errors ?? []).map((e) => e.field);
  }
}

const HASH = '0123456789abcdef'.repeat(4);

describe("the party acts' input", () => {
  it('takes a consent, or a refusal with its reason', () => {
    expect(fields(consentBody, { subject: 'mediation', decision: 'consent' })).toEqual([]);
    expect(
      fields(consentBody, { subject: 'mediation', decision: 'refuse', reason: '不想调解' }),
    ).toEqual([]);
    expect(fields(consentBody, { subject: 'mediation', decision: 'refuse' })).toEqual(['reason']);
    expect(fields(consentBody, { subject: 'mediation', decision: 'refuse', reason: '  ' })).toEqual(
      ['reason'],
    );
    expect(fields(consentBody, { subject: 'mediation', decision: 'consent', reason: 'x' })).toEqual(
      ['reason'],
    );
    expect(fields(consentBody, { subject: 'mediator', decision: 'maybe' })).toEqual([
      'subject',
      'decision',
    ]);
    expect(
      fields(consentBody, { subject: 'mediation', decision: 'consent', partyId: 'p2' }),
    ).toEqual(['partyId']);
  });

  it('takes an answer to a session; asking to move needs a note', () => {
    expect(fields(sessionAnswerBody, { answer: 'attend' })).toEqual([]);
    expect(fields(sessionAnswerBody, { answer: 'move', note: '下周末可以' })).toEqual([]);
    expect(fields(sessionAnswerBody, { answer: 'move' })).toEqual(['note']);
    expect(fields(sessionAnswerBody, { answer: 'later' })).toEqual(['answer']);
    expect(fields(sessionAnswerBody, { answer: 'attend', note: '长'.repeat(1001) })).toEqual([
      'note',
    ]);
    expect(fields(sessionAnswerParams, { caseId: 'c-1', sessionId: 'a/b' })).toEqual(['sessionId']);
  });

  it('takes a signature: the proposal, its SHA-256, the check and six digits', () => {
    const ok = { proposalId: 'pr-1', contentHash: HASH, checkId: 'chk-1', code: '123456' };
    expect(fields(signatureBody, ok)).toEqual([]);
    expect(fields(signatureBody, { ...ok, code: '12345' })).toEqual(['code']);
    expect(fields(signatureBody, { ...ok, contentHash: HASH.toUpperCase() })).toEqual([
      'contentHash',
    ]);
    expect(fields(signatureBody, { ...ok, contentHash: 'abc' })).toEqual(['contentHash']);
    expect(fields(signatureBody, { ...ok, partyId: 'p2' })).toEqual(['partyId']);
    expect(fields(signatureBody, {})).toEqual(['proposalId', 'contentHash', 'checkId', 'code']);
  });

  it('asks for a code in a language, and nothing else (the number is the proven one)', () => {
    expect(parseInput(agreementCodeBody, {})).toEqual({ language: 'zh' });
    expect(fields(agreementCodeBody, { mobile: '13800000000' })).toEqual(['mobile']);
  });

  it('takes a rating from 1 to 5 with an optional comment', () => {
    expect(fields(satisfactionBody, { score: 5, comment: '很满意' })).toEqual([]);
    for (const score of [0, 6, 3.5, '4'])
      expect(fields(satisfactionBody, { score })).toEqual(['score']);
  });

  it("puts an agreement to the parties with the agreement's text, and no signatures", () => {
    const body = MEDIATION_COMMANDS['agreement-proposal']!.body;
    const text = { expectedVersion: '7', facts: '漏水', issues: '赔偿', terms: {} };
    expect(fields(body, text)).toEqual([]);
    expect(MEDIATION_COMMANDS['agreement-proposal']!.rpc).toBe('proposeAgreement');
    expect(fields(body, { ...text, signedPartyIds: ['p1'] })).toEqual(['signedPartyIds']);
    expect(fields(body, { ...text, form: 'AGREEMENT_FORM_WRITTEN' })).toEqual(['form']);
    expect(fields(body, { expectedVersion: '7', facts: '', issues: '', terms: {} })).toEqual([
      'facts',
      'issues',
    ]);
  });
});

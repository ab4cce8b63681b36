import { status as GrpcStatus } from '@grpc/grpc-js';
import { servicePrincipal } from '@mediation/auth';
import type { z } from '@mediation/config';
import type { CallContext } from '../grpc/call-context';
import { toApiJson } from '../grpc/api-json';
import type { Backends } from '../grpc/backends';
import { isGrpcFailure, problemFromGrpc } from '../problems/grpc-problem.mapper';
import { notFoundProblem, problem, ProblemError } from '../problems/problem';
import { partyMediationView, type MediationJson, type NamedParty } from './party-mediation.view';
import type {
  agreementCodeBody,
  consentBody,
  satisfactionBody,
  sessionAnswerBody,
  signatureBody,
} from './party.schemas';

/** The gateway acting as itself: mediation reads after intake's party check, and phone checks. */
const GATEWAY = servicePrincipal('gateway');

/** The roles whose records a party speaks for itself (not agents or third persons). */
const PRINCIPAL_ROLES = new Set(['PARTY_ROLE_APPLICANT', 'PARTY_ROLE_RESPONDENT']);

/** A case as intake answers a party (its own record in clear, the others masked). */
export interface PartyCaseJson {
  caseId?: string;
  parties?: { partyId?: string; role?: string; name?: string; phone?: string }[];
  [key: string]: unknown;
}

/** The caller's case, its party ids on it, and the mediation as the gateway read it. */
export interface OwnCase {
  kase: PartyCaseJson;
  yours: string[];
  parties: NamedParty[];
  mediation: MediationJson | null;
}

/**
 * Runs a read or write of a case as the party; a case not naming its phone (intake's
 * PERMISSION_DENIED) or none at all is 404 alike, so a guessed id tells nothing.
 */
export async function asOwnCase<T>(
  work: () => Promise<T>,
  detail = 'No such case of yours.',
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (
      isGrpcFailure(error) &&
      (error.code === GrpcStatus.NOT_FOUND || error.code === GrpcStatus.PERMISSION_DENIED)
    )
      throw notFoundProblem(detail);
    throw error;
  }
}

const conflict = (detail: string, slug: string) => new ProblemError(problem(409, detail, { slug }));
const versionOf = (out: { mediation?: { version?: string } | null }, before: string) =>
  out.mediation?.version ?? before;

/**
 * The parties' own acts on their case (the party app): consent, answers to sessions, signing the
 * agreement with a texted code, the rating. Every act starts with intake's party read of the case
 * (only a case naming the caller's proven phone passes; anything else is 404, as if it did not
 * exist). Only then does the gateway read the mediation as itself, since the mediation service
 * shows nothing to a party, and the acts go to it as the party.
 */
export class PartyActs {
  constructor(private readonly backends: Backends) {}

  /** The case through intake as the party, or 404; then its mediation (null before it exists). */
  async ownCase(caseId: string, caller: CallContext): Promise<OwnCase> {
    const out = await asOwnCase(() => this.backends.intake.call('getCase', { caseId }, caller));
    const kase = ((toApiJson(out) as { case?: PartyCaseJson }).case ?? {}) as PartyCaseJson;
    const mobile = caller.principal.partyPhone;
    const parties = (kase.parties ?? []).map((p) => ({
      partyId: p.partyId ?? '',
      role: p.role ?? '',
      name: p.name ?? '',
    }));
    const yours = (kase.parties ?? [])
      .filter((p) => !!mobile && p.phone === mobile && PRINCIPAL_ROLES.has(p.role ?? ''))
      .map((p) => p.partyId ?? '')
      .filter(Boolean);
    return { kase, yours, parties, mediation: await this.mediationOf(caseId, caller) };
  }

  /** The party's view of the mediation (null before there is one). */
  view(own: OwnCase, now = new Date()) {
    return own.mediation ? partyMediationView(own.mediation, own.yours, own.parties, now) : null;
  }

  async decide(own: OwnCase, input: z.infer<typeof consentBody>, caller: CallContext) {
    const m = this.requireMediation(own);
    const view = this.view(own)!;
    if (!view.consent.canDecide)
      throw conflict('Your decision on mediation is already recorded.', 'already-decided');
    let version = m.version ?? '0';
    for (const partyId of own.yours) {
      const common = {
        mediationId: own.kase.caseId!,
        expectedVersion: version,
        partyId,
        subject: 'CONSENT_SUBJECT_MEDIATION',
        subjectRef: '',
        method: 'CONSENT_METHOD_ONLINE',
      } as const;
      const out =
        input.decision === 'consent'
          ? await this.backends.mediation.call('recordConsent', { ...common, note: '' }, caller)
          : await this.backends.mediation.call(
              'recordRefusal',
              { ...common, reason: input.reason ?? '' },
              caller,
            );
      version = versionOf(toApiJson(out) as never, version);
    }
  }

  async answer(
    own: OwnCase,
    sessionId: string,
    input: z.infer<typeof sessionAnswerBody>,
    caller: CallContext,
  ) {
    const m = this.requireMediation(own);
    const session = (m.sessions ?? []).find((s) => s.sessionId === sessionId);
    if (!session) throw notFoundProblem('No such session of your case.');
    const invited = session.invitedPartyIds?.length
      ? own.yours.filter((id) => session.invitedPartyIds!.includes(id))
      : own.yours;
    if (!invited.length) throw notFoundProblem('No such session of your case.');
    let version = m.version ?? '0';
    for (const partyId of invited) {
      const out = await this.backends.mediation.call(
        'respondToSession',
        {
          mediationId: own.kase.caseId!,
          expectedVersion: version,
          partyId,
          sessionId,
          answer:
            input.answer === 'attend'
              ? 'SESSION_ANSWER_WILL_ATTEND'
              : 'SESSION_ANSWER_ASKS_TO_MOVE',
          note: input.note ?? '',
        },
        caller,
      );
      version = versionOf(toApiJson(out) as never, version);
    }
  }

  /** Texts a code to the caller's own proven phone, when there is an agreement for it to sign. */
  async agreementCode(own: OwnCase, input: z.infer<typeof agreementCodeBody>, caller: CallContext) {
    this.requireSignable(own);
    const out = await this.backends.notification.call(
      'startPhoneCheck',
      {
        mobile: caller.principal.partyPhone,
        language: input.language === 'en' ? 'NOTICE_LANGUAGE_EN' : 'NOTICE_LANGUAGE_ZH',
      },
      { principal: GATEWAY, requestId: caller.requestId },
    );
    return toApiJson(out);
  }

  /**
   * Signs the agreement: the text must be the one the party read (proposal and content hash),
   * not yet signed by it, and the code texted to its phone right; then SignAgreement with the
   * phone check as the proof. The checks before ProvePhone spend no code on a signature that
   * cannot be made.
   */
  async sign(own: OwnCase, input: z.infer<typeof signatureBody>, caller: CallContext) {
    const m = this.requireMediation(own);
    const proposal = this.requireSignable(own, input);
    const unsigned = (proposal.partyIds ?? []).filter(
      (id) =>
        own.yours.includes(id) &&
        !(proposal.signatures ?? []).some(
          (s) => s.partyId === id && s.contentHash === proposal.contentHash,
        ),
    );
    try {
      await this.backends.notification.call(
        'provePhone',
        { checkId: input.checkId, code: input.code, mobile: caller.principal.partyPhone },
        { principal: GATEWAY, requestId: caller.requestId },
      );
    } catch (error) {
      // Whatever the service says of the check, to the party it is the code that did not work.
      if (isGrpcFailure(error) && error.code === GrpcStatus.INVALID_ARGUMENT) {
        const p = problemFromGrpc(error);
        p.errors = [{ field: 'code', description: error.details || 'the code is wrong' }];
        throw new ProblemError(p);
      }
      throw error;
    }
    let version = m.version ?? '0';
    for (const partyId of unsigned) {
      const out = await this.backends.mediation.call(
        'signAgreement',
        {
          mediationId: own.kase.caseId!,
          expectedVersion: version,
          partyId,
          proposalId: input.proposalId,
          contentHash: input.contentHash,
          proofId: input.checkId,
        },
        caller,
      );
      version = versionOf(toApiJson(out) as never, version);
    }
  }

  async rate(own: OwnCase, input: z.infer<typeof satisfactionBody>, caller: CallContext) {
    const m = this.requireMediation(own);
    if (!this.view(own)!.rating.canRate)
      throw conflict('A rating is taken once, after the mediation has closed.', 'not-ratable');
    const out = await this.backends.mediation.call(
      'recordSatisfaction',
      {
        mediationId: own.kase.caseId!,
        expectedVersion: m.version ?? '0',
        partyId: own.yours[0]!,
        score: input.score,
        comment: input.comment ?? '',
      },
      caller,
    );
    return toApiJson(out);
  }

  private requireMediation(own: OwnCase): MediationJson {
    if (!own.mediation || !own.yours.length)
      throw conflict('There is nothing of yours to decide on this case yet.', 'state-conflict');
    return own.mediation;
  }

  /**
   * The proposal the caller may sign; with `read`, also the one it read: another proposal or
   * text is 409 (read it again), one the caller already signed is 409 as well.
   */
  private requireSignable(own: OwnCase, read?: { proposalId: string; contentHash: string }) {
    const proposal = this.requireMediation(own).agreementProposal;
    if (!proposal?.proposalId)
      throw conflict('There is no agreement to sign: read the case again.', 'agreement-changed');
    if (
      read &&
      (read.proposalId !== proposal.proposalId || read.contentHash !== proposal.contentHash)
    )
      throw conflict(
        'The agreement has changed since you read it: read it again before signing.',
        'agreement-changed',
      );
    const view = this.view(own)!;
    if (view.agreement?.youSigned) throw conflict('You have already signed.', 'already-signed');
    if (!view.agreement?.youMaySign)
      throw notFoundProblem('This agreement is not put to you to sign.');
    return proposal;
  }

  /**
   * The 调解协议书 of the caller's case once a written agreement is in effect (404 before, and for
   * an oral one), read by the gateway as itself. The caller sends it after RecordDownload.
   */
  async agreementDocument(own: OwnCase, lang: 'zh' | 'en', caller: CallContext) {
    if (!this.view(own)?.agreementReached?.written)
      throw notFoundProblem('There is no written agreement on this case to download.');
    return this.backends.mediation.call(
      'getAgreementDocument',
      { mediationId: own.kase.caseId!, language: lang },
      { principal: GATEWAY, requestId: caller.requestId },
    );
  }

  private async mediationOf(caseId: string, caller: CallContext): Promise<MediationJson | null> {
    try {
      const out = await this.backends.mediation.call(
        'getMediation',
        { mediationId: caseId },
        { principal: GATEWAY, requestId: caller.requestId },
      );
      return ((toApiJson(out) as { mediation?: MediationJson }).mediation ?? null) || null;
    } catch (error) {
      // The mediation follows the case's opening by an event: not there yet is no failure.
      if (isGrpcFailure(error) && error.code === GrpcStatus.NOT_FOUND) return null;
      throw error;
    }
  }
}

import { commonV1, mediationV1, enumName } from '@mediation/contracts';
import {
  InvalidInputError,
  reachAgreement,
  type AgreementForm,
  type AgreementInput,
  type MediationState,
  type StatusMatter,
} from '../../domain';
import type { PartyAsWritten } from '../../persistence/mediation.document';
import { defineCommand } from '../command-spec';
import {
  dateOf,
  domainEnum,
  moneyOf,
  optionalEnum,
  requireEnum,
} from '../../mapping/request-to-domain';

/**
 * Written or oral, with structured terms. The parties' names for the 调解协议书 come with the
 * request (as written on the agreement) and stay in this service's database, never in events.
 */
export const reachAgreementCommand = defineCommand<mediationV1.ReachAgreementRequest>({
  name: 'ReachAgreement',
  decide: (state, req, ctx) => {
    assertPartiesOfCase(state, req.parties);
    return reachAgreement(
      state,
      {
        form: domainEnum<AgreementForm>(
          mediationV1.AgreementForm,
          'AGREEMENT_FORM_',
          req.form,
          'form',
        ),
        facts: req.facts,
        issues: req.issues,
        responsibilities: req.responsibilities,
        effectiveAt: dateOf(req.effectiveAt),
        signedPartyIds: req.signedPartyIds,
        ...agreementTermsOf(req),
      },
      ctx,
    );
  },
  agreementParties: (req) => req.parties.map(partyAsWritten),
});

/** The terms of an agreement or proposal request, as the domain takes them. */
export function agreementTermsOf(
  req: Pick<mediationV1.ReachAgreementRequest, 'terms' | 'statusMatters'>,
): Pick<AgreementInput, 'otherTerms' | 'statusMatters' | 'obligations'> {
  return {
    otherTerms: req.terms?.otherTerms ?? '',
    statusMatters: req.statusMatters.map((x, i) =>
      enumName<StatusMatter>(
        mediationV1.StatusMatter,
        'STATUS_MATTER_',
        requireEnum(mediationV1.StatusMatter, x, `status_matters[${i}]`),
      )!,
    ),
    obligations: (req.terms?.obligations ?? []).map((o, i) => ({
      obligationId: o.obligationId,
      obligorPartyId: o.obligorPartyId,
      obligeePartyId: o.obligeePartyId,
      kind: optionalEnum(mediationV1.ObligationKind, o.kind, `terms.obligations[${i}].kind`),
      description: o.description,
      amount: moneyOf(o.amount),
      manner: optionalEnum(
        mediationV1.PerformanceManner,
        o.manner,
        `terms.obligations[${i}].manner`,
      ),
      dueAt: dateOf(o.dueAt),
      instalments: o.instalments.map((x) => ({
        number: x.number,
        amount: moneyOf(x.amount),
        dueAt: dateOf(x.dueAt),
        status: 'PENDING' as const,
        amountPaid: null,
        performedAt: null,
      })),
    })),
  };
}

/** The parties written on the agreement are the case's own, each named. */
export function assertPartiesOfCase(state: MediationState, parties: commonV1.Party[]): void {
  parties.forEach((p, i) => {
    if (!state.parties.some((x) => x.partyId === p.partyId))
      throw new InvalidInputError(
        `parties[${i}].party_id`,
        `${p.partyId || '(empty)'} is not a party of this case`,
      );
    if (!p.name.trim()) throw new InvalidInputError(`parties[${i}].name`, 'required');
  });
}

export function partyAsWritten(p: commonV1.Party): PartyAsWritten {
  return {
    partyId: p.partyId,
    kind: p.kind,
    role: p.role,
    name: p.name,
    idType: p.idType,
    idNumber: p.idNumber,
    phone: p.phone,
    address: p.address,
  };
}

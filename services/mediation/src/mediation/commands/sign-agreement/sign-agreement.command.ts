import { partyPhoneOf } from '@mediation/auth';
import type { mediationV1 } from '@mediation/contracts';
import { NotPermittedError } from '@mediation/domain-kit';
import { signAgreement } from '../../domain';
import { defineCommand } from '../command-spec';

/**
 * A party signs the proposal from the parties' app, with the mobile it has just proved. Only the
 * masked mobile enters the state; the full one is kept sealed as the signature's evidence. The
 * last signature makes the agreement take effect, with the parties as written on the proposal.
 */
export const signAgreementCommand = defineCommand<mediationV1.SignAgreementRequest>({
  name: 'SignAgreement',
  actedBy: 'party',
  decide: (state, req, ctx) => {
    const mobile = partyPhoneOf(ctx.principal);
    if (!mobile) throw new NotPermittedError('a party signs with the mobile it proved');
    return signAgreement(
      state,
      {
        partyId: req.partyId,
        proposalId: req.proposalId,
        contentHash: req.contentHash,
        proofId: req.proofId,
        mobile,
      },
      ctx,
    );
  },
  personalData: (req, document, step, principal) => {
    const signed = step.events.find((e) => e.name === 'AgreementSigned')!;
    const tookEffect = step.events.some((e) => e.name === 'AgreementReached');
    return {
      signatureMobile: {
        proposalId: req.proposalId,
        partyId: req.partyId,
        signedAt: signed.data.signedAt as Date,
        mobile: partyPhoneOf(principal)!,
      },
      // The proposal's parties (still sealed) become the agreement's, for the 调解协议书.
      ...(tookEffect ? { agreementParties: document.proposalParties ?? [] } : {}),
    };
  },
});

import type { mediationV1 } from '@mediation/contracts';
import { proposeAgreement } from '../../domain';
import { defineCommand } from '../command-spec';
import {
  agreementTermsOf,
  assertPartiesOfCase,
  partyAsWritten,
} from '../reach-agreement/reach-agreement.command';

/**
 * A written agreement put to the parties to sign online: staff's, like ReachAgreement. The
 * parties as written for the 调解协议书 are kept sealed with the proposal and go on the agreement
 * when the last party signs.
 */
export const proposeAgreementCommand = defineCommand<mediationV1.ProposeAgreementRequest>({
  name: 'ProposeAgreement',
  decide: (state, req, ctx) => {
    assertPartiesOfCase(state, req.parties);
    return proposeAgreement(
      state,
      {
        facts: req.facts,
        issues: req.issues,
        responsibilities: req.responsibilities,
        ...agreementTermsOf(req),
      },
      ctx,
    );
  },
  personalData: (req) => ({ proposalParties: req.parties.map(partyAsWritten) }),
});

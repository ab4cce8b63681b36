import { commonV1, type mediationV1 } from '@mediation/contracts';
import { InvalidInputError, requestJudicialConfirmation } from '../../domain';
import { defineCommand } from '../command-spec';
import { dateOf } from '../../mapping/request-to-domain';

/** To the competent basic court (where the committee sits) unless another court is named. */
export const requestJudicialConfirmationCommand =
  defineCommand<mediationV1.RequestJudicialConfirmationRequest>({
    name: 'RequestJudicialConfirmation',
    decide: (state, req, ctx) => {
      const court = req.courtCode
        ? ctx.directory.findInstitution(req.courtCode)
        : ctx.directory.competentBasicCourt(state.committee.orgUnitCode);
      if (!court || court.type !== 'COURT')
        throw new InvalidInputError(
          'court_code',
          'no such court (name one for city-level committees)',
        );
      return requestJudicialConfirmation(
        state,
        {
          court: { code: court.id, type: commonV1.InstitutionType.INSTITUTION_TYPE_COURT },
          appliedAt: dateOf(req.appliedAt),
          applicantPartyIds: req.applicantPartyIds,
          note: req.note,
        },
        ctx,
      );
    },
  });

import { commonV1, mediationV1 } from '@mediation/contracts';
import { fail } from '../../domain';
import { defineCommand } from '../command-spec';
import { optionalEnum, requireEnum } from '../../mapping/request-to-domain';

/**
 * 调解不成. A referral request travels as MediationFailed(referral_requested, institution type,
 * desk, remedy): the referral service creates the referral from that event. The committee's words
 * for the desk stay in the failure; the event only says there are some, and the referral service
 * reads them from here for its handover package.
 */
export const failCommand = defineCommand<mediationV1.FailRequest>({
  name: 'Fail',
  decide: (state, req, ctx) => {
    const r = req.referralRequest;
    return fail(
      state,
      {
        reason: requireEnum(mediationV1.FailureReason, req.reason, 'reason'),
        note: req.note,
        remediesTold: req.remediesTold.map((x, i) =>
          requireEnum(commonV1.Remedy, x, `remedies_told[${i}]`),
        ),
        referral: r
          ? {
              institutionType: requireEnum(
                commonV1.InstitutionType,
                r.institutionType,
                'referral_request.institution_type',
              ),
              deskCode: r.deskCode,
              remedy: optionalEnum(commonV1.Remedy, r.remedy, 'referral_request.remedy'),
              summary: r.summary,
              whatWasTried: r.whatWasTried,
            }
          : null,
      },
      ctx,
    );
  },
});

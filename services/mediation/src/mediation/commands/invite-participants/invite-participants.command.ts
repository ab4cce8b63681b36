import { mediationV1 } from '@mediation/contracts';
import { inviteParticipants } from '../../domain';
import { defineCommand } from '../command-spec';
import { requireEnum } from '../../mapping/request-to-domain';

/** Relatives, neighbours, experts, with every party's consent (art. 20). */
export const inviteParticipantsCommand = defineCommand<mediationV1.InviteParticipantsRequest>({
  name: 'InviteParticipants',
  decide: (state, req, ctx) =>
    inviteParticipants(
      state,
      {
        participants: req.participants.map((p, i) => ({
          name: p.name,
          relation: requireEnum(
            mediationV1.ParticipantRelation,
            p.relation,
            `participants[${i}].relation`,
          ),
          note: p.note,
          consentingPartyIds: p.consentingPartyIds,
        })),
      },
      ctx,
    ),
});

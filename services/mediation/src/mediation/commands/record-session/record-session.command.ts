import { mediationV1 } from '@mediation/contracts';
import { recordSession } from '../../domain';
import { defineCommand } from '../command-spec';
import { dateOf, optionalEnum } from '../../mapping/request-to-domain';

export const recordSessionCommand = defineCommand<
  mediationV1.RecordSessionRequest,
  string,
  mediationV1.RecordSessionResponse
>({
  name: 'RecordSession',
  decide: (state, req, ctx) =>
    recordSession(
      state,
      {
        sessionId: req.sessionId,
        heldAt: dateOf(req.heldAt) ?? ctx.now,
        location: req.location,
        visibility: optionalEnum(mediationV1.SessionVisibility, req.visibility, 'visibility'),
        attendedPartyIds: req.attendedPartyIds,
        noShowPartyIds: req.noShowPartyIds,
        attendedParticipantIds: req.attendedParticipantIds,
        durationMinutes: req.durationMinutes,
        outcome: optionalEnum(mediationV1.SessionOutcome, req.outcome, 'outcome'),
        summary: req.summary,
        contactAttempts: req.contactAttempts.map((a) => ({
          partyId: a.partyId,
          method: a.method,
          attemptedAt: dateOf(a.attemptedAt),
          reached: a.reached,
        })),
      },
      ctx,
    ),
  respond: (mediation, sessionId) => ({ mediation, sessionId: sessionId ?? '' }),
});

import { mediationV1 } from '@mediation/contracts';
import { scheduleSession } from '../../domain';
import { defineCommand } from '../command-spec';
import { optionalEnum, requiredDate } from '../../mapping/request-to-domain';

export const scheduleSessionCommand = defineCommand<
  mediationV1.ScheduleSessionRequest,
  string,
  mediationV1.ScheduleSessionResponse
>({
  name: 'ScheduleSession',
  decide: (state, req, ctx) =>
    scheduleSession(
      state,
      {
        scheduledAt: requiredDate(req.scheduledAt, 'scheduled_at'),
        location: req.location,
        visibility: optionalEnum(mediationV1.SessionVisibility, req.visibility, 'visibility'),
        invitedPartyIds: req.invitedPartyIds,
        mediatorIds: req.mediatorIds,
      },
      ctx,
    ),
  respond: (mediation, sessionId) => ({ mediation, sessionId: sessionId ?? '' }),
});

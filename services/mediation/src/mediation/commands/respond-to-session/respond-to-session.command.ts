import { mediationV1 } from '@mediation/contracts';
import { respondToSession, type SessionAnswer } from '../../domain';
import { defineCommand } from '../command-spec';
import { domainEnum } from '../../mapping/request-to-domain';

/** A party answers a scheduled session from the parties' app: it will attend, or asks to move it. */
export const respondToSessionCommand = defineCommand<mediationV1.RespondToSessionRequest>({
  name: 'RespondToSession',
  actedBy: 'party',
  decide: (state, req, ctx) =>
    respondToSession(
      state,
      {
        partyId: req.partyId,
        sessionId: req.sessionId,
        answer: domainEnum<SessionAnswer>(
          mediationV1.SessionAnswer,
          'SESSION_ANSWER_',
          req.answer,
          'answer',
        ),
        note: req.note,
      },
      ctx,
    ),
});

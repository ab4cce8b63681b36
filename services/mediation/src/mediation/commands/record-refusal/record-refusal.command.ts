import { mediationV1 } from '@mediation/contracts';
import { recordRefusal, type ConsentSubject } from '../../domain';
import { defineCommand } from '../command-spec';
import { domainEnum, optionalEnum } from '../../mapping/request-to-domain';

/**
 * A refusal of mediation itself stops the process (arts. 17, 23). Staff record it as given to them;
 * a party records its own, online.
 */
export const recordRefusalCommand = defineCommand<mediationV1.RecordRefusalRequest>({
  name: 'RecordRefusal',
  actedBy: 'staff-or-party',
  decide: (state, req, ctx) =>
    recordRefusal(
      state,
      {
        partyId: req.partyId,
        subject: domainEnum<ConsentSubject>(
          mediationV1.ConsentSubject,
          'CONSENT_SUBJECT_',
          req.subject,
          'subject',
        ),
        subjectRef: req.subjectRef,
        method: optionalEnum(mediationV1.ConsentMethod, req.method, 'method'),
        note: req.reason,
      },
      ctx,
    ),
});

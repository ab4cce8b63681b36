import { actorRef, hasRole } from '@mediation/auth';
import { commonV1, statisticsV1 } from '@mediation/contracts';
import { InvalidInputError, NotPermittedError, RuleViolationError } from '@mediation/domain-kit';
import type { OrgDirectory } from '@mediation/org-directory';
import type { Loaded } from '@mediation/persistence';
import type { AggregateCommand } from '@mediation/service-kit';
import { authorizeUnit } from '../../../rollups/queries/shared/unit-access';
import type { AlertAcknowledgement, AlertState } from '../../persistence/alert.model';
import { toAlert } from '../../queries/alert.mapper';

const { Role } = commonV1;

/**
 * AcknowledgeAlert: an analyst or administrator, or a committee admin whose subtree holds the
 * alert's unit, notes what is being done about an open alert.
 */
export const acknowledgeAlert = (
  directory: OrgDirectory,
): AggregateCommand<
  AlertState,
  statisticsV1.AcknowledgeAlertRequest,
  AlertAcknowledgement,
  Loaded<AlertState>,
  statisticsV1.AcknowledgeAlertResponse
> => ({
  authorize: (call, alert) => {
    if (
      !hasRole(
        call.principal,
        Role.ROLE_ANALYST,
        Role.ROLE_ADMINISTRATOR,
        Role.ROLE_COMMITTEE_ADMIN,
      )
    )
      throw new NotPermittedError(
        'only analysts, administrators and committee admins acknowledge alerts',
      );
    authorizeUnit(call.principal, alert.orgUnitCode, directory);
  },
  decide: (alert, request, call) =>
    acknowledge(alert, request.note, actorRef(call.principal), call.at),
  respond: (saved) => ({ alert: toAlert(saved.id, saved.version, saved.state, directory) }),
});

/** The longest note an acknowledgement keeps. */
const MAX_ACKNOWLEDGEMENT_NOTE = 1000;

/**
 * An open alert seen by `by`, with a note on what is being done about it. Refused for an empty or
 * over-long note, and for an alert that is not open (it was acknowledged once, by someone).
 */
function acknowledge(
  alert: AlertState,
  note: string,
  by: commonV1.ActorRef,
  at: Date,
): AlertAcknowledgement {
  const text = note.trim();
  if (!text) throw new InvalidInputError('note', 'say what is being done about the alert');
  if (text.length > MAX_ACKNOWLEDGEMENT_NOTE)
    throw new InvalidInputError('note', `at most ${MAX_ACKNOWLEDGEMENT_NOTE} characters`);
  if (alert.status !== statisticsV1.AlertStatus.ALERT_STATUS_OPEN) {
    const previous = alert.acknowledgement;
    throw new RuleViolationError(
      previous
        ? `the alert was acknowledged already, by ${previous.by.displayName || previous.by.subject} at ${previous.at.toISOString()}`
        : 'only an open alert can be acknowledged',
    );
  }
  return { by, at, note: text };
}

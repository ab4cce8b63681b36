import type { commonV1, mediationV1 } from '@mediation/contracts';
import type { OrgDirectory } from '@mediation/org-directory';
import type {
  CommitteeRoster,
  MediationCommand,
  MediationState,
  StepContext,
  StepResult,
} from '../domain';
import type { PartyAsWritten } from '../persistence/mediation.document';

export interface CommandRequest {
  mediationId: string;
  expectedVersion: string;
}

export interface CommandContext extends StepContext {
  principal: commonV1.Principal;
  directory: OrgDirectory;
  /** The roster of the handler holding the case (empty when none is kept), for `needsRoster`. */
  roster?: CommitteeRoster;
}

/**
 * One RPC of the state machine: the pipeline loads, checks version and scope, calls `decide`,
 * saves the step with its events and answers with the new state (or `respond`'s shape).
 */
export interface CommandSpec<Req extends CommandRequest, X = unknown> {
  name: MediationCommand;
  /** Load the roster of the handler holding the case into the context before `decide`. */
  needsRoster?: boolean;
  decide(state: MediationState, request: Req, ctx: CommandContext): StepResult<X>;
  respond?(mediation: mediationV1.Mediation, extra: X | undefined): object;
  /** Personal data to keep beside the state (the agreement's parties). */
  agreementParties?(request: Req): PartyAsWritten[] | undefined;
}

export const defineCommand = <Req extends CommandRequest, X = unknown>(
  spec: CommandSpec<Req, X>,
): CommandSpec<Req, X> => spec;

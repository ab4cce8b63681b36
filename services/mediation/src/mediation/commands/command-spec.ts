import type { commonV1, mediationV1 } from '@mediation/contracts';
import type { OrgDirectory } from '@mediation/org-directory';
import type { VersionedRequest } from '@mediation/service-kit';
import type {
  CommitteeRoster,
  MediationCommand,
  MediationState,
  StepContext,
  StepResult,
} from '../domain';
import type { PartyAsWritten } from '../persistence/mediation.document';

export interface CommandRequest extends VersionedRequest {
  mediationId: string;
}

/** What a mediation command's `decide` is given: the domain's step context and the caller's world. */
export interface DecideContext extends StepContext {
  principal: commonV1.Principal;
  directory: OrgDirectory;
  /** The roster of the handler holding the case (empty when none is kept), for `needsRoster`. */
  roster?: CommitteeRoster;
}

/** What most commands answer: the mediation as saved. */
export interface MediationResponse {
  mediation: mediationV1.Mediation;
}

/**
 * One RPC of the state machine, as its command file writes it: the domain step it takes and
 * the answer. `MediationCommands` adapts it to the pipeline's AggregateCommand (scope rule, step
 * context, roster, response).
 */
export interface CommandSpec<Req extends CommandRequest, X = unknown, Res = MediationResponse> {
  name: MediationCommand;
  /** Load the roster of the handler holding the case into the context before `decide`. */
  needsRoster?: boolean;
  decide(state: MediationState, request: Req, ctx: DecideContext): StepResult<X>;
  /** The answer when it is more than the mediation (a session id, a suggested action). */
  respond?(mediation: mediationV1.Mediation, extra: X | undefined): Res;
  /** Personal data to keep beside the state (the agreement's parties). */
  agreementParties?(request: Req): PartyAsWritten[] | undefined;
}

export const defineCommand = <Req extends CommandRequest, X = unknown, Res = MediationResponse>(
  spec: CommandSpec<Req, X, Res>,
): CommandSpec<Req, X, Res> => spec;

/**
 * A roster edit, as its command file writes it: the request checks (every problem at once) and
 * the domain change, made at the service clock.
 */
export interface RosterCommandSpec<Req extends VersionedRequest> {
  validate(request: Req): void;
  change(roster: CommitteeRoster, request: Req, now: Date): CommitteeRoster;
}

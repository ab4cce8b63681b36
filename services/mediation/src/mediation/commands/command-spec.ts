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
import type { MediationDocument, PartyAsWritten } from '../persistence/mediation.document';
import type { PersonalData } from '../persistence/mediation.repository';

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
/**
 * Who may call a command: the committee's staff (the default), the party itself from the parties'
 * app (a party principal, its own `party_id`), or either.
 */
export type ActedBy = 'staff' | 'party' | 'staff-or-party';

export interface CommandSpec<Req extends CommandRequest, X = unknown, Res = MediationResponse> {
  name: MediationCommand;
  actedBy?: ActedBy;
  /** Load the roster of the handler holding the case into the context before `decide`. */
  needsRoster?: boolean;
  decide(state: MediationState, request: Req, ctx: DecideContext): StepResult<X>;
  /** The answer when it is more than the mediation (a session id, a suggested action). */
  respond?(mediation: mediationV1.Mediation, extra: X | undefined): Res;
  /** Personal data to keep beside the state (the agreement's parties). */
  agreementParties?(request: Req): PartyAsWritten[] | undefined;
  /** Other personal data a step keeps beside the state, sealed (a proposal's parties, a mobile). */
  personalData?(
    request: Req,
    document: MediationDocument,
    step: StepResult<X>,
    principal: commonV1.Principal,
  ): PersonalData;
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

import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { mediationV1 } from '@mediation/contracts';
import { NotPermittedError } from '@mediation/domain-kit';
import type { OrgDirectory } from '@mediation/org-directory';
import type { AggregateCommand, CommandCall, VersionedRequest } from '@mediation/service-kit';
import { MEDIATION_OPTIONS, ORG_DIRECTORY, type MediationOptions } from '../../mediation.tokens';
import type { CommitteeRoster } from '../domain';
import { mediationView } from '../mapping/mediation-view.mapper';
import { mayAct } from '../mediation-access';
import type { MediationDocument } from '../persistence/mediation.document';
import type { MediationDecision, SavedMediation } from '../persistence/mediation.repository';
import { RosterRepository, type SavedRoster } from '../persistence/roster.repository';
import { mayMaintainRoster } from '../roster/roster-access';
import { rosterView } from '../roster/roster-view.mapper';
import type { DecideContext, CommandRequest, CommandSpec, RosterCommandSpec } from './command-spec';

export type MediationAggregateCommand<Req, X, Res> = AggregateCommand<
  MediationDocument,
  Req,
  MediationDecision<X>,
  SavedMediation,
  Res
>;

export type RosterAggregateCommand<Req> = AggregateCommand<
  CommitteeRoster,
  Req,
  CommitteeRoster,
  SavedRoster,
  { roster: mediationV1.CommitteeRoster }
>;

/**
 * Adapts the command files' specs to the pipeline's AggregateCommand: `authorize` is the scope
 * rule, `decide` builds the step context (and reads the roster a step needs) before the domain
 * step, `respond` answers with the saved state.
 */
@Injectable()
export class MediationCommands {
  constructor(
    private readonly rosters: RosterRepository,
    @Inject(ORG_DIRECTORY) private readonly directory: OrgDirectory,
    @Inject(MEDIATION_OPTIONS) private readonly options: MediationOptions,
  ) {}

  /** A command on a mediation: only the handler holding the case acts on it (mayAct). */
  mediation<Req extends CommandRequest, X, Res>(
    spec: CommandSpec<Req, X, Res>,
  ): MediationAggregateCommand<Req, X, Res> {
    return {
      authorize: (call, state) => {
        if (!mayAct(call.principal, state, this.directory))
          throw new NotPermittedError(
            `mediation ${state.mediationId} is handled by ${state.committee.code}, outside the caller's committee or scope`,
          );
      },
      decide: async (state, request, call) => {
        const ctx = this.stepContext(call);
        // Read before the write, not inside it: a roster edit racing an assignment is rare and
        // shows on the next assignment; the mediation's own write stays version-guarded.
        if (spec.needsRoster) ctx.roster = await this.rosters.rosterOf(state.committee);
        return {
          step: spec.decide(state, request, ctx),
          actor: ctx.actor,
          agreementParties: spec.agreementParties?.(request),
        };
      },
      respond: (saved, decision) => {
        const mediation = mediationView(saved.state, saved.version);
        // A spec without `respond` answers the default shape, MediationResponse.
        return spec.respond ? spec.respond(mediation, decision.step.extra) : ({ mediation } as Res);
      },
    };
  }

  /** A roster edit: by administrators, and committee admins of that handler (mayMaintainRoster). */
  roster<Req extends VersionedRequest>(spec: RosterCommandSpec<Req>): RosterAggregateCommand<Req> {
    return {
      authorize: (call, roster) => {
        if (!mayMaintainRoster(call.principal, roster.committee, this.directory))
          throw new NotPermittedError(
            `the roster of ${roster.committee.code} is kept by its committee admins, outside the caller's committee or scope`,
          );
      },
      decide: (roster, request, call) => {
        spec.validate(request);
        // Reference data, not a step of a case: dated by the service clock, never backfilled.
        return spec.change(roster, request, call.writtenAt);
      },
      respond: (saved) => ({ roster: rosterView(saved.roster, saved.version) }),
    };
  }

  private stepContext(call: CommandCall): DecideContext {
    const { principal } = call;
    return {
      now: call.at,
      actor: {
        subject: principal.subject,
        role: principal.roles[0] ?? 0,
        orgUnitCode: principal.orgUnitCode,
        displayName: principal.displayName,
      },
      newId: randomUUID,
      rules: this.options.rules,
      principal,
      directory: this.directory,
    };
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { isParty } from '@mediation/auth';
import { commonV1, phraseOf, type mediationV1 } from '@mediation/contracts';
import { NotPermittedError } from '@mediation/domain-kit';
import type { OrgDirectory } from '@mediation/org-directory';
import type { AggregateCommand, CommandCall, VersionedRequest } from '@mediation/service-kit';
import { MEDIATION_OPTIONS, ORG_DIRECTORY, type MediationOptions } from '../../mediation.tokens';
import type { Actor, CommitteeRoster, MediationState } from '../domain';
import { mediationView } from '../mapping/mediation-view.mapper';
import { mayAct, mayActAsParty } from '../mediation-access';
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

  /**
   * A command on a mediation: staff commands only by the handler holding the case (mayAct); a
   * party's own acts only by that party from the parties' app (mayActAsParty), never by staff.
   */
  mediation<Req extends CommandRequest, X, Res>(
    spec: CommandSpec<Req, X, Res>,
  ): MediationAggregateCommand<Req, X, Res> {
    const actedBy = spec.actedBy ?? 'staff';
    return {
      authorize: (call, state, request) => {
        if (isParty(call.principal)) {
          if (actedBy === 'staff')
            throw new NotPermittedError(`${spec.name} is not a party's own act`);
          if (!mayActAsParty(call.principal, state, partyIdOf(request)))
            throw new NotPermittedError(
              `the caller is not a party of mediation ${state.mediationId}`,
            );
          return;
        }
        if (actedBy === 'party')
          throw new NotPermittedError(
            `${spec.name} is the party's own act, from the parties' app only`,
          );
        if (!mayAct(call.principal, state, this.directory))
          throw new NotPermittedError(
            `mediation ${state.mediationId} is handled by ${state.committee.code}, outside the caller's committee or scope`,
          );
      },
      decide: async (state, request, call) => {
        const ctx = this.stepContext(call, state, partyIdOf(request));
        // Read before the write, not inside it: a roster edit racing an assignment is rare and
        // shows on the next assignment; the mediation's own write stays version-guarded.
        if (spec.needsRoster) ctx.roster = await this.rosters.rosterOf(state.committee);
        const step = spec.decide(state, request, ctx);
        return {
          step,
          actor: ctx.actor,
          agreementParties: spec.agreementParties?.(request),
          ...spec.personalData?.(request, state, step, call.principal),
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
        if (
          isParty(call.principal) ||
          !mayMaintainRoster(call.principal, roster.committee, this.directory)
        )
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

  private stepContext(call: CommandCall, state: MediationState, partyId: string): DecideContext {
    const { principal } = call;
    const byParty = isParty(principal);
    return {
      now: call.at,
      actor: byParty
        ? partyActor(state, partyId)
        : {
            subject: principal.subject,
            role: principal.roles[0] ?? 0,
            orgUnitCode: principal.orgUnitCode,
            displayName: principal.displayName,
          },
      newId: randomUUID,
      rules: this.options.rules,
      principal,
      directory: this.directory,
      byParty,
    };
  }
}

/** The party a party's act is for (the gateway names it among the caller's own). */
const partyIdOf = (request: object): string =>
  String((request as { partyId?: unknown }).partyId ?? '');

/**
 * A party acting for itself, as the timeline and events record it: the party id and its role on
 * the case, never the phone it signed in with (the session subject is derived from it).
 */
function partyActor(state: MediationState, partyId: string): Actor {
  const role = state.parties.find((p) => p.partyId === partyId)?.role ?? 0;
  return {
    subject: `party:${partyId}`,
    role: commonV1.Role.ROLE_PARTY,
    orgUnitCode: '',
    displayName: role ? phraseOf(commonV1.PartyRole, role).zh : '当事人',
  };
}

import { Inject, Injectable } from '@nestjs/common';
import type { Metadata } from '@grpc/grpc-js';
import { randomUUID } from 'node:crypto';
import type { OrgDirectory } from '@mediation/org-directory';
import {
  assertNotBeforeLastStep,
  commandTime,
  invalidArgument,
  notFound,
  permissionDenied,
  requirePrincipal,
} from '@mediation/service-kit';
import { lastStepAt, markBackfill } from '../backfill';
import { emptyRoster, type Actor } from '../domain';
import { mediationView } from '../mapping/mediation-view.mapper';
import { mayAct } from '../mediation-access';
import { MEDIATION_OPTIONS, type MediationOptions } from '../mediation.tokens';
import { ORG_DIRECTORY } from '../mediation.providers';
import { MediationStore } from '../persistence/mediation-store';
import { RosterRepository } from '../persistence/roster.repository';
import type { CommandContext, CommandRequest, CommandSpec } from './command-spec';
import { aborted, toRpcError } from './rpc-errors';

/**
 * The one command path: load -> version check -> scope check -> domain transition -> one write
 * with the events (outbox) -> the new state. Written once for all nineteen commands.
 */
@Injectable()
export class MediationCommandPipeline {
  constructor(
    private readonly store: MediationStore,
    private readonly rosters: RosterRepository,
    @Inject(ORG_DIRECTORY) private readonly directory: OrgDirectory,
    @Inject(MEDIATION_OPTIONS) private readonly options: MediationOptions,
  ) {}

  async execute<Req extends CommandRequest, X>(
    spec: CommandSpec<Req, X>,
    request: Req,
    metadata: Metadata,
  ): Promise<object> {
    try {
      const principal = requirePrincipal(metadata);
      const time = commandTime(metadata, principal, {
        backfillEnabled: this.options.backfillEnabled ?? false,
        clock: this.options.clock,
      });
      if (!request.mediationId)
        throw invalidArgument([{ field: 'mediation_id', description: 'is required' }]);
      const expected = Number(request.expectedVersion);
      if (!Number.isSafeInteger(expected) || expected < 1)
        throw invalidArgument([
          { field: 'expected_version', description: 'must be the version last read' },
        ]);
      const loaded = await this.store.repository.load(request.mediationId);
      if (!loaded) throw notFound(`mediation ${request.mediationId}`);
      if (!mayAct(principal, loaded.state, this.directory))
        throw permissionDenied(
          `mediation ${request.mediationId} is handled by ${loaded.state.committee.code}, outside the caller's committee or scope`,
        );
      if (loaded.version !== expected)
        throw aborted(
          `mediation ${request.mediationId} is at version ${loaded.version}, not ${expected}: re-read and retry`,
        );
      assertNotBeforeLastStep(time, lastStepAt(loaded.state), `mediation ${request.mediationId}`);
      const now = time.at;
      const actor: Actor = {
        subject: principal.subject,
        role: principal.roles[0] ?? 0,
        orgUnitCode: principal.orgUnitCode,
        displayName: principal.displayName,
      };
      const ctx: CommandContext = {
        now,
        actor,
        newId: randomUUID,
        rules: this.options.rules,
        principal,
        directory: this.directory,
      };
      if (spec.needsRoster) {
        // Read before the write, not inside it: a roster edit racing an assignment is rare and
        // shows on the next assignment; the mediation's own write stays version-guarded.
        const handler = loaded.state.committee;
        ctx.roster = (await this.rosters.load(handler.code))?.state ?? emptyRoster(handler);
      }
      const result = spec.decide(loaded.state, request, ctx);
      markBackfill(result.state, time.backfilled, this.options.clock());
      const saved = await this.store.recorder.save(
        loaded,
        result,
        actor,
        now,
        spec.agreementParties?.(request),
      );
      const view = mediationView(saved.state, saved.version);
      return spec.respond ? spec.respond(view, result.extra) : { mediation: view };
    } catch (error) {
      throw toRpcError(error);
    }
  }
}

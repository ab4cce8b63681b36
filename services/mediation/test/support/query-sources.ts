import { Metadata } from '@grpc/grpc-js';
import type { Connection, Model } from 'mongoose';
import { commonV1 } from '@mediation/contracts';
import { piiSealingKeys } from '@mediation/config';
import type { OrgDirectory } from '@mediation/org-directory';
import { Sealer } from '@mediation/persistence';
import type { RpcCall } from '@mediation/service-kit';
import { mediationConfig } from '../../src/config';
import { AgreementDocumentStore } from '../../src/mediation/documents/agreement-document.store';
import { MediationRecorder } from '../../src/mediation/events/mediation-recorder';
import { directoryNames } from '../../src/mediation/events/timeline-text';
import { MediationRepository } from '../../src/mediation/persistence/mediation.repository';
import { RosterRepository } from '../../src/mediation/persistence/roster.repository';
import type { ReadSources } from '../../src/mediation/queries/scoped-reads';
import { rosterHandler } from '../../src/mediation/roster/roster-access';

/** What the query functions read from, over a test's own connection, at a fixed time. */
export function querySources(
  connection: Connection,
  model: Model<unknown>,
  directory: OrgDirectory,
  now: Date,
): ReadSources {
  const sealer = new Sealer(piiSealingKeys(mediationConfig.parse({})));
  return {
    mediations: new MediationRepository(
      model,
      new MediationRecorder('mediation.events.v1', directoryNames(directory)),
      (code) => (directory.lookup(code) ? directory.path(code).map((u) => u.code) : [code]),
      sealer,
    ),
    directory,
    documents: new AgreementDocumentStore(connection, directory, sealer),
    rosters: new RosterRepository(connection, (code) => rosterHandler(directory, code)),
    clock: () => now,
  };
}

/** A call by the city's administrator, who may read every list. */
export const cityAdministrator = (directory: OrgDirectory): RpcCall => ({
  principal: commonV1.Principal.fromPartial({
    subject: 'admin',
    roles: [commonV1.Role.ROLE_ADMINISTRATOR],
    orgUnitCode: directory.city.code,
  }),
  metadata: new Metadata(),
});

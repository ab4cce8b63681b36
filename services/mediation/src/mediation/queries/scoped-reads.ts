import { canAccessOrgUnit, subtreeScope } from '@mediation/auth';
import type { commonV1 } from '@mediation/contracts';
import type { OrgDirectory } from '@mediation/org-directory';
import { InvalidInputError, NotFoundError, NotPermittedError } from '@mediation/domain-kit';
import type { Clock } from '../../mediation.tokens';
import type { AgreementDocumentStore } from '../documents/agreement-document.store';
import { mayRead } from '../mediation-access';
import type { MediationDocument } from '../persistence/mediation.document';
import type { MediationRepository } from '../persistence/mediation.repository';
import type { RosterRepository } from '../persistence/roster.repository';

/** What the queries read from. */
export interface ReadSources {
  mediations: MediationRepository;
  directory: OrgDirectory;
  documents: AgreementDocumentStore;
  rosters: RosterRepository;
  clock: Clock;
}

/** Loads one mediation the caller may read (NOT_FOUND / PERMISSION_DENIED otherwise). */
export async function readableMediation(
  sources: ReadSources,
  principal: commonV1.Principal,
  id: string,
): Promise<{ state: MediationDocument; version: number }> {
  if (!id) throw new InvalidInputError('mediation_id', 'is required');
  const loaded = await sources.mediations.load(id);
  if (!loaded) throw new NotFoundError(`mediation ${id}`);
  if (!mayRead(principal, loaded.state, sources.directory))
    throw new NotPermittedError(`mediation ${id} is outside the caller's scope`);
  return { state: loaded.state, version: loaded.version };
}

/** The org subtree a list covers: the one asked for, inside the caller's own. */
export function listScope(
  sources: ReadSources,
  principal: commonV1.Principal,
  requested: string,
): string {
  const own = subtreeScope(principal) ?? sources.directory.city.code;
  const code = requested || own;
  if (!sources.directory.has(code))
    throw new InvalidInputError('org_unit_code', 'unknown org unit');
  const global = subtreeScope(principal) === undefined;
  if (!global && !canAccessOrgUnit(principal, code, sources.directory))
    throw new NotPermittedError(`org unit ${code} is outside the caller's scope`);
  return code;
}

/** Mediations whose case or current handler lies in the subtree of `code`. */
export const inSubtree = (code: string) => ({
  $or: [{ casePath: code }, { handlerPath: code }],
});

/** The most mediations a list reads before it sorts and pages in memory. */
export const MAX_SCAN = 5_000;

import type { Metadata } from '@grpc/grpc-js';
import { canAccessOrgUnit, subtreeScope } from '@mediation/auth';
import type { commonV1 } from '@mediation/contracts';
import type { OrgDirectory } from '@mediation/org-directory';
import {
  invalidArgument,
  notFound,
  permissionDenied,
  requirePrincipal,
} from '@mediation/service-kit';
import type { AgreementDocumentStore } from '../documents/agreement-document.store';
import { mayRead } from '../mediation-access';
import type { Clock } from '../mediation.tokens';
import type { MediationDocument } from '../persistence/mediation.document';
import type { MediationStore } from '../persistence/mediation-store';
import type { RosterRepository } from '../persistence/roster.repository';

export interface QueryDeps {
  store: MediationStore;
  directory: OrgDirectory;
  documents: AgreementDocumentStore;
  rosters: RosterRepository;
  clock: Clock;
}

/** Loads one mediation the caller may read (NOT_FOUND / PERMISSION_DENIED otherwise). */
export async function readableMediation(
  deps: QueryDeps,
  metadata: Metadata,
  id: string,
): Promise<{ state: MediationDocument; version: number }> {
  const principal = requirePrincipal(metadata);
  if (!id) throw invalidArgument([{ field: 'mediation_id', description: 'is required' }]);
  const loaded = await deps.store.repository.load(id);
  if (!loaded) throw notFound(`mediation ${id}`);
  if (!mayRead(principal, loaded.state, deps.directory))
    throw permissionDenied(`mediation ${id} is outside the caller's scope`);
  return { state: loaded.state, version: loaded.version };
}

/** The org subtree a list covers: the one asked for, inside the caller's own. */
export function listScope(
  deps: QueryDeps,
  principal: commonV1.Principal,
  requested: string,
): string {
  const own = subtreeScope(principal) ?? deps.directory.city.code;
  const code = requested || own;
  if (!deps.directory.has(code))
    throw invalidArgument([{ field: 'org_unit_code', description: 'unknown org unit' }]);
  const global = subtreeScope(principal) === undefined;
  if (!global && !canAccessOrgUnit(principal, code, deps.directory))
    throw permissionDenied(`org unit ${code} is outside the caller's scope`);
  return code;
}

/** Mediations whose case or current handler lies in the subtree of `code`. */
export const inSubtree = (code: string) => ({
  $or: [{ casePath: code }, { handlerPath: code }],
});

export const MAX_SCAN = 5_000;

/** Offset paging: the token is the next offset. */
export function page(req: commonV1.PageRequest | null | undefined): {
  offset: number;
  size: number;
} {
  const size = Math.min(Math.max(req?.pageSize || 50, 1), 500);
  const offset = Number(req?.pageToken || 0);
  if (!Number.isSafeInteger(offset) || offset < 0)
    throw invalidArgument([{ field: 'page.page_token', description: 'invalid token' }]);
  return { offset, size };
}

export const nextToken = (offset: number, size: number, total: number) =>
  offset + size < total ? String(offset + size) : '';

import { commonV1 } from '@mediation/contracts';
import { NotPermittedError } from '@mediation/domain-kit';
import { assertGatewayCall } from './phone-check.deps';

const principal = (subject: string, ...roles: commonV1.Role[]) =>
  commonV1.Principal.fromPartial({ subject, roles });

describe('who may ask for phone checks', () => {
  it('is the gateway as itself, and no one else', () => {
    expect(() =>
      assertGatewayCall(principal('service:gateway', commonV1.Role.ROLE_SERVICE)),
    ).not.toThrow();
    for (const other of [
      principal('service:gateway', commonV1.Role.ROLE_ADMINISTRATOR),
      principal('service:gateway', commonV1.Role.ROLE_SERVICE, commonV1.Role.ROLE_ADMINISTRATOR),
      principal('service:intake', commonV1.Role.ROLE_SERVICE),
      principal('mediator-1', commonV1.Role.ROLE_MEDIATOR),
    ])
      expect(() => assertGatewayCall(other)).toThrow(NotPermittedError);
  });
});

import { generateKeyPairSync } from 'node:crypto';
import { Metadata, status } from '@grpc/grpc-js';
import {
  devPrincipalSeed,
  devPrincipalSigner,
  devPrincipalTokens,
  ed25519PrivateKey,
  PrincipalSigner,
  servicePrincipal,
} from '@mediation/auth';
import {
  GRPC_SERVICES,
  METADATA_KEYS,
  setPrincipal,
  type GrpcServiceKey,
} from '@mediation/contracts';
import { createGrpcClient } from '@mediation/service-kit';
import { BACKEND_SERVICES, Platform } from '@mediation/test-platform';
import { grpcHealthStatus } from '@mediation/testing';
import { principals, reasoningPoint } from '../src/actors';
import { walkInAtPoint } from '../src/journey';
import { rawRead } from '../src/raw-read';

// Every gRPC port of the real services (processes from their build output) authenticates its
// caller before anything else: only a principal token signed by a trusted issuer, for that
// service, unexpired, from an issuer that may vouch for that principal, gets through. The rest
// are answered UNAUTHENTICATED. Services see each other with personal data masked.
const place = reasoningPoint(2);
const admin = principals.administrator();

let platform: Platform;

beforeAll(async () => {
  platform = await Platform.start({ name: 'authn' });
}, 120_000);
afterAll(() => platform?.stop(), 60_000);

/** A plain grpc-js call with exactly the metadata given: an empty request to `service`'s read. */
const rawCall = (service: GrpcServiceKey, metadata: Metadata) =>
  rawRead(platform.addresses[service], service, metadata);

const withToken = (token: string) => {
  const metadata = new Metadata();
  metadata.set(METADATA_KEYS.principalToken, token);
  return metadata;
};

describe.each(BACKEND_SERVICES)('%s', (service) => {
  it('answers a call without a principal token UNAUTHENTICATED', async () => {
    expect(await rawCall(service, new Metadata())).toEqual({
      code: status.UNAUTHENTICATED,
      details: 'no principal token in the call metadata',
    });
  });

  it('drops an unsigned principal header (the old way) and refuses the call', async () => {
    const forged = new Metadata();
    setPrincipal(forged, admin);
    expect((await rawCall(service, forged)).code).toBe(status.UNAUTHENTICATED);
    setPrincipal(forged, admin);
    const signed = withToken(devPrincipalTokens('operator').signer.sign(admin, service));
    setPrincipal(signed, servicePrincipal('statistics'));
    // A valid token wins over a header beside it: the caller is the token's administrator.
    expect((await rawCall(service, signed)).code).not.toBe(status.UNAUTHENTICATED);
  });

  it('refuses a token signed with a key it does not trust', async () => {
    const stranger = new PrincipalSigner('gateway', generateKeyPairSync('ed25519').privateKey);
    expect(await rawCall(service, withToken(stranger.sign(admin, service)))).toEqual({
      code: status.UNAUTHENTICATED,
      details: 'the principal token signature does not verify',
    });
  });

  it('refuses a valid token made out for another service', async () => {
    const other = BACKEND_SERVICES.find((s) => s !== service)!;
    const token = devPrincipalTokens('gateway').signer.sign(admin, other);
    expect(await rawCall(service, withToken(token))).toEqual({
      code: status.UNAUTHENTICATED,
      details: `the principal token is for "${other}"`,
    });
  });

  it('refuses the gateway vouching for a service, and a service vouching for another', async () => {
    const asReferral = devPrincipalTokens('gateway').signer.sign(
      servicePrincipal('referral'),
      service,
    );
    expect(await rawCall(service, withToken(asReferral))).toEqual({
      code: status.UNAUTHENTICATED,
      details: 'issuer "gateway" may not act as service:referral',
    });
    const borrowed = devPrincipalTokens('referral').signer.sign(
      servicePrincipal('statistics'),
      service,
    );
    expect((await rawCall(service, withToken(borrowed))).code).toBe(status.UNAUTHENTICATED);
  });

  it('refuses an expired token', async () => {
    const key = ed25519PrivateKey(devPrincipalSeed('gateway'));
    const anHourAgo = new PrincipalSigner('gateway', key, 60, () => Date.now() - 3_600_000);
    expect(await rawCall(service, withToken(anHourAgo.sign(admin, service)))).toEqual({
      code: status.UNAUTHENTICATED,
      details: 'the principal token has expired',
    });
  });

  it('lets a caller with a valid token through to the method', async () => {
    const token = devPrincipalTokens('gateway').signer.sign(admin, service);
    const answer = await rawCall(service, withToken(token));
    expect(answer.code).not.toBe(status.UNAUTHENTICATED);
  });

  it('answers health checks without a principal (the kubelet has none)', async () => {
    expect(
      await grpcHealthStatus(platform.addresses[service], GRPC_SERVICES[service].fullName),
    ).toBe('SERVING');
  });
});

it("shows referral's own identity a case with the parties' ID numbers and phones masked", async () => {
  const opened = await platform.client('intake').call('openCase', walkInAtPoint(place.point.code), {
    principal: principals.volunteer(place.point.code),
  });
  const caseId = opened.case!.caseId;
  const intake = createGrpcClient('intake', platform.addresses.intake, {
    signer: devPrincipalSigner(),
  });
  try {
    const asReferral = await intake.call(
      'getCase',
      { caseId },
      { principal: servicePrincipal('referral') },
    );
    const asAdmin = await intake.call('getCase', { caseId }, { principal: admin });
    const clear = asAdmin.case!.parties[0]!;
    const masked = asReferral.case!.parties[0]!;
    expect(clear.idNumber).toMatch(/^\d{17}[\dX]$/);
    expect(clear.phone).toBe('13812345678');
    // Only the masked forms reach referral; the clear fields stay unset.
    expect(masked.idNumber).toBeUndefined();
    expect(masked.phone).toBeUndefined();
    expect(masked.address).toBeUndefined();
    expect(masked.idNumberMasked).toMatch(/^\d{4}\*+\d{3}[\dX]$/);
    expect(masked.phoneMasked).toBe('138****5678');
    // What referral needs of the case it still reads.
    expect(asReferral.case!.caseNumber).toBe(asAdmin.case!.caseNumber);
    expect(asReferral.case!.orgUnit?.code).toBe(place.point.code);
  } finally {
    intake.close();
  }
});

import { generateKeyPairSync } from 'node:crypto';
import { commonV1 } from '@mediation/contracts';
import {
  devPrincipalSeed,
  devPrincipalSigner,
  devPrincipalTokens,
  ed25519PrivateKey,
  issuerMayAssert,
  PrincipalSigner,
  PrincipalTokenError,
  principalTokensFor,
  PrincipalVerifier,
  rawPublicKey,
  servicePrincipal,
} from './principal-token';

const { Role } = commonV1;
const mediator = commonV1.Principal.fromPartial({
  subject: 'u-1',
  roles: [Role.ROLE_MEDIATOR],
  orgUnitCode: '210202',
});
const T0 = Date.parse('2026-12-04T08:00:00Z');

const gateway = devPrincipalTokens('gateway');
const intake = devPrincipalTokens('intake');
const referral = devPrincipalTokens('referral');

function refusal(verifier: PrincipalVerifier, token: string): string {
  try {
    verifier.verify(token);
  } catch (error) {
    expect(error).toBeInstanceOf(PrincipalTokenError);
    return (error as Error).message;
  }
  throw new Error('the token was accepted');
}

describe('principal tokens', () => {
  it('carry the principal from a trusted issuer to the service they are for', () => {
    const token = gateway.signer.sign(mediator, 'intake');
    expect(intake.verifier.verify(token)).toEqual(mediator);
  });

  it('are refused by any other service', () => {
    const token = gateway.signer.sign(mediator, 'intake');
    expect(refusal(devPrincipalTokens('mediation').verifier, token)).toBe(
      'the principal token is for "intake"',
    );
  });

  it('are refused once expired (beyond a little clock skew), and from the future', () => {
    const key = ed25519PrivateKey(devPrincipalSeed('gateway'));
    const signer = new PrincipalSigner('gateway', key, 60, () => T0);
    const token = signer.sign(mediator, 'intake');
    const at = (t: number) =>
      principalTokensFor(
        { NODE_ENV: 'development', PRINCIPAL_TOKEN_TTL_SECONDS: 60 },
        'intake',
        () => t,
      ).verifier;
    expect(at(T0 + 89_000).verify(token)).toEqual(mediator);
    expect(refusal(at(T0 + 91_000), token)).toBe('the principal token has expired');
    expect(refusal(at(T0 - 31_000), token)).toBe('the principal token is from the future');
  });

  it('are refused when signed by a key the service does not trust', () => {
    const stranger = new PrincipalSigner('gateway', generateKeyPairSync('ed25519').privateKey);
    expect(refusal(intake.verifier, stranger.sign(mediator, 'intake'))).toBe(
      'the principal token signature does not verify',
    );
    const unknown = new PrincipalSigner('court-system', generateKeyPairSync('ed25519').privateKey);
    expect(refusal(intake.verifier, unknown.sign(mediator, 'intake'))).toBe(
      'issuer "court-system" is not trusted',
    );
  });

  it('are refused when any part was changed', () => {
    const [header, payload, signature] = gateway.signer.sign(mediator, 'intake').split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const admin = commonV1.Principal.fromPartial({
      subject: 'u-1',
      roles: [Role.ROLE_ADMINISTRATOR],
    });
    claims.prn = Buffer.from(commonV1.Principal.encode(admin).finish()).toString('base64url');
    const forged = Buffer.from(JSON.stringify(claims)).toString('base64url');
    expect(refusal(intake.verifier, `${header}.${forged}.${signature}`)).toBe(
      'the principal token signature does not verify',
    );
    expect(refusal(intake.verifier, `${header}.${payload}`)).toBe(
      'the principal token is malformed',
    );
    expect(refusal(intake.verifier, 'not a token')).toBe('the principal token is malformed');
    const none = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
    expect(refusal(intake.verifier, `${none}.${payload}.`)).toBe(
      'the principal token is malformed',
    );
  });

  it('let a service vouch only for itself, and the gateway for people and itself', () => {
    expect(
      intake.verifier.verify(referral.signer.sign(servicePrincipal('referral'), 'intake')),
    ).toEqual(servicePrincipal('referral'));
    expect(
      refusal(intake.verifier, referral.signer.sign(servicePrincipal('mediation'), 'intake')),
    ).toBe('issuer "referral" may not act as service:mediation');
    expect(refusal(intake.verifier, referral.signer.sign(mediator, 'intake'))).toBe(
      'issuer "referral" may not act as u-1',
    );
    expect(
      refusal(intake.verifier, gateway.signer.sign(servicePrincipal('referral'), 'intake')),
    ).toBe('issuer "gateway" may not act as service:referral');
    // The party app's phone checks: no one is signed in yet, the gateway asks as itself.
    expect(issuerMayAssert('gateway', servicePrincipal('gateway'))).toBe(true);
    expect(issuerMayAssert('operator', servicePrincipal('gateway'))).toBe(false);
    const serviceAndAdmin = commonV1.Principal.fromPartial({
      subject: 'service:referral',
      roles: [Role.ROLE_SERVICE, Role.ROLE_ADMINISTRATOR],
    });
    expect(issuerMayAssert('referral', serviceAndAdmin)).toBe(false);
    expect(issuerMayAssert('operator', mediator)).toBe(true);
  });

  describe('a party (ROLE_PARTY)', () => {
    const party = (over: Partial<commonV1.Principal> = {}) =>
      commonV1.Principal.fromPartial({
        subject: 'party:7f3a9c',
        roles: [Role.ROLE_PARTY],
        partyPhone: '13812345678',
        ...over,
      });

    it('is vouched for by the gateway alone, which proved its mobile', () => {
      expect(intake.verifier.verify(gateway.signer.sign(party(), 'intake'))).toEqual(party());
      for (const issuer of ['operator', 'intake', 'mediation', 'referral', 'notification'])
        expect(issuerMayAssert(issuer, party())).toBe(false);
      expect(
        refusal(intake.verifier, devPrincipalTokens('operator').signer.sign(party(), 'intake')),
      ).toBe('issuer "operator" may not act as party:7f3a9c');
      expect(refusal(intake.verifier, referral.signer.sign(party(), 'intake'))).toBe(
        'issuer "referral" may not act as party:7f3a9c',
      );
    });

    it('holds no other role', () => {
      for (const other of [
        Role.ROLE_VOLUNTEER,
        Role.ROLE_MEDIATOR,
        Role.ROLE_COMMITTEE_ADMIN,
        Role.ROLE_STATIONED_LAWYER,
        Role.ROLE_ANALYST,
        Role.ROLE_ADMINISTRATOR,
        Role.ROLE_SERVICE,
      ]) {
        expect(issuerMayAssert('gateway', party({ roles: [Role.ROLE_PARTY, other] }))).toBe(false);
        expect(issuerMayAssert('gateway', party({ roles: [other, Role.ROLE_PARTY] }))).toBe(false);
      }
      expect(issuerMayAssert('gateway', party({ roles: [Role.ROLE_PARTY, Role.ROLE_PARTY] }))).toBe(
        false,
      );
    });

    it('carries its mobile as 11 digits, a mainland mobile, nothing else', () => {
      for (const partyPhone of [
        '',
        '1381234567',
        '138123456789',
        '+8613812345678',
        '8613812345678',
        '138 1234 5678',
        '12812345678',
        '0411-82345678',
        '04118234567',
        '1381234567x',
        '１３８１２３４５６７８',
      ])
        expect(issuerMayAssert('gateway', party({ partyPhone }))).toBe(false);
      expect(issuerMayAssert('gateway', party({ partyPhone: '19912345678' }))).toBe(true);
    });

    it('has a party: subject, which nobody else may take', () => {
      expect(issuerMayAssert('gateway', party({ subject: 'u-1' }))).toBe(false);
      expect(issuerMayAssert('gateway', { ...mediator, subject: 'party:7f3a9c' })).toBe(false);
      expect(issuerMayAssert('operator', { ...mediator, subject: 'party:7f3a9c' })).toBe(false);
    });

    it('is the only principal with a party phone: staff and services carry none', () => {
      expect(issuerMayAssert('gateway', mediator)).toBe(true);
      expect(issuerMayAssert('gateway', { ...mediator, partyPhone: '13812345678' })).toBe(false);
      expect(issuerMayAssert('operator', { ...mediator, partyPhone: '13812345678' })).toBe(false);
      expect(
        issuerMayAssert('referral', { ...servicePrincipal('referral'), partyPhone: '13812345678' }),
      ).toBe(false);
      expect(
        refusal(
          intake.verifier,
          gateway.signer.sign({ ...mediator, partyPhone: '13812345678' }, 'intake'),
        ),
      ).toBe('issuer "gateway" may not act as u-1');
    });

    it('is signed with the gateway key by the development signer, as the gateway would', () => {
      const token = devPrincipalSigner().sign(party(), 'intake');
      expect(intake.verifier.verify(token)).toEqual(party());
      const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());
      expect(claims.iss).toBe('gateway');
    });
  });

  it('need configured keys in production, and never the development ones', () => {
    const production = { NODE_ENV: 'production' as const, PRINCIPAL_TOKEN_TTL_SECONDS: 60 };
    expect(() => principalTokensFor(production, 'intake')).toThrow(
      'PRINCIPAL_SIGNING_KEY and PRINCIPAL_TRUSTED_KEYS are required in production',
    );
    const own = generateKeyPairSync('ed25519').privateKey;
    const seed = (own.export({ format: 'der', type: 'pkcs8' }) as Buffer).subarray(-32);
    const devGateway = rawPublicKey(ed25519PrivateKey(devPrincipalSeed('gateway')));
    const trusted = [{ issuer: 'gateway', key: devGateway.toString('base64') }];
    expect(() =>
      principalTokensFor(
        {
          ...production,
          PRINCIPAL_SIGNING_KEY: seed.toString('base64'),
          PRINCIPAL_TRUSTED_KEYS: trusted,
        },
        'intake',
      ),
    ).toThrow('development principal keys are refused in production');
    const gatewayKey = generateKeyPairSync('ed25519').privateKey;
    const gatewaySeed = (gatewayKey.export({ format: 'der', type: 'pkcs8' }) as Buffer).subarray(
      -32,
    );
    const configured = principalTokensFor(
      {
        ...production,
        PRINCIPAL_SIGNING_KEY: seed.toString('base64'),
        PRINCIPAL_TRUSTED_KEYS: [
          { issuer: 'gateway', key: rawPublicKey(gatewayKey).toString('base64') },
        ],
      },
      'intake',
    );
    const productionGateway = new PrincipalSigner('gateway', ed25519PrivateKey(gatewaySeed));
    expect(configured.verifier.verify(productionGateway.sign(mediator, 'intake'))).toEqual(
      mediator,
    );
    // The development gateway is not trusted there.
    expect(refusal(configured.verifier, gateway.signer.sign(mediator, 'intake'))).toBe(
      'the principal token signature does not verify',
    );
  });
});

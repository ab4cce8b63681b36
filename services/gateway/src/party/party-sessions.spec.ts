import { commonV1 } from '@mediation/contracts';
import { ProblemError } from '../problems/problem';
import { isPartyToken, PartySessions } from './party-sessions';

const sessions = new PartySessions('s'.repeat(40), 600);

describe('PartySessions', () => {
  it('signs a session for a proven number that verifies as a party principal', async () => {
    const { token, expiresAt } = await sessions.sign('13812345678');
    expect(+expiresAt - Date.now()).toBeGreaterThan(590_000);
    expect(isPartyToken(token)).toBe(true);
    const { principal } = await sessions.verify(token);
    expect(principal).toMatchObject({
      roles: [commonV1.Role.ROLE_PARTY],
      partyPhone: '13812345678',
      orgUnitCode: '',
    });
    expect(principal.subject).toMatch(/^party:[\w-]{22}$/);
    expect(principal.subject).not.toContain('13812345678');
  });

  it('gives one number the same subject, and two numbers different ones', async () => {
    const a1 = await sessions.verify((await sessions.sign('13812345678')).token);
    const a2 = await sessions.verify((await sessions.sign('13812345678')).token);
    const b = await sessions.verify((await sessions.sign('13912345678')).token);
    expect(a1.principal.subject).toBe(a2.principal.subject);
    expect(b.principal.subject).not.toBe(a1.principal.subject);
  });

  it("refuses another key's session, and signs nothing for a number that is no mobile", async () => {
    const { token } = await new PartySessions('t'.repeat(40), 600).sign('13812345678');
    await expect(sessions.verify(token)).rejects.toBeInstanceOf(ProblemError);
    await expect(sessions.sign('0411-82345678')).rejects.toThrow(/proven mobile/);
  });

  it('tells a party session from any other token by its header', () => {
    const header = (h: object) => Buffer.from(JSON.stringify(h)).toString('base64url');
    expect(isPartyToken(`${header({ alg: 'RS256', typ: 'JWT' })}.e30.x`)).toBe(false);
    expect(isPartyToken(`${header({ alg: 'HS256', typ: 'party+jwt' })}.e30.x`)).toBe(true);
    expect(isPartyToken('not-a-token')).toBe(false);
  });
});

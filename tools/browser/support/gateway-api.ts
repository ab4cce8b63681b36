import { expect } from '@playwright/test';

/** A demo user of the gateway's development issuer (GET /api/v1/dev/users). */
export interface DemoUser {
  id: string;
  roles: string[];
  orgUnitCode: string;
  deskCode: string;
}

/** A member of a committee's roster, as SetRosterMember takes it. */
export interface RosterMember {
  id: string;
  name: string;
  gender: string;
  role: string;
  specialities: string[];
}

/** The community committee's members (the mediator's committee), kept through the API. */
export const COMMUNITY_DIRECTOR: RosterMember = {
  id: 'cm-1',
  name: '刘芳',
  gender: 'GENDER_FEMALE',
  role: 'COMMITTEE_MEMBER_ROLE_DIRECTOR',
  specialities: ['邻里'],
};
export const COMMUNITY_MEMBER: RosterMember = {
  id: 'cm-2',
  name: '陈刚',
  gender: 'GENDER_MALE',
  role: 'COMMITTEE_MEMBER_ROLE_MEMBER',
  specialities: ['邻里'],
};

/** The claims of a demo user's token, as the console reads them. */
export interface Claims {
  committee_code?: string;
  institution_code?: string;
  org_unit_code?: string;
}

interface Mediation {
  mediation: { mediationId: string; version: string; status: string };
}

/**
 * The gateway's HTTP API as the demo users, for a journey's preconditions and for what another
 * actor does meanwhile. Any answer other than 2xx fails the journey with the gateway's problem: a
 * 501 or 503 means a piece of the platform is missing, which is a failure, not a reason to skip.
 */
export class GatewayApi {
  private readonly tokens = new Map<string, string>();

  constructor(readonly base: string) {}

  async users(): Promise<DemoUser[]> {
    const { users } = await this.json<{ users: DemoUser[] }>('GET', '/dev/users');
    return users;
  }

  async user(id: string): Promise<DemoUser> {
    const user = (await this.users()).find((u) => u.id === id);
    if (!user) throw new Error(`the development issuer has no demo user "${id}"`);
    return user;
  }

  async token(userId: string): Promise<string> {
    let token = this.tokens.get(userId);
    if (!token) {
      token = (await this.json<{ accessToken: string }>('POST', '/dev/token', { userId }))
        .accessToken;
      this.tokens.set(userId, token);
    }
    return token;
  }

  async claims(userId: string): Promise<Claims> {
    const payload = (await this.token(userId)).split('.')[1];
    return JSON.parse(Buffer.from(payload, 'base64url').toString()) as Claims;
  }

  /** One request as `userId`; throws with the status and the problem unless it is 2xx. */
  async as<T>(userId: string, method: string, path: string, body?: unknown): Promise<T> {
    return this.json<T>(method, path, body, await this.token(userId));
  }

  /** A case with two parties, opened through the API at `orgUnitCode` (the applicant's phone optional). */
  async openCase(
    userId: string,
    orgUnitCode: string,
    applicantPhone?: string,
    category = 'DISPUTE_CATEGORY_CONTRACT',
  ): Promise<string> {
    const opened = await this.as<{ case: { caseId: string } }>(userId, 'POST', '/cases', {
      idempotencyKey: `bt-${Date.now()}-${Math.random().toString(36).slice(2)}`,
      source: 'CASE_SOURCE_PARTY_APPLICATION',
      channel: 'CHANNEL_HOTLINE_12348',
      orgUnitCode,
      category,
      parties: [
        {
          kind: 'PARTY_KIND_PERSON',
          role: 'PARTY_ROLE_APPLICANT',
          name: '赵六',
          ...(applicantPhone ? { phone: applicantPhone } : {}),
        },
        { kind: 'PARTY_KIND_PERSON', role: 'PARTY_ROLE_RESPONDENT', name: '钱七' },
      ],
      description: '货款纠纷',
    });
    return opened.case.caseId;
  }

  /**
   * The mediation of a case, which the mediation service creates from intake's CaseOpened event;
   * it not appearing within the patience below fails the journey.
   */
  async mediationOf(userId: string, caseId: string): Promise<Mediation> {
    let last = '';
    await expect
      .poll(
        async () => {
          const res = await fetch(`${this.base}/api/v1/mediations/${caseId}`, {
            headers: { authorization: `Bearer ${await this.token(userId)}` },
          });
          last = await res.text();
          return res.status;
        },
        {
          message: `the mediation was not created from the case event (case ${caseId}): GET /mediations as ${userId}`,
          timeout: 30_000,
        },
      )
      .toBe(200);
    return JSON.parse(last) as Mediation;
  }

  /**
   * Adds a member to a committee's roster unless it is there (administrator, through the API),
   * re-reading the roster's version first so that journeys sharing a committee do not collide.
   */
  async ensureRosterMember(committee: string, member: RosterMember): Promise<void> {
    const path = `/committees/${committee}/roster`;
    const { roster } = await this.as<{
      roster: { version: string; members: { memberId: string; active: boolean }[] };
    }>('administrator', 'GET', path);
    if (roster.members.some((m) => m.memberId === member.id && m.active)) return;
    const { id, ...fields } = member;
    await this.as('administrator', 'PUT', `${path}/members/${id}`, {
      expectedVersion: roster.version,
      ...fields,
    });
  }

  private async json<T>(method: string, path: string, body?: unknown, token?: string) {
    const res = await fetch(`${this.base}/api/v1${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) {
      const missing =
        res.status === 501 || res.status === 503 ? ' (a piece of the platform is missing)' : '';
      throw new Error(`${method} /api/v1${path}: HTTP ${res.status}${missing}: ${text}`);
    }
    return (text ? JSON.parse(text) : {}) as T;
  }
}

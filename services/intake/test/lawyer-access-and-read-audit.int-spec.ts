import { status } from '@grpc/grpc-js';
import { commonV1, intakeV1, toTimestamp } from '@mediation/contracts';
import { fieldViolations } from '@mediation/service-kit';
import { eventually, uniqueName } from '@mediation/testing';
import {
  attachRequest,
  COMMUNITY,
  failure,
  openCaseRequest,
  principal,
  Role,
  startHarness,
  type Harness,
} from './intake-harness';
import { givenProgress } from './case-view-given';

// Stationed lawyers read a case behind a referral at their desk (the parties only once they
// claimed it), and every read of clear personal data or of a document's content is in the read
// audit, listed by case or by reader for administrators.

let h: Harness;
const { ReferralStage } = intakeV1;
const DESK = 'DESK-210202-COURT';

const staff = (role: commonV1.Role, over: Partial<commonV1.Principal> = {}) =>
  commonV1.Principal.fromPartial({
    ...principal(role, COMMUNITY),
    displayName: '工作人员',
    ...over,
  });
const mediator = staff(Role.ROLE_MEDIATOR, { displayName: '调解员甲' });
const volunteer = staff(Role.ROLE_VOLUNTEER);
const admin = staff(Role.ROLE_ADMINISTRATOR, { orgUnitCode: '' });
const lawyer = (deskCode = DESK) =>
  commonV1.Principal.fromPartial({
    subject: uniqueName('lawyer'),
    roles: [Role.ROLE_STATIONED_LAWYER],
    deskCode,
    institutionCode: 'COURT-210202',
    displayName: '驻点律师',
  });
const deskLawyer = lawyer();
const colleague = lawyer();
const otherDeskLawyer = lawyer('DESK-OTHER');

let caseId: string;
let documentId: string;
let req: intakeV1.OpenCaseRequest;

const getCase = (as: commonV1.Principal) =>
  h.client.call('getCase', { caseId }, { principal: as }).then((r) => r.case!);
const getDocument = (as: commonV1.Principal) =>
  h.client.call('getDocument', { caseId, documentId }, { principal: as });
const audit = (r: Partial<intakeV1.ListReadAuditRequest>, as = admin) =>
  h.client.call('listReadAudit', r, { principal: as });

/** The referral at the desk as the case view shows it (the given state: the view's consumer
 * fills it from the referral's events). */
const referralAtDesk = (stage: number, lawyerId = '') =>
  givenProgress(h, caseId, {
    status: intakeV1.CaseStatus.CASE_STATUS_REFERRED_OUT,
    referrals: [
      {
        referralId: 'ref-1',
        inbound: false,
        stage,
        desk: { code: DESK, institutionCode: 'COURT-210202', institutionType: 1 },
        institution: { code: 'COURT-210202', type: 1 },
        lawyerId,
        claimDueAt: null,
        outcomeDueAt: null,
      },
    ],
  });

beforeAll(async () => {
  h = await startHarness();
  req = openCaseRequest({ orgUnitCode: COMMUNITY });
  caseId = (await h.client.call('openCase', req, { principal: mediator })).case!.caseId;
  documentId = (
    await h.client.call('attachDocument', attachRequest(caseId), { principal: mediator })
  ).document!.documentId;
});
afterAll(() => h?.stop());

describe('stationed lawyers', () => {
  it('are refused while no referral of the case sits at their desk', async () => {
    expect((await failure(getCase(deskLawyer)))?.code).toBe(status.PERMISSION_DENIED);
  });

  it('read the case behind a pending referral at their desk, without the parties', async () => {
    await referralAtDesk(ReferralStage.REFERRAL_STAGE_PENDING);
    const seen = await getCase(deskLawyer);
    expect(seen).toMatchObject({
      caseNumber: expect.stringMatching(/调字第/),
      category: req.category,
      description: req.description,
    });
    const text = JSON.stringify(seen.parties);
    for (const p of req.parties) {
      expect(text).not.toContain(p.name);
      expect(text).not.toContain(p.phone.slice(-4));
    }
    expect(seen.parties.map((p) => p.name)).toEqual(['', '']);
    const docs = await h.client.call('listDocuments', { caseId }, { principal: deskLawyer });
    expect(docs.documents.map((d) => d.documentId)).toEqual([documentId]);
    expect((await getDocument(deskLawyer)).content.toString()).toContain('%PDF');
    // The view writes a step's timeline entry just after its progress (which givenProgress saw).
    const sources = await eventually(
      async () => {
        const { entries } = await h.client.call(
          'getCaseTimeline',
          { caseId },
          { principal: deskLawyer },
        );
        return entries.length > 0 ? entries.map((e) => e.source) : undefined;
      },
      { what: "the opening in the case's timeline" },
    );
    expect(sources).toContain('intake');
  });

  it('refuse a lawyer of another desk everything, with no data', async () => {
    // One call at a time: a call started before the loop awaits it could fail unobserved.
    for (const denied of [
      () => getCase(otherDeskLawyer),
      () => getDocument(otherDeskLawyer),
      () => h.client.call('listDocuments', { caseId }, { principal: otherDeskLawyer }),
      () => h.client.call('getCaseTimeline', { caseId }, { principal: otherDeskLawyer }),
    ]) {
      const e = await failure(denied());
      expect(e?.code).toBe(status.PERMISSION_DENIED);
      expect(e?.details).not.toMatch(/调字第|PDF/);
    }
  });

  it('show the parties’ names and contacts to the lawyer who claimed, and only to them', async () => {
    await referralAtDesk(ReferralStage.REFERRAL_STAGE_CLAIMED, deskLawyer.subject);
    const seen = await getCase(deskLawyer);
    expect(seen.parties[0]).toMatchObject({
      name: req.parties[0].name,
      phone: req.parties[0].phone,
      address: req.parties[0].address,
      idNumberMasked: expect.stringMatching(/^2102\*+/),
    });
    expect(seen.parties[0].idNumber).toBeUndefined();
    expect((await getCase(colleague)).parties.map((p) => p.name)).toEqual(['', '']);
  });

  it('lose the case once the referral is returned', async () => {
    await referralAtDesk(ReferralStage.REFERRAL_STAGE_RETURNED, deskLawyer.subject);
    expect((await failure(getCase(deskLawyer)))?.code).toBe(status.PERMISSION_DENIED);
  });
});

describe('the read audit', () => {
  it('lists the reads of clear personal data and of documents by case, newest first', async () => {
    await getCase(mediator);
    await getCase(volunteer); // masked: not audited
    await getDocument(mediator);
    const { entries } = await audit({ caseId });
    expect(entries.map((e) => [e.what, e.reader!.subject, e.why, e.documentId])).toEqual([
      ['GetDocument', mediator.subject, 'scope', documentId],
      ['GetCase', mediator.subject, 'scope', ''],
      ['GetCase', deskLawyer.subject, 'referral:ref-1', ''],
      ['GetDocument', deskLawyer.subject, 'referral:ref-1', documentId],
    ]);
    // Each entry names the case by its number, as the administrator knows it.
    const { caseNumber } = await getCase(volunteer);
    expect(caseNumber).toMatch(/调字第/);
    expect(new Set(entries.map((e) => e.caseNumber))).toEqual(new Set([caseNumber]));
    expect(entries[0].reader).toMatchObject({
      role: Role.ROLE_MEDIATOR,
      orgUnitCode: COMMUNITY,
      displayName: '调解员甲',
    });
    const times = entries.map((e) => Number(e.readAt!.seconds) * 1000 + e.readAt!.nanos / 1e6);
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('lists them by reader, in a time range, page by page', async () => {
    const byLawyer = await audit({ readerSubject: deskLawyer.subject });
    expect(byLawyer.entries.map((e) => e.what)).toEqual(['GetCase', 'GetDocument']);
    expect(await audit({ readerSubject: colleague.subject })).toMatchObject({ entries: [] });
    const later = await audit({
      caseId,
      read: { startTime: toTimestamp(new Date(Date.now() + 60_000)), endTime: null },
    });
    expect(later.entries).toEqual([]);

    const seen: string[] = [];
    let pageToken = '';
    do {
      const page = await audit({ caseId, page: { pageSize: 1, pageToken } });
      seen.push(...page.entries.map((e) => e.entryId));
      pageToken = page.page!.nextPageToken;
    } while (pageToken);
    expect(seen).toEqual((await audit({ caseId })).entries.map((e) => e.entryId));
    expect(new Set(seen).size).toBe(4);
  });

  it('is for administrators only, and needs a case or a reader', async () => {
    for (const who of [mediator, staff(Role.ROLE_COMMITTEE_ADMIN), deskLawyer])
      expect((await failure(audit({ caseId }, who)))?.code).toBe(status.PERMISSION_DENIED);
    const neither = await failure(audit({}));
    expect(neither?.code).toBe(status.INVALID_ARGUMENT);
    expect(fieldViolations(neither!.metadata).map((v) => v.field)).toEqual(['case_id']);
  });
});

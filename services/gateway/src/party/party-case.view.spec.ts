import { intakeV1 } from '@mediation/contracts';
import { loadOrgDirectory } from '@mediation/org-directory';
import {
  committeeContact,
  LEGAL_SERVICE_HOTLINE,
  nextStepOf,
  partyCaseView,
  partyDocumentView,
} from './party-case.view';

const contactOf = (code: string) => ({ office: `${code}的办公地点`, phone: '0411-84512345' });

describe('the party view of a case', () => {
  it('says in plain words what happens next, for every status a case can have', () => {
    const statuses = Object.keys(intakeV1.CaseStatus).filter(
      (k) => k.startsWith('CASE_STATUS_') && !k.endsWith('UNSPECIFIED'),
    );
    expect(statuses).toHaveLength(20);
    const fallback = nextStepOf(undefined);
    for (const status of statuses) {
      const words = nextStepOf(status);
      expect({ status, same: words.zh === fallback.zh }).toEqual({ status, same: false });
      expect(words.en).not.toMatch(/CASE_STATUS/);
    }
  });

  it('names the committee that has the case now, and marks the reader among the parties', () => {
    const view = partyCaseView(
      {
        caseId: 'c1',
        status: 'CASE_STATUS_ESCALATED',
        committee: { code: 'A', name: '社区调委会' },
        progress: { holder: { code: 'B', name: '街道调委会' } },
        parties: [
          { partyId: 'p1', role: 'PARTY_ROLE_APPLICANT', name: '甲', phone: '13800000000' },
          { partyId: 'p2', role: 'PARTY_ROLE_RESPONDENT', name: '乙', phone: '138****0001' },
        ],
      },
      '13800000000',
      contactOf,
    );
    expect(view.committee).toEqual({
      code: 'B',
      name: '街道调委会',
      office: 'B的办公地点',
      phone: '0411-84512345',
    });
    expect(view.parties).toEqual([
      { partyId: 'p1', role: 'PARTY_ROLE_APPLICANT', name: '甲', you: true },
      { partyId: 'p2', role: 'PARTY_ROLE_RESPONDENT', name: '乙', you: false },
    ]);
    expect(view.mediator).toBeNull();
  });

  it('leaves the parties out of a list summary', () => {
    expect(partyCaseView({ caseId: 'c1' }, '13800000000', contactOf)).not.toHaveProperty('parties');
  });

  it("gives a committee's office from the directory, and the 12348 hotline for its phone", () => {
    const directory = loadOrgDirectory();
    const community = directory.committeesAt('210202002005')[0]!;
    expect(committeeContact(directory, community.id)).toEqual({
      office: community.office,
      phone: LEGAL_SERVICE_HOTLINE,
    });
    expect(community.office).toMatch(/公共法律服务工作室$/);
    const point = directory.unit('210202002001P01');
    expect(committeeContact(directory, point.code)).toEqual({
      office: directory.fullName(point.code),
      phone: LEGAL_SERVICE_HOTLINE,
    });
    expect(committeeContact(directory, 'MC-NOWHERE')).toEqual({ office: '', phone: '12348' });
  });
});

describe('the party view of a document', () => {
  const doc = {
    documentId: 'd1',
    kind: 'DOCUMENT_KIND_EVIDENCE',
    fileName: '张三身份证.jpg',
    sizeBytes: '2048',
    attachedAt: '2026-12-06T01:00:00Z',
    attachedBy: { subject: 'party:abc', displayName: '' },
  };
  it('names the file only of what the reader added', () => {
    expect(partyDocumentView(doc, { subject: 'party:abc' })).toMatchObject({
      fileName: '张三身份证.jpg',
      sizeBytes: 2048,
      yours: true,
    });
    expect(partyDocumentView(doc, { subject: 'party:xyz' })).toMatchObject({
      fileName: '',
      yours: false,
    });
  });

  it('offers the download only where intake does not withhold the content', () => {
    const reader = { subject: 'party:abc' };
    expect(partyDocumentView({ ...doc, contentWithheld: false }, reader).downloadable).toBe(true);
    expect(partyDocumentView({ ...doc, contentWithheld: true }, reader).downloadable).toBe(false);
  });
});

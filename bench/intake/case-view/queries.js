'use strict';
// The measured reads, each twice: over gRPC as the console asks for it, and the same find
// (filter, sort, limit) through the MongoDB driver, the store's raw rate for the same documents.
// The raw filters are what intake's CaseRepository sends for each request.
const { commonV1, intakeV1 } = require('@mediation/contracts');

const intakeDist = (file) => require(`../../../services/intake/dist/${file}`);
const { readCasePage } = intakeDist('case/persistence/case-page.read');
const { idNumberLookupHash, phoneLookupHash } = intakeDist('case/mapping/party-lookup-keys');
const { decodePageToken } = intakeDist('paging/page-token');

const S = intakeV1.CaseStatus;
const { Role } = commonV1;
const RESIDENT_ID = commonV1.IdType.ID_TYPE_RESIDENT_ID_CARD;
const PAGE = 50;
const DEEP_PAGE = 10;

const principal = (subject, role, orgUnitCode, committeeCode = '') =>
  commonV1.Principal.fromPartial({ subject, roles: [role], orgUnitCode, committeeCode });

/** The key (a unit, a mediator, a committee) that the most cases have. */
function busiest(cases, keyOf) {
  const counts = new Map();
  for (const c of cases)
    for (const k of [keyOf(c)].flat()) if (k) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/** Who asks what: places, people and cases of the loaded city worth asking about. */
function subjects(directory, city, pii) {
  const { cases } = city;
  const at = (level) => (c) => c.orgPath.find((code) => directory.level(code) === level);
  const street = busiest(cases, at('STREET'));
  const district = busiest(cases, at('DISTRICT'));
  const mediator =
    busiest(
      cases.filter((c) => c.progress.status === S.CASE_STATUS_IN_MEDIATION),
      (c) => c.progress.leadMediator?.mediatorId,
    ) ?? busiest(cases, (c) => c.progress.leadMediator?.mediatorId);
  const mediatorCase = cases.find((c) => c.progress.leadMediator?.mediatorId === mediator);
  const holder = busiest(
    cases.filter(
      (c) => c.progress.holder?.level === commonV1.HandlingLevel.HANDLING_LEVEL_DISTRICT,
    ),
    (c) => c.progress.holder.code,
  );
  return {
    street,
    district,
    mediator,
    holder,
    pii,
    streetAdmin: principal('bench-street-admin', Role.ROLE_COMMITTEE_ADMIN, street),
    districtAdmin: principal('bench-district-admin', Role.ROLE_COMMITTEE_ADMIN, district),
    mediatorPrincipal: principal(
      mediator,
      Role.ROLE_MEDIATOR,
      mediatorCase?.progress.holder.orgUnitCode ?? district,
      mediatorCase?.progress.holder.code,
    ),
    hotline: principal('bench-hotline-12348', Role.ROLE_MEDIATOR, directory.city.code),
    // Sees the whole city with parties masked: its reads write no audit entry.
    watcher: principal('bench-watcher', Role.ROLE_VOLUNTEER, directory.city.code),
  };
}

/**
 * The scenarios: `{ name, target, grpc(i), raw(i) }` by group; `prepare()` pages through the
 * street's list once to get the token of a deep page.
 */
function scenarios({ client, timeoutMs, db, subjects: s, people, city }) {
  const cases = db.collection('cases');
  const timeline = db.collection('case_timeline');
  const now = new Date();
  const pick = (items, i) => items[i % items.length];
  const page = { pageSize: PAGE, pageToken: '' };
  const deep = { token: '', after: undefined };

  /** ListCases over gRPC, and the finds intake's CaseRepository sends for it (readCasePage), sent raw. */
  const listing = (as, request, query) => ({
    grpc: (i) => client.call('listCases', request(i), { principal: as, timeoutMs }),
    raw: (i) =>
      readCasePage(cases, {
        statuses: [],
        categories: [],
        sources: [],
        channels: [],
        subtree: request(i).orgUnitCode || as.orgUnitCode,
        ...query(i),
        limit: PAGE + 1,
      }),
  });
  // Cases as stored: a kept database (--database) was planned at another time, so the plan of
  // this run names other cases (people are drawn from the plan: some may not be in the store).
  let stored = [];
  const sample = (i) => pick(stored, i * 7919);
  const namePrefix = (i) => [...pick(people, i).name].slice(0, 2).join('');
  const caseIds = [];
  const open = [S.CASE_STATUS_ACCEPTED, S.CASE_STATUS_IN_MEDIATION, S.CASE_STATUS_ESCALATED];

  return {
    async prepare() {
      stored = await cases
        .find({}, { projection: { _id: 1, caseNumber: 1 } })
        .limit(Math.min(city.cases.length, 7_000))
        .toArray();
      caseIds.push(...stored.filter((_, i) => i % 7 === 0).map((c) => c._id));
      let token = '';
      for (let n = 0; n < DEEP_PAGE; n++) {
        const res = await client.call(
          'listCases',
          { orgUnitCode: s.street, page: { pageSize: PAGE, pageToken: token } },
          { principal: s.streetAdmin, timeoutMs },
        );
        if (!res.page?.nextPageToken) break;
        token = res.page.nextPageToken;
      }
      const cursor = decodePageToken(token);
      deep.token = token;
      deep.after = cursor && { registeredAt: cursor.at, id: cursor.id };
    },
    list: [
      {
        name: `subtree, first page (street ${s.street})`,
        target: 200,
        ...listing(
          s.streetAdmin,
          () => ({ orgUnitCode: s.street, page }),
          () => ({}),
        ),
      },
      {
        name: `subtree, page ${DEEP_PAGE + 1} by token`,
        target: 200,
        ...listing(
          s.streetAdmin,
          () => ({ orgUnitCode: s.street, page: { pageSize: PAGE, pageToken: deep.token } }),
          () => ({ after: deep.after }),
        ),
      },
      {
        name: `by status: accepted, in mediation, escalated (district ${s.district})`,
        target: 200,
        ...listing(
          s.districtAdmin,
          () => ({ orgUnitCode: s.district, statuses: open, page }),
          () => ({ statuses: open }),
        ),
      },
      {
        name: 'overdue (district)',
        target: 200,
        ...listing(
          s.districtAdmin,
          () => ({ orgUnitCode: s.district, overdueOnly: true, page }),
          () => ({ overdueAt: now }),
        ),
      },
      {
        name: `mine (mediator ${s.mediator})`,
        target: 200,
        ...listing(
          s.mediatorPrincipal,
          () => ({ mediatorId: 'me', page }),
          () => ({ mediatorId: s.mediator }),
        ),
      },
      {
        name: `holder (committee ${s.holder}, district)`,
        target: 200,
        ...listing(
          s.districtAdmin,
          () => ({ orgUnitCode: s.district, holderCommitteeCode: s.holder, page }),
          () => ({ holderCode: s.holder }),
        ),
      },
    ],
    search: [
      {
        name: 'case number, full',
        target: 200,
        ...listing(
          s.hotline,
          (i) => ({ caseNumber: sample(i).caseNumber, page }),
          (i) => ({ caseNumberPart: sample(i).caseNumber }),
        ),
      },
      {
        name: 'case number, part (no year)',
        target: 200,
        ...listing(
          s.hotline,
          (i) => ({ caseNumber: sample(i).caseNumber.slice(6), page }),
          (i) => ({ caseNumberPart: sample(i).caseNumber.slice(6) }),
        ),
      },
      {
        name: 'party name prefix (2 characters)',
        target: 200,
        ...listing(
          s.hotline,
          (i) => ({ partyName: namePrefix(i), page }),
          (i) => ({ partyNamePrefix: namePrefix(i) }),
        ),
      },
      {
        name: 'phone',
        target: 200,
        ...listing(
          s.hotline,
          (i) => ({ partyPhone: pick(people, i).phone, page }),
          (i) => ({ partyPhoneHash: phoneLookupHash(s.pii, pick(people, i).phone) }),
        ),
      },
      {
        name: 'resident ID number',
        target: 200,
        ...listing(
          s.hotline,
          (i) => ({ partyIdNumber: pick(people, i).idNumber, page }),
          (i) => ({
            partyIdNumberHash: idNumberLookupHash(s.pii, RESIDENT_ID, pick(people, i).idNumber),
          }),
        ),
      },
    ],
    casePage: [
      {
        name: 'GetCase + GetCaseTimeline (clear PII: audited)',
        target: 300,
        grpc: (i) =>
          Promise.all([
            client.call(
              'getCase',
              { caseId: pick(caseIds, i) },
              { principal: s.hotline, timeoutMs },
            ),
            client.call(
              'getCaseTimeline',
              { caseId: pick(caseIds, i) },
              { principal: s.hotline, timeoutMs },
            ),
          ]),
        raw: (i) =>
          Promise.all([
            cases.findOne({ _id: pick(caseIds, i) }, { projection: { outbox: 0 } }),
            timeline
              .find({ caseId: pick(caseIds, i) })
              .sort({ occurredAt: 1 })
              .toArray(),
          ]),
      },
    ],
  };
}

module.exports = { scenarios, subjects };

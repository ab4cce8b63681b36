'use strict';
// The measured reads, each twice: over gRPC as the console asks for it, and the same find
// (filter, sort, limit) through the MongoDB driver, the store's raw rate for the same documents.
// The raw filters are what intake's CaseRepository sends for each request.
const { commonV1, intakeV1 } = require('@mediation/contracts');

const S = intakeV1.CaseStatus;
const { Role } = commonV1;
const PAGE = 50;
const DEEP_PAGE = 10;
const LIST_SORT = { registeredAt: -1, _id: -1 };

const principal = (subject, role, orgUnitCode, committeeCode = '') =>
  commonV1.Principal.fromPartial({ subject, roles: [role], orgUnitCode, committeeCode });

/** The unit (or committee) among `codes` of each case with the most cases. */
function busiest(cases, keyOf) {
  const counts = new Map();
  for (const c of cases)
    for (const k of [keyOf(c)].flat()) if (k) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}

const escapeRegex = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

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
    mediatorUnit: mediatorCase?.progress.holder.orgUnitCode,
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
  };
}

/**
 * The scenarios: `{ group, name, target, grpc(i), raw(i) }`; `prepare()` fetches what deep pages
 * need (page tokens) once, before measuring.
 */
function scenarios({ client, db, subjects: s, people, city }) {
  const cases = db.collection('cases');
  const timeline = db.collection('case_timeline');
  const now = new Date();
  const list = (as, request) => client.call('listCases', request, { principal: as });
  const rawList = (filter, after) =>
    cases
      .find(
        after
          ? {
              ...filter,
              $or: [
                { registeredAt: { $lt: after.registeredAt } },
                { registeredAt: after.registeredAt, _id: { $lt: after._id } },
              ],
            }
          : filter,
        { projection: { outbox: 0 } },
      )
      .sort(LIST_SORT)
      .limit(PAGE + 1)
      .toArray();
  const page = { pageSize: PAGE, pageToken: '' };
  const deep = { token: '', after: undefined };
  const pick = (items, i) => items[i % items.length];
  const caseIds = city.cases.filter((c, i) => i % 7 === 0).map((c) => c._id);
  const hashOf = {
    phone: (phone) => s.pii.hash(`phone\u0000${phone}`),
    id: (id) => s.pii.hash(`id\u0000${commonV1.IdType.ID_TYPE_RESIDENT_ID_CARD}\u0000${id}`),
  };

  const open = [S.CASE_STATUS_ACCEPTED, S.CASE_STATUS_IN_MEDIATION, S.CASE_STATUS_ESCALATED];
  return {
    async prepare() {
      let token = '';
      let last;
      for (let n = 0; n < DEEP_PAGE; n++) {
        const res = await list(s.streetAdmin, {
          orgUnitCode: s.street,
          page: { pageSize: PAGE, pageToken: token },
        });
        if (!res.page?.nextPageToken) break;
        token = res.page.nextPageToken;
        last = res.cases[res.cases.length - 1];
      }
      deep.token = token;
      deep.after = last && {
        registeredAt: new Date(
          Number(last.registeredAt.seconds) * 1000 + Math.floor(last.registeredAt.nanos / 1e6),
        ),
        _id: last.caseId,
      };
    },
    list: [
      {
        name: `subtree, first page (street ${s.street})`,
        target: 200,
        grpc: () => list(s.streetAdmin, { orgUnitCode: s.street, page }),
        raw: () => rawList({ orgPath: s.street }),
      },
      {
        name: `subtree, page ${DEEP_PAGE + 1} by token`,
        target: 200,
        grpc: () =>
          list(s.streetAdmin, {
            orgUnitCode: s.street,
            page: { pageSize: PAGE, pageToken: deep.token },
          }),
        raw: () => rawList({ orgPath: s.street }, deep.after),
      },
      {
        name: `by status: open (district ${s.district})`,
        target: 200,
        grpc: () => list(s.districtAdmin, { orgUnitCode: s.district, statuses: open, page }),
        raw: () => rawList({ orgPath: s.district, 'progress.status': { $in: open } }),
      },
      {
        name: 'overdue (district)',
        target: 200,
        grpc: () => list(s.districtAdmin, { orgUnitCode: s.district, overdueOnly: true, page }),
        raw: () => rawList({ orgPath: s.district, 'progress.nextDeadlineAt': { $lt: now } }),
      },
      {
        name: `mine (mediator ${s.mediator})`,
        target: 200,
        grpc: () => list(s.mediatorPrincipal, { mediatorId: 'me', page }),
        raw: () =>
          rawList({ orgPath: s.mediatorPrincipal.orgUnitCode, 'progress.mediatorIds': s.mediator }),
      },
      {
        name: `holder (committee ${s.holder})`,
        target: 200,
        grpc: () =>
          list(s.districtAdmin, { orgUnitCode: s.district, holderCommitteeCode: s.holder, page }),
        raw: () => rawList({ orgPath: s.district, 'progress.holder.code': s.holder }),
      },
    ],
    search: [
      {
        name: 'case number, full (city)',
        target: 200,
        grpc: (i) => list(s.hotline, { caseNumber: pick(city.cases, i * 7919).caseNumber, page }),
        raw: (i) => rawList({ caseNumber: pick(city.cases, i * 7919).caseNumber }),
      },
      {
        name: 'case number, part (city)',
        target: 200,
        grpc: (i) =>
          list(s.hotline, { caseNumber: pick(city.cases, i * 7919).caseNumber.slice(6), page }),
        raw: (i) =>
          rawList({
            caseNumber: { $regex: escapeRegex(pick(city.cases, i * 7919).caseNumber.slice(6)) },
          }),
      },
      {
        name: 'party name prefix (city)',
        target: 200,
        grpc: (i) =>
          list(s.hotline, { partyName: [...pick(people, i).name].slice(0, 2).join(''), page }),
        raw: (i) =>
          rawList({
            'parties.name': {
              $regex: `^${escapeRegex([...pick(people, i).name].slice(0, 2).join(''))}`,
            },
          }),
      },
      {
        name: 'phone (city)',
        target: 200,
        grpc: (i) => list(s.hotline, { partyPhone: pick(people, i).phone, page }),
        raw: (i) => rawList({ 'parties.phoneHash': hashOf.phone(pick(people, i).phone) }),
      },
      {
        name: 'resident ID number (city)',
        target: 200,
        grpc: (i) => list(s.hotline, { partyIdNumber: pick(people, i).idNumber, page }),
        raw: (i) => rawList({ 'parties.idNumberHash': hashOf.id(pick(people, i).idNumber) }),
      },
    ],
    casePage: [
      {
        name: 'GetCase + GetCaseTimeline',
        target: 300,
        grpc: (i) =>
          Promise.all([
            client.call('getCase', { caseId: pick(caseIds, i) }, { principal: s.hotline }),
            client.call('getCaseTimeline', { caseId: pick(caseIds, i) }, { principal: s.hotline }),
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

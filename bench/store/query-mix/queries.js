'use strict';
// The query mix: every query the services run on request paths and timers, each as the service
// runs it (its repository, filter builder or query function from dist/), grouped by service. The
// same calls as the index-use integration specs (services/*/test/index-use.int-spec.ts).
const { Metadata } = require('@grpc/grpc-js');
const { commonV1, mediationV1, statisticsV1 } = require('@mediation/contracts');
const { AggregateRepository, OutboxRelay, MongoSequenceStore } = require('@mediation/persistence');
const { busiest } = require('../../lib/subjects');

const dist = (service) => (file) => require(`../../../services/${service}/dist/${file}`);
const intake = dist('intake');
const mediation = dist('mediation');
const referral = dist('referral');
const statistics = dist('statistics');

const { CaseEvents } = intake('case/events/case-events');
const { CaseRepository } = intake('case/persistence/case.repository');
const { MongoCaseNumberStore } = intake('case/persistence/case-number.store');
const { DisputeKeyIndex } = intake('case/persistence/dispute-key.index');
const { CaseViewStore } = intake('case-view/persistence/case-view.store');
const { DocumentRepository } = intake('document/persistence/document.repository');
const { ReadAuditRepository } = intake('read-audit/persistence/read-audit.repository');
const { MediationRecorder } = mediation('mediation/events/mediation-recorder');
const { directoryNames } = mediation('mediation/events/timeline-text');
const { MediationRepository } = mediation('mediation/persistence/mediation.repository');
const { RosterRepository } = mediation('mediation/persistence/roster.repository');
const { AgreementDocumentStore } = mediation('mediation/documents/agreement-document.store');
const { listBySubtree } = mediation('mediation/queries/list-by-subtree/list-by-subtree.query');
const { listDeadlines } = mediation('mediation/queries/list-deadlines/list-deadlines.query');
const { listWorkload } = mediation('mediation/queries/list-workload/list-workload.query');
const { rosterHandler } = mediation('mediation/roster/roster-access');
const { ReferralRepository } = referral('referral/persistence/referral.repository');
const { inboxFilter } = referral('referral/queries/list-inbox/inbox-query');
const { listAlerts } = statistics('alerts/queries/list-alerts/list-alerts.query');
const { RollupStore } = statistics('rollups/persistence/rollup.store');

const DAY = 86_400_000;
const admin = {
  principal: commonV1.Principal.fromPartial({
    subject: 'bench-admin',
    roles: [commonV1.Role.ROLE_ADMINISTRATOR, commonV1.Role.ROLE_ANALYST],
    orgUnitCode: '2102',
  }),
  metadata: new Metadata(),
};
const page = (q) => ({ statuses: [], categories: [], sources: [], channels: [], limit: 51, ...q });

/**
 * The mix over the databases' connections (`db.intake` ... each a mongoose Connection) and the
 * loaded documents (to choose realistic subjects). Each entry: service, name, run().
 */
function queryMix(directory, conn, models, city) {
  const { cases, mediations, referrals } = city;
  const at = (level) => (c) => c.orgPath.find((code) => directory.level(code) === level);
  const district = busiest(cases, at('DISTRICT'));
  const street = busiest(cases, at('STREET'));
  const someCase = cases[Math.floor(cases.length * 0.7)];
  const person = cases.find((c) => c.parties?.[0]?.phoneHash && c.parties[0].idNumberHash)
    .parties[0];
  const namePrefix = person.name?.slice?.(0, 1) ?? '王';
  const mediator = busiest(cases, (c) => c.progress?.mediatorIds);
  const holder = busiest(cases, (c) => c.progress?.holder?.code);
  const lastYear = new Date(someCase.registeredAt.getTime() - 30 * DAY);

  const cases_ = new CaseRepository(models.cases, new CaseEvents('bench.intake'), () => undefined);
  const numbers = new MongoCaseNumberStore(conn.intake.db, cases_);
  const disputes = new DisputeKeyIndex(conn.intake.db);
  const view = new CaseViewStore(conn.intake.db);
  const documents = new DocumentRepository(conn.intake.db);
  const audit = new ReadAuditRepository(conn.intake.db);

  const sample = mediations[Math.floor(mediations.length / 2)] ?? mediations[0];
  const med = {
    mediations: new MediationRepository(
      models.mediations,
      new MediationRecorder('bench.mediation', directoryNames(directory)),
      (code) => (directory.lookup(code) ? directory.path(code).map((u) => u.code) : [code]),
    ),
    directory,
    documents: new AgreementDocumentStore(conn.mediation, directory),
    rosters: new RosterRepository(conn.mediation, (code) => rosterHandler(directory, code)),
    clock: () => new Date(),
  };
  const busyCommittee = busiest(mediations, (m) => m.committeeCode);
  const busyLead = busiest(mediations, (m) => m.leadMediatorId);
  const committeeUnit = mediations.find((m) => m.committeeCode === busyCommittee)?.orgUnit.code;

  const referrals_ = new ReferralRepository(
    new AggregateRepository(models.referrals),
    models.referrals.collection,
    directory,
    'bench.referral',
  );
  const desk = busiest(referrals, (r) => r.desk.code);
  const claimer = busiest(
    referrals.filter((r) => r.desk.code === desk),
    (r) => r.claimedBy,
  );
  const someReferral = referrals.find((r) => r.desk.code === desk);
  const inbox = (name, after = null) =>
    referrals_.list(inboxFilter(desk, name, claimer ?? 'nobody', new Date(), after), 51);

  const rollups = new RollupStore(conn.statistics, 'rollups');
  const dashboardIds = Array.from({ length: 30 }, (_, d) => {
    const t = new Date(someCase.registeredAt.getTime() - d * DAY);
    return `${district}|D|${t.toISOString().slice(0, 10).replace(/-/g, '')}`;
  });
  const noPublisher = { publish: () => Promise.reject(new Error('nothing is pending')) };
  const relay = new OutboxRelay(models.cases, noPublisher, {
    aggregateType: 'case',
    source: '/bench',
  });
  const sequences = new MongoSequenceStore(conn.mediation);
  const after = { registeredAt: someCase.registeredAt, id: someCase._id };

  const list = (q) => () => cases_.list(page(q));
  return [
    ['intake', 'ListCases, whole city (city-wide role)', list({})],
    ['intake', 'ListCases, a district', list({ subtree: district })],
    ['intake', 'ListCases, a district, a later page', list({ subtree: district, after })],
    ['intake', 'ListCases, a street', list({ subtree: street })],
    [
      'intake',
      'ListCases, phone (keyed hash)',
      list({ subtree: '2102', partyPhoneHash: person.phoneHash }),
    ],
    [
      'intake',
      'ListCases, ID number (keyed hash)',
      list({ subtree: '2102', partyIdNumberHash: person.idNumberHash }),
    ],
    [
      'intake',
      'ListCases, party name prefix',
      list({ subtree: district, partyNamePrefix: namePrefix }),
    ],
    [
      'intake',
      'ListCases, case number part',
      // the sequence number as the case number shows it (a search takes four characters or more)
      list({ subtree: district, caseNumberPart: String(someCase.numberSeq).padStart(5, '0') }),
    ],
    ['intake', 'ListCases, holding committee', list({ subtree: district, holderCode: holder })],
    ['intake', 'ListCases, a mediator', list({ subtree: district, mediatorId: mediator })],
    ['intake', 'ListCases, overdue', list({ subtree: district, overdueAt: new Date() })],
    ['intake', 'ListCases, life statuses', list({ subtree: district, statuses: [6, 13] })],
    ['intake', 'ListCases, category', list({ subtree: district, categories: [someCase.category] })],
    [
      'intake',
      'ListCases, registration period',
      list({ subtree: district, registeredFrom: lastYear, registeredTo: someCase.registeredAt }),
    ],
    ['intake', 'GetCase (load by _id)', () => cases_.load(someCase._id)],
    [
      'intake',
      'OpenCase: exact case number max',
      () => numbers.exactMax(someCase.committeeCode, someCase.numberYear),
    ],
    ['intake', 'OpenCase: duplicate keys', () => disputes.find(someCase.disputeKeys ?? [])],
    ['intake', 'GetCaseTimeline', () => view.steps(someCase._id)],
    ['intake', 'ListDocuments', () => documents.list(someCase._id)],
    ['intake', 'ListReadAudit, a case', () => audit.list({ caseId: someCase._id, limit: 51 })],
    [
      'intake',
      'ListReadAudit, a reader',
      () => audit.list({ readerSubject: someCase.registeredBy.subject, limit: 51 }),
    ],
    [
      'mediation',
      'ListBySubtree, a district',
      () =>
        listBySubtree(
          med,
          mediationV1.ListBySubtreeRequest.fromPartial({ orgUnitCode: district }),
          admin,
        ),
    ],
    [
      'mediation',
      'ListBySubtree, a unit, in progress',
      () =>
        listBySubtree(
          med,
          mediationV1.ListBySubtreeRequest.fromPartial({
            orgUnitCode: committeeUnit,
            statuses: [2],
          }),
          admin,
        ),
    ],
    [
      'mediation',
      'ListWorkload, a committee',
      () =>
        listWorkload(
          med,
          mediationV1.ListWorkloadRequest.fromPartial({ committeeCode: busyCommittee }),
          admin,
        ),
    ],
    [
      'mediation',
      'ListWorkload, a mediator',
      () =>
        listWorkload(
          med,
          mediationV1.ListWorkloadRequest.fromPartial({
            orgUnitCode: district,
            mediatorId: busyLead,
          }),
          admin,
        ),
    ],
    [
      'mediation',
      'ListDeadlines, a district',
      () =>
        listDeadlines(
          med,
          mediationV1.ListDeadlinesRequest.fromPartial({ orgUnitCode: district }),
          admin,
        ),
    ],
    ['mediation', 'deadline poller (findDue)', () => med.mediations.findDue(new Date(), 100)],
    ['mediation', 'GetMediation (load by _id)', () => med.mediations.load(sample._id)],
    ['referral', 'ListInbox, all', () => inbox('ALL')],
    [
      'referral',
      'ListInbox, all, a later page',
      () => inbox('ALL', { dueAt: someReferral.sortDueAt, id: someReferral._id }),
    ],
    ['referral', 'ListInbox, pending', () => inbox('PENDING')],
    ['referral', 'ListInbox, mine', () => inbox('MINE')],
    ['referral', 'ListInbox, overdue', () => inbox('OVERDUE')],
    ['referral', 'SLA poller (findDue)', () => referrals_.findDue(new Date(), 100)],
    ['statistics', 'rollups by id (30 days of a district)', () => rollups.byIds(dashboardIds)],
    [
      'statistics',
      'ListAlerts, a district',
      () =>
        listAlerts(
          models.alerts,
          directory,
          statisticsV1.ListAlertsRequest.fromPartial({ orgUnitCode: district }),
          admin,
        ),
    ],
    ['persistence', "outbox relay's sweep (cases)", () => relay.drainOnce()],
    [
      'persistence',
      'consumer sequence memory',
      () => sequences.lastApplied('bench', `case/${someCase._id}`),
    ],
  ].map(([service, name, run]) => ({
    service,
    name,
    run,
    connection:
      conn[service === 'persistence' ? (name.includes('cases') ? 'intake' : 'mediation') : service],
  }));
}

module.exports = { queryMix };

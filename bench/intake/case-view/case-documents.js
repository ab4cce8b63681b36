'use strict';
// A planned case as intake stores it, built with intake's own code from its build output: the
// OpenCase request the seed's loader would send, its validated parties sealed by the PII
// protector (ciphertexts, masks, keyed hashes), the org placement, the numbering, newCase's
// state, the request fingerprint, the search keys CaseRepository adds, and the aggregate fields
// the repository adds once the relay has published the opening events (outbox empty).
const {
  commonV1,
  derivedId,
  fromTimestamp,
  intakeV1,
  toTimestamp,
  uuidFromDigest,
} = require('@mediation/contracts');

const { applicationChannel, personParty } = require('../../../tools/seed/dist/registration');

const intakeDist = (file) => require(`../../../services/intake/dist/${file}`);
const { intakeConfig } = intakeDist('config');
const { PiiProtector } = intakeDist('pii/pii-protector');
const { newCase } = intakeDist('case/domain/new-case');
const { formatCaseNumber } = intakeDist('case/domain/case-number');
const { toStoredParties } = intakeDist('case/mapping/stored-parties');
const { caseSearchKeys } = intakeDist('case/persistence/case-search-keys');
const { orgPlacement } = intakeDist('case/mapping/org-placement');
const { idempotencyScope } = intakeDist('idempotency/idempotency-scope');

const { Role } = commonV1;
const ENTRUSTED_SOURCE = {
  COURT_PRE_FILING: commonV1.CaseSource.CASE_SOURCE_ENTRUSTED_BY_COURT,
  PETITION_HANDOVER: commonV1.CaseSource.CASE_SOURCE_ENTRUSTED_BY_PETITION_OFFICE,
  POLICE_HANDOVER: commonV1.CaseSource.CASE_SOURCE_ENTRUSTED_BY_POLICE,
};
const ENTRUSTED_TERM_DAYS = 30;
const DAY = 86_400_000;

/** The service's own configuration defaults: development PII keys, mass-dispute thresholds. */
function intakeDefaults() {
  const config = intakeConfig.parse({ NODE_ENV: 'development' });
  const pii = new PiiProtector({
    encryptionKey: Buffer.from(config.PII_ENCRYPTION_KEY, 'base64'),
    encryptionKeyId: config.PII_ENCRYPTION_KEY_ID,
    hashKey: Buffer.from(config.PII_HASH_KEY, 'base64'),
  });
  const massDispute = {
    minPeople: config.MASS_DISPUTE_MIN_PEOPLE,
    minAmountFen: config.MASS_DISPUTE_MIN_AMOUNT_FEN,
  };
  return { pii, massDispute };
}

/** Who registers a planned case (as tools/seed's loader does). */
function registrar(directory, plan) {
  const principal = (subject, role, orgUnitCode, displayName, committeeCode = '') =>
    commonV1.Principal.fromPartial({
      subject,
      roles: [role, Role.ROLE_ADMINISTRATOR],
      orgUnitCode,
      committeeCode,
      displayName,
    });
  if (plan.entrust)
    return commonV1.Principal.fromPartial({
      subject: 'referral',
      roles: [Role.ROLE_SERVICE],
      orgUnitCode: directory.city.code,
      displayName: '',
    });
  if (plan.entry === 'hotline' || plan.entry === 'online')
    return plan.entry === 'hotline'
      ? principal('hotline-12348', Role.ROLE_MEDIATOR, directory.city.code, '12348热线坐席')
      : principal(
          'online-platform',
          Role.ROLE_MEDIATOR,
          directory.city.code,
          '网上公共法律服务平台',
        );
  if (directory.level(plan.orgUnitCode) === 'POINT')
    return principal(
      `volunteer-${plan.orgUnitCode}`,
      Role.ROLE_VOLUNTEER,
      plan.orgUnitCode,
      '评理说事点志愿者',
      plan.orgUnitCode,
    );
  const committee = directory.committeeFor(plan.orgUnitCode);
  return principal(
    `mediator-${committee.id}`,
    Role.ROLE_MEDIATOR,
    plan.orgUnitCode,
    `调解员（${committee.shortName}）`,
    committee.id,
  );
}

/** The OpenCase request of a plan (EntrustCase's, for entrusted matters). */
function openCaseRequest(directory, plan) {
  const address = `${directory.fullName(plan.orgUnitCode)}${(plan.index % 40) + 1}号楼`;
  const parties = plan.parties.map((p) =>
    commonV1.Party.fromPartial({
      ...personParty(p),
      phone: p.phone,
      address,
      consent: commonV1.ConsentState.CONSENT_STATE_GIVEN,
    }),
  );
  const common = {
    idempotencyKey: plan.key,
    orgUnitCode: plan.orgUnitCode,
    category: plan.category,
    parties,
    peopleInvolved: plan.peopleInvolved,
    amountInvolved: { currencyCode: 'CNY', amountFen: String(plan.amountFen) },
    description: plan.description,
  };
  if (plan.entrust) {
    const institution = directory.institution(plan.entrust.institutionCode);
    return intakeV1.OpenCaseRequest.fromPartial({
      ...common,
      source: ENTRUSTED_SOURCE[plan.entrust.kind],
      channel: commonV1.Channel.CHANNEL_REFERRAL,
      referringInstitution: {
        code: institution.id,
        type: commonV1.InstitutionType[`INSTITUTION_TYPE_${institution.type}`],
      },
      externalReference: `（${cstYear(plan.openedAt)}）委调${String(plan.index).padStart(5, '0')}`,
      referralId: entrustmentReferralId(plan),
      entrustedTermDueAt: toTimestamp(
        new Date(plan.openedAt.getTime() + ENTRUSTED_TERM_DAYS * DAY),
      ),
    });
  }
  return intakeV1.OpenCaseRequest.fromPartial({
    ...common,
    source: commonV1.CaseSource.CASE_SOURCE_PARTY_APPLICATION,
    ...applicationChannel(directory, plan),
    risk: { level: commonV1.RiskLevel.RISK_LEVEL_LOW, factors: [], note: '' },
  });
}

/**
 * Builds the stored cases of `plans` (oldest first): numbered per committee and year in
 * registration order, duplicates linked both ways. Returns the case documents with their ids,
 * the number hints and the dispute keys intake keeps beside them.
 */
function caseDocuments(directory, plans) {
  const { pii, massDispute } = intakeDefaults();
  const numbers = new Map();
  const byIndex = new Map();
  const disputeKeys = new Map();
  const cases = plans.map((plan) => {
    const req = openCaseRequest(directory, plan);
    const by = registrar(directory, plan);
    // As OpenCase stores and derives them (the id from the scope's earlier, NUL-joined form).
    const scope = idempotencyScope(by.subject, req.idempotencyKey);
    const caseId = uuidFromDigest(
      Buffer.from(pii.hash(`case\u0000${by.subject}\u0000${req.idempotencyKey}`), 'base64url'),
    );
    const state = newCase(
      {
        idempotencyScope: scope,
        source: req.source,
        channel: req.channel,
        platformLevel: req.platformLevel,
        referringInstitution: req.referringInstitution ?? null,
        externalReference: req.externalReference,
        referralId: req.referralId,
        placement: orgPlacement(directory, req.orgUnitCode),
        category: req.category,
        parties: toStoredParties(req.parties, pii),
        peopleInvolved: req.peopleInvolved,
        amountFen: Number(req.amountInvolved.amountFen),
        description: req.description,
        risk: req.risk ? { ...req.risk, factors: [...req.risk.factors] } : null,
        disputeStartedAt: null,
        entrustedTermDueAt: req.entrustedTermDueAt ? fromTimestamp(req.entrustedTermDueAt) : null,
        registeredBy: {
          subject: by.subject,
          role: by.roles[0],
          orgUnitCode: by.orgUnitCode,
          displayName: by.displayName,
        },
        at: plan.openedAt,
      },
      { massDispute, hash: (t) => pii.hash(t) },
    );
    state.requestFingerprint = fingerprint(pii, req);
    const numberKey = `${state.committeeCode}:${state.numberYear}`;
    state.numberSeq = (numbers.get(numberKey) ?? 0) + 1;
    numbers.set(numberKey, state.numberSeq);
    state.caseNumber = formatCaseNumber(
      state.numberYear,
      directory.committee(state.committeeCode).shortName,
      state.numberSeq,
    );
    const doc = { _id: caseId, ...state, searchKeys: caseSearchKeys(state) };
    if (plan.duplicateOf !== undefined) {
      const original = byIndex.get(plan.duplicateOf);
      doc.duplicateOfCaseId = original._id;
      original.duplicateCaseIds.push(caseId);
    } else
      for (const key of state.disputeKeys)
        disputeKeys.set(key, { _id: key, caseId, registeredAt: state.registeredAt });
    byIndex.set(plan.index, doc);
    return doc;
  });
  const hints = [...numbers].map(([_id, last]) => ({ _id, last }));
  return { cases, hints, disputeKeys: [...disputeKeys.values()] };
}

/** OpenCase's keyed hash of the canonical request (the entrusted term left out). */
function fingerprint(pii, req) {
  const canonical = intakeV1.OpenCaseRequest.encode(
    intakeV1.OpenCaseRequest.fromPartial({ ...req, entrustedTermDueAt: undefined }),
  ).finish();
  return pii.hash(`request\u0000${Buffer.from(canonical).toString('base64')}`);
}

/** The referral service's id of an entrustment (any stable UUID does for the benchmark). */
const entrustmentReferralId = (plan) => derivedId('bench-entrustment', plan.key);

const cstYear = (t) => new Date(t.getTime() + 8 * 3_600_000).getUTCFullYear();

module.exports = { caseDocuments, intakeDefaults };

'use strict';
// The events a planned case left on the three topics, step by step as tools/seed's loader plays
// them through the services (intake: CaseOpened, DuplicateLinked, CaseWithdrawn; mediation: the
// handler's steps; referral: the court desk's), with their per-aggregate sequences. Payloads are
// the contracts' partial messages: encoded only when published (lag test), projected as they are.
const { commonV1, derivedId, EVENT_TYPES, toTimestamp } = require('@mediation/contracts');
const { randomUUID } = require('node:crypto');

const M = require('@mediation/contracts').mediationV1;
const { HandlingLevel, Role } = commonV1;
const DAY = 86_400_000;
const MINUTE = 60_000;

/** The mediation's first handler: a reasoning point itself, else its committee (mediation's rule). */
function firstHandler(directory, orgUnitCode) {
  const unit = directory.successor(orgUnitCode);
  if (unit.level === 'POINT')
    return {
      code: unit.code,
      orgUnitCode: unit.code,
      level: HandlingLevel.HANDLING_LEVEL_REASONING_POINT,
    };
  return committeeRef(directory.committeeFor(unit.code));
}

const committeeRef = (c) => ({
  code: c.id,
  orgUnitCode: c.orgUnitCode,
  level: HandlingLevel[`HANDLING_LEVEL_${c.level}`],
});

/** One level up: a point's community committee, a committee's escalation target. */
function escalationTarget(directory, handler) {
  if (handler.level === HandlingLevel.HANDLING_LEVEL_REASONING_POINT)
    return committeeRef(directory.committeeFor(handler.code));
  const next = directory.escalationTarget(handler.code);
  return next ? committeeRef(next) : undefined;
}

/** The staff acting for a handler, and its standing roster's lead and second (seed's rosters). */
function staffOf(handler) {
  const atPoint = handler.level === HandlingLevel.HANDLING_LEVEL_REASONING_POINT;
  const subject = `${atPoint ? 'volunteer' : 'mediator'}-${handler.code}`;
  return {
    actor: {
      subject,
      role: atPoint ? Role.ROLE_VOLUNTEER : Role.ROLE_MEDIATOR,
      orgUnitCode: handler.orgUnitCode,
      displayName: atPoint ? '评理说事点志愿者' : '周明',
    },
    lead: { mediatorId: subject, displayName: '周明' },
    second: { mediatorId: `${handler.code}-01`, displayName: '杨桂兰' },
  };
}

/** The court referral of a failed mediation (referral's derived id, as the seed predicts it). */
const failedMediationReferralId = (caseId, deskCode) =>
  derivedId('after-failed-mediation', caseId, 'COURT', deskCode);

/**
 * Every event of one case, in time order: `{ eventId, type, stream, aggregateType, aggregateId,
 * sequence, occurredAt, orgUnitCode, caseId, referralId, message }`.
 */
function caseEvents(directory, plan, doc) {
  const caseId = doc._id;
  const events = [];
  const sequences = new Map();
  const emit = (name, at, message, { referralId = '', aggregateId = caseId } = {}) => {
    const def = EVENT_TYPES[name];
    const key = `${def.aggregateType}/${aggregateId}`;
    const sequence = (sequences.get(key) ?? 0) + 1;
    sequences.set(key, sequence);
    events.push({
      eventId: randomUUID(),
      name,
      type: def.type,
      stream: def.source.slice(1),
      aggregateType: def.aggregateType,
      aggregateId,
      sequence,
      occurredAt: at,
      orgUnitCode: doc.orgUnitCode,
      caseId,
      referralId,
      message,
    });
  };

  const registeredBy = doc.registeredBy;
  emit('CaseOpened', doc.registeredAt, {
    caseId,
    caseNumber: doc.caseNumber,
    registeredAt: toTimestamp(doc.registeredAt),
    registeredBy,
    referralId: doc.referralId,
  });
  if (doc.duplicateOfCaseId)
    emit('DuplicateLinked', doc.registeredAt, { caseId, duplicateOfCaseId: doc.duplicateOfCaseId });

  let handler = firstHandler(directory, doc.orgUnitCode);
  const path = [handler];
  const context = (actor = staffOf(handler).actor) => ({
    mediationId: caseId,
    caseId,
    committee: handler,
    actor,
  });
  const withdrawal = plan.steps[0]?.kind === 'withdraw' ? plan.steps[0] : undefined;
  const created = new Date(doc.registeredAt.getTime() + MINUTE);
  emit('MediationCreated', created, {
    context: context({ subject: '', role: 0, orgUnitCode: '', displayName: '' }),
    caseNumber: doc.caseNumber,
    orgUnit: { code: doc.orgUnitCode, level: doc.orgUnitLevel },
    category: doc.category,
    source: doc.source,
    channel: doc.channel,
    acceptanceDueAt: toTimestamp(new Date(created.getTime() + 3 * DAY)),
    referralId: doc.referralId,
    entrustedBy: doc.referringInstitution ?? undefined,
    entrustedTermDueAt: doc.entrustedTermDueAt ? toTimestamp(doc.entrustedTermDueAt) : undefined,
  });
  if (doc.referralId)
    emit(
      'EntrustmentReceived',
      doc.registeredAt,
      {
        context: {
          referralId: doc.referralId,
          caseId,
          mediationId: caseId,
          direction: 2,
          institution: doc.referringInstitution,
          orgUnit: { code: doc.orgUnitCode, level: doc.orgUnitLevel },
          category: doc.category,
        },
        externalReference: doc.externalReference,
        entrustedAt: toTimestamp(doc.registeredAt),
        termDueAt: toTimestamp(doc.entrustedTermDueAt),
      },
      { referralId: doc.referralId, aggregateId: doc.referralId },
    );
  if (withdrawal) {
    emit('CaseWithdrawn', withdrawal.at, { caseId, withdrawnBy: registeredBy });
    return events;
  }

  let agreementId = '';
  const referralId = failedMediationReferralId(caseId, plan.court.deskCode);
  const desk = directory.desk(plan.court.deskCode);
  const court = { code: plan.court.code, type: commonV1.InstitutionType.INSTITUTION_TYPE_COURT };
  const referralContext = () => ({
    referralId,
    caseId,
    mediationId: caseId,
    direction: 1,
    institution: court,
    desk: { code: desk.id, institutionCode: desk.institutionId, institutionType: court.type },
    orgUnit: { code: doc.orgUnitCode, level: doc.orgUnitLevel },
    category: doc.category,
    actor: {
      subject: `lawyer-${desk.id}`,
      role: Role.ROLE_STATIONED_LAWYER,
      orgUnitCode: '',
      displayName: '驻点律师',
    },
  });
  const onReferral = { referralId, aggregateId: referralId };

  for (const step of plan.steps) {
    const at = step.at;
    switch (step.kind) {
      case 'accept':
        emit('MediationAccepted', at, {
          context: context(),
          termDueAt: toTimestamp(new Date(at.getTime() + 30 * DAY)),
        });
        break;
      case 'reject':
        emit('MediationRejected', at, {
          context: context(),
          reason: M.RejectionReason.REJECTION_REASON_ALREADY_ACCEPTED_BY_COURT,
          remediesTold: [commonV1.Remedy.REMEDY_LITIGATION],
        });
        break;
      case 'escalate': {
        const from = handler;
        const to = escalationTarget(directory, handler);
        if (!to) break;
        handler = to;
        path.push(to);
        emit('MediationEscalated', at, {
          context: context(staffOf(from).actor),
          fromCommittee: from,
          toCommittee: to,
          reason: M.EscalationReason.ESCALATION_REASON_COMPLEXITY,
          path: [...path],
        });
        break;
      }
      case 'consent': {
        doc.parties.forEach((p, i) =>
          emit('ConsentRecorded', new Date(at.getTime() + i * MINUTE), {
            context: context(),
            consentId: randomUUID(),
            partyId: p.partyId,
            subject: M.ConsentSubject.CONSENT_SUBJECT_MEDIATION,
            method: M.ConsentMethod.CONSENT_METHOD_WRITTEN,
          }),
        );
        // Mediators are named once the parties agreed to mediation (the seed names them at the
        // agreement only; lists of "my cases" need them earlier).
        const staff = staffOf(handler);
        emit('MediatorsAssigned', new Date(at.getTime() + 3 * MINUTE), {
          context: context(),
          mediators: [
            { ...staff.lead, role: M.MediatorRole.MEDIATOR_ROLE_LEAD },
            { ...staff.second, role: M.MediatorRole.MEDIATOR_ROLE_ASSISTANT },
          ],
        });
        break;
      }
      case 'agree':
        agreementId = randomUUID();
        emit('AgreementReached', at, {
          context: context(),
          agreementId,
          form:
            step.form === 'WRITTEN'
              ? M.AgreementForm.AGREEMENT_FORM_WRITTEN
              : M.AgreementForm.AGREEMENT_FORM_ORAL,
          effectiveAt: toTimestamp(at),
          totalAmount: { currencyCode: 'CNY', amountFen: String(step.amountFen) },
          obligationCount: step.amountFen > 0 ? 1 : 0,
          confirmationWindowDueAt: toTimestamp(new Date(at.getTime() + 30 * DAY)),
        });
        break;
      case 'confirm-request':
        emit('JudicialConfirmationRequested', at, {
          context: context(),
          agreementId,
          court,
          appliedAt: toTimestamp(at),
          acceptanceDueAt: toTimestamp(new Date(at.getTime() + 3 * DAY)),
        });
        break;
      case 'confirm-accepted':
      case 'confirmed':
        emit('JudicialConfirmationRecorded', at, {
          context: context(),
          agreementId,
          court,
          result:
            step.kind === 'confirmed'
              ? M.JudicialConfirmationResult.JUDICIAL_CONFIRMATION_RESULT_CONFIRMED
              : M.JudicialConfirmationResult.JUDICIAL_CONFIRMATION_RESULT_ACCEPTED,
          decidedAt: toTimestamp(at),
        });
        break;
      case 'perform':
        emit('PerformanceRecorded', at, {
          context: context(),
          agreementId,
          obligationId: randomUUID(),
          status: M.PerformanceStatus.PERFORMANCE_STATUS_PERFORMED,
          performedAt: toTimestamp(at),
          agreementFullyPerformed: true,
        });
        break;
      case 'follow-up':
        emit('FollowUpRecorded', at, {
          context: context(),
          followUpId: randomUUID(),
          visitedAt: toTimestamp(at),
          method: M.ContactMethod.CONTACT_METHOD_PHONE,
          result: M.FollowUpResult.FOLLOW_UP_RESULT_PERFORMED,
        });
        break;
      case 'satisfaction':
        emit('SatisfactionRecorded', at, {
          context: context(),
          partyId: doc.parties[0].partyId,
          score: step.score,
        });
        break;
      case 'fail':
        emit('MediationFailed', at, {
          context: context(),
          reason: M.FailureReason.FAILURE_REASON_NO_CONSENSUS,
          remediesTold: [commonV1.Remedy.REMEDY_LITIGATION],
          referralRequested: step.referToCourt,
          referralInstitutionType: step.referToCourt ? court.type : 0,
          referralDeskCode: step.referToCourt ? desk.id : '',
          referralRemedy: step.referToCourt ? commonV1.Remedy.REMEDY_LITIGATION : 0,
        });
        if (step.referToCourt)
          emit(
            'ReferralCreated',
            new Date(at.getTime() + MINUTE),
            {
              context: referralContext(),
              committee: handler,
              remedy: commonV1.Remedy.REMEDY_LITIGATION,
              claimDueAt: toTimestamp(new Date(at.getTime() + 2 * DAY)),
            },
            onReferral,
          );
        break;
      case 'referral-claim':
        emit(
          'ReferralClaimed',
          at,
          {
            context: referralContext(),
            lawyerId: `lawyer-${desk.id}`,
            outcomeDueAt: toTimestamp(new Date(at.getTime() + 30 * DAY)),
          },
          onReferral,
        );
        break;
      case 'referral-outcome':
        emit(
          'ReferralOutcomeRecorded',
          at,
          {
            context: referralContext(),
            outcome: commonV1.ReferralOutcome.REFERRAL_OUTCOME_GUIDED_TO_LITIGATION_FILED,
            decidedAt: toTimestamp(at),
          },
          onReferral,
        );
        emit('MediationClosed', new Date(at.getTime() + MINUTE), {
          context: context({ subject: '', role: 0, orgUnitCode: '', displayName: '' }),
          outcome: M.ClosureOutcome.CLOSURE_OUTCOME_REFERRED_OUT,
          finalStatus: M.MediationStatus.MEDIATION_STATUS_FAILED,
          referralId,
        });
        break;
      case 'close':
        emit('MediationClosed', at, {
          context: context(),
          outcome: M.ClosureOutcome[`CLOSURE_OUTCOME_${step.outcome}`],
        });
        break;
    }
  }
  return events;
}

/** A planned event as the bus delivers it (BusEvent of @mediation/event-bus). */
function onTheBus(e) {
  const def = EVENT_TYPES[e.name];
  return {
    eventId: e.eventId,
    eventType: def.type,
    source: def.source,
    occurredAt: e.occurredAt,
    aggregateType: def.aggregateType,
    aggregateId: e.aggregateId,
    sequence: e.sequence,
    orgUnitCode: e.orgUnitCode,
    caseId: e.caseId,
    correlationId: '',
    causationId: '',
    backfilled: false,
    payload: def.encode(def.create(e.message)),
  };
}

module.exports = { caseEvents, escalationTarget, onTheBus, staffOf };

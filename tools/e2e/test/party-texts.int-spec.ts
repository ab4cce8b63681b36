import { status } from '@grpc/grpc-js';
import { mediationV1, notificationV1 } from '@mediation/contracts';
import { Platform } from '@mediation/test-platform';
import { eventually } from '@mediation/testing';
import { principals, reasoningPoint } from '../src/actors';
import { CROSSING_MS, Mediations, walkInAtPoint } from '../src/journey';

// The parties are texted through the real chain: intake registers the case, the community
// committee accepts it in the mediation service, the notification service (its own process)
// hears MediationAccepted, asks intake for the parties' mobiles (GetPartyContacts, audited) and
// texts them through the SMS provider's stand-in (its own process, the test platform's) over its
// documented HTTP API.

const place = reasoningPoint(2);
const volunteer = principals.volunteer(place.point.code);
const mediator = principals.mediator(place.committees.community);

let platform: Platform;

beforeAll(async () => {
  platform = await Platform.start({
    name: 'texts',
    services: ['intake', 'mediation', 'notification'],
  });
}, 90_000);
afterAll(() => platform?.stop(), 30_000);

it('texts the applicant when the committee accepts the case, reading the number from intake under audit', () =>
  platform.journey(async () => {
    const request = walkInAtPoint(place.point.code);
    const opened = await platform.client('intake').call('openCase', request, {
      principal: volunteer,
    });
    const { caseId, caseNumber } = opened.case!;
    const mediations = new Mediations(platform);
    await mediations.created(caseId);
    await mediations.act('escalate', volunteer, caseId, {
      reason: mediationV1.EscalationReason.ESCALATION_REASON_BEYOND_AUTHORITY,
    });
    await mediations.act('accept', mediator, caseId);

    // The applicant has a mobile; the respondent gave a landline and gets no text.
    const [text] = await eventually(
      async () => (platform.texts().length ? platform.texts() : undefined),
      { timeoutMs: CROSSING_MS, what: 'the text to the applicant' },
    );
    expect(platform.texts()).toHaveLength(1);
    expect(text!.phone).toBe('13812345678');
    expect(text!.templateCode).toBe('SMS_MEDIATION_CASE_ACCEPTED_ZH');
    expect(text!.text).toContain(caseNumber);
    expect(text!.text).toContain(`已由${place.committees.community.name}受理`);

    const log = await eventually(
      async () => {
        const r = await platform
          .client('notification')
          .call('listDeliveries', { caseId }, { principal: mediator });
        // Decided: neither waiting nor in flight (the provider has a text before its SENT).
        const { DELIVERY_STATUS_PENDING, DELIVERY_STATUS_SENDING } = notificationV1.DeliveryStatus;
        return r.deliveries.length === 2 &&
          r.deliveries.every(
            (d) => d.status !== DELIVERY_STATUS_PENDING && d.status !== DELIVERY_STATUS_SENDING,
          )
          ? r.deliveries
          : undefined;
      },
      { timeoutMs: CROSSING_MS, what: 'both deliveries decided' },
    );
    const applicant = opened.case!.parties.find((p) => p.phoneMasked === '138****5678')!;
    expect(log.find((d) => d.partyId === applicant.partyId)).toMatchObject({
      status: notificationV1.DeliveryStatus.DELIVERY_STATUS_SENT,
      phoneMasked: '138****5678',
      providerMessageId: text!.bizId,
    });
    expect(log.find((d) => d.partyId !== applicant.partyId)).toMatchObject({
      status: notificationV1.DeliveryStatus.DELIVERY_STATUS_SKIPPED,
      detail: 'no mobile number',
      phoneMasked: '',
    });

    // Intake wrote the read of the numbers to its audit, with the notice as the reason.
    const audit = await platform
      .client('intake')
      .call('listReadAudit', { caseId }, { principal: principals.administrator() });
    expect(audit.entries.map((e) => [e.what, e.why, e.reader?.subject])).toContainEqual([
      'GetPartyContacts',
      'notice:case-accepted',
      'service:notification',
    ]);
    // Nobody else gets the numbers in clear, not even an administrator.
    await expect(
      platform
        .client('intake')
        .call(
          'getPartyContacts',
          { caseId, partyIds: [], purpose: 'curious' },
          { principal: principals.administrator() },
        ),
    ).rejects.toMatchObject({ code: status.PERMISSION_DENIED });
  }));

import { status as GrpcStatus } from '@grpc/grpc-js';
import type { intakeV1 } from '@mediation/contracts';
import { PollingWorker } from '@mediation/persistence';
import type { BackgroundWorker } from '@mediation/service-kit';
import { createLogger } from '@mediation/telemetry';
import type { SmsProvider } from '../../delivery/sms/sms-provider';
import { outsideQuietHours, type QuietHours } from '../domain/quiet-hours';
import { afterAttempt, skipReason, type RetryRule } from '../domain/send-outcome';
import type { DeliveryDoc, DeliveryRepository } from '../persistence/delivery.repository';
import type { NoticeDoc, NoticeRepository } from '../persistence/notice.repository';
import type { PartyPreferencesRepository } from '../persistence/party-preferences.repository';
import type { PartyContactsPort } from '../ports/party-contacts.port';
import type { SmsTemplates } from '../templates/sms-templates';
import { noticeSentEntry } from '../events/notice-sent.event';

export interface DispatcherOptions {
  /** Where NoticeSent goes (through the deliveries' outbox). */
  eventsTopic: string;
  quietHours: QuietHours;
  retry: RetryRule;
  pollIntervalMs: number;
  /** A delivery claimed this long ago and never finished was cut off mid-send. */
  sendLeaseMs: number;
  batchSize: number;
  clock: () => Date;
}

type Contacts = intakeV1.GetPartyContactsResponse;

/** Intake answered NOT_FOUND: the case will never have contacts, unlike a passing outage. */
const caseUnknown = (err: unknown) =>
  (err as { code?: number } | null)?.code === GrpcStatus.NOT_FOUND;
const CASE_UNKNOWN = 'intake does not know the case';

/** The contacts, or undefined when intake does not know the case; other failures reject. */
async function orUnknown(contacts: Promise<Contacts>): Promise<Contacts | undefined> {
  try {
    return await contacts;
  } catch (err) {
    if (caseUnknown(err)) return undefined;
    throw err;
  }
}

/**
 * Sends what is due: hands each due notice out as one delivery per recipient (the delivery log),
 * then tries each due delivery. A delivery is claimed (SENDING) before the provider is called,
 * so a crash can leave it uncertain but never send it twice.
 */
export class Dispatcher implements BackgroundWorker {
  private readonly worker: PollingWorker;
  private readonly log = createLogger('notification:dispatcher');

  constructor(
    private readonly notices: NoticeRepository,
    private readonly deliveries: DeliveryRepository,
    private readonly preferences: PartyPreferencesRepository,
    private readonly intake: PartyContactsPort,
    private readonly sms: SmsProvider,
    private readonly templates: SmsTemplates,
    private readonly options: DispatcherOptions,
  ) {
    this.worker = new PollingWorker(() => this.pass(), {
      intervalMs: options.pollIntervalMs,
      maxBackoffMs: 60_000,
      kickDelayMs: 50,
      failureMessage: 'notification dispatch pass failed',
      log: this.log,
    });
  }

  start(): void {
    this.worker.start();
  }

  stop(): Promise<void> {
    return this.worker.stop();
  }

  /** A notice was planned: look soon rather than at the next interval. */
  kick(): void {
    this.worker.kick();
  }

  /** One pass: stranded sends, due notices, due deliveries. Exposed for tests. */
  async pass(): Promise<void> {
    const { clock, batchSize, sendLeaseMs } = this.options;
    const contacts = new Map<string, Promise<Contacts>>();
    const contactsOf = (caseId: string, purpose: string) => {
      let found = contacts.get(caseId);
      if (!found) contacts.set(caseId, (found = this.intake.contacts(caseId, [], purpose)));
      return found;
    };
    const now = clock();
    for (const d of await this.deliveries.stranded(
      new Date(now.getTime() - sendLeaseMs),
      batchSize,
    ))
      await this.deliveries.update(d, {
        status: 'UNCERTAIN',
        detail: 'the service stopped while sending; not sent again',
        finishedAt: now,
      });
    // A case intake does not know sets its notice aside; an outage fails the pass (back-off) and
    // leaves everything waiting.
    for (const notice of await this.notices.due(now, batchSize)) {
      const known = await orUnknown(contactsOf(notice.caseId, `notice:${notice.key}`));
      if (known) await this.handOut(notice, known, now);
      else await this.notices.setAside(notice._id, CASE_UNKNOWN);
    }
    for (const d of await this.deliveries.due(clock(), batchSize))
      await this.attempt(d, () => contactsOf(d.caseId, `notice:${d.key}`));
  }

  private async handOut(notice: NoticeDoc, contacts: Contacts, now: Date): Promise<void> {
    const wanted = new Set(notice.partyIds);
    for (const c of contacts.contacts.filter((x) => !wanted.size || wanted.has(x.partyId))) {
      const prefs = await this.preferences.of(notice.caseId, c.partyId);
      const skipped = skipReason(notice.reminder, prefs.remindersOff, c.mobile);
      await this.deliveries.addOnce({
        _id: `${notice._id}/${c.partyId}`,
        noticeId: notice._id,
        caseId: notice.caseId,
        orgUnitCode: notice.orgUnitCode,
        partyId: c.partyId,
        key: notice.key,
        eventType: notice.eventType,
        reminder: notice.reminder,
        params: notice.params,
        language: prefs.language,
        phoneMasked: c.mobileMasked,
        status: skipped ? 'SKIPPED' : 'PENDING',
        detail: skipped,
        attempts: 0,
        plannedAt: notice.plannedAt,
        dueAt: now,
        finishedAt: skipped ? now : null,
        providerMessageId: '',
        ...(notice.sessionId ? { sessionId: notice.sessionId } : {}),
        version: 1,
      });
    }
    await this.notices.markDone(notice._id);
  }

  private async attempt(d: DeliveryDoc, contactsOf: () => Promise<Contacts>): Promise<void> {
    const { clock, quietHours, retry } = this.options;
    const now = clock();
    const allowedAt = outsideQuietHours(now, quietHours);
    if (allowedAt > now) {
      await this.deliveries.update(d, { dueAt: allowedAt });
      return;
    }
    const known = await orUnknown(contactsOf());
    if (!known) {
      await this.deliveries.update(d, { status: 'FAILED', detail: CASE_UNKNOWN, finishedAt: now });
      return;
    }
    const prefs = await this.preferences.of(d.caseId, d.partyId);
    const contact = known.contacts.find((c) => c.partyId === d.partyId);
    const skipped = skipReason(d.reminder, prefs.remindersOff, contact?.mobile ?? '');
    if (skipped) {
      await this.deliveries.update(d, { status: 'SKIPPED', detail: skipped, finishedAt: now });
      return;
    }
    const attempt = d.attempts + 1;
    const claimed = { _id: d._id, version: d.version + 1 };
    if (
      !(await this.deliveries.update(d, {
        status: 'SENDING',
        attempts: attempt,
        dueAt: now,
        language: prefs.language,
        phoneMasked: contact!.mobileMasked,
      }))
    )
      return; // another pass got there first
    const template = this.templates.of(d.key, prefs.language);
    const result = await this.sms.send({
      phone: contact!.mobile,
      template: template.code,
      params: { ...d.params[prefs.language], caseNumber: known.caseNumber },
      reference: d._id,
    });
    const done = clock();
    const outcome = afterAttempt(result.kind, attempt, done, retry);
    const detail = result.kind === 'sent' ? '' : `${result.code}: ${result.reason}`;
    // SENT and its NoticeSent in one write: a crash after the send loses neither (one event id).
    const sent =
      outcome.status === 'SENT' ? noticeSentEntry(d, done, this.options.eventsTopic) : undefined;
    await this.deliveries.update(
      claimed,
      {
        status: outcome.status,
        detail,
        providerMessageId: result.kind === 'sent' ? result.providerMessageId : '',
        ...(outcome.retryAt
          ? { dueAt: outsideQuietHours(outcome.retryAt, quietHours) }
          : { finishedAt: done }),
      },
      sent,
    );
    if (outcome.status === 'FAILED' || outcome.status === 'UNCERTAIN')
      this.log.error(
        { deliveryId: d._id, notice: d.key, status: outcome.status, attempts: attempt, detail },
        'a text to a party was not delivered',
      );
  }
}

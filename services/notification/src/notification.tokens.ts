// Nest injection tokens of the notification service, and what tests may replace.
import type { OrgDirectory } from '@mediation/org-directory';
import type { SmsProvider } from './delivery/sms/sms-provider';
import type { InboxRepository } from './inbox/persistence/inbox.repository';
import type { CasePartiesRepository } from './notice/persistence/case-parties.repository';
import type { DeliveryRepository } from './notice/persistence/delivery.repository';
import type { NoticeRepository } from './notice/persistence/notice.repository';
import type { PartyPreferencesRepository } from './notice/persistence/party-preferences.repository';
import type { PartyContactsPort } from './notice/ports/party-contacts.port';

export const CLOCK = Symbol('CLOCK');
export const PARTY_CONTACTS = Symbol('PARTY_CONTACTS');
export const SMS_PROVIDER = Symbol('SMS_PROVIDER');
export const NOTIFICATION_DEPS = Symbol('NOTIFICATION_DEPS');

export type Clock = () => Date;

/** What the API's command and query work with. */
export interface NotificationDeps {
  cases: CasePartiesRepository;
  deliveries: DeliveryRepository;
  notices: NoticeRepository;
  preferences: PartyPreferencesRepository;
  inbox: InboxRepository;
  directory: OrgDirectory;
  clock: Clock;
}

/** What tests (and only tests) replace: the clock, intake's contacts and the SMS provider. */
export interface NotificationOverrides {
  clock?: Clock;
  contacts?: PartyContactsPort;
  sms?: SmsProvider;
}

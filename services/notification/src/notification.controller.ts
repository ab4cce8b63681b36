import type { Metadata } from '@grpc/grpc-js';
import { Controller, Inject } from '@nestjs/common';
import { notificationV1 } from '@mediation/contracts';
import { CommandPipeline } from '@mediation/service-kit';
import { markInboxRead } from './inbox/commands/mark-inbox-read/mark-inbox-read.command';
import { listInbox } from './inbox/queries/list-inbox/list-inbox.query';
import { setPartyPreferences } from './notice/commands/set-party-preferences/set-party-preferences.command';
import { listDeliveries } from './notice/queries/list-deliveries/list-deliveries.query';
import { NOTIFICATION_DEPS, type NotificationDeps } from './notification.tokens';
import { provePhone } from './phone-check/commands/prove-phone.command';
import { startPhoneCheck } from './phone-check/commands/start-phone-check.command';
import { PHONE_CHECK_DEPS, type PhoneCheckDeps } from './phone-check/phone-check.deps';

/** mediation.notification.v1.NotificationService: each RPC is one command or query. */
@Controller()
@notificationV1.NotificationServiceControllerMethods()
export class NotificationController implements notificationV1.NotificationServiceController {
  constructor(
    private readonly pipeline: CommandPipeline,
    @Inject(NOTIFICATION_DEPS) private readonly deps: NotificationDeps,
    @Inject(PHONE_CHECK_DEPS) private readonly phoneChecks: PhoneCheckDeps,
  ) {}

  setPartyPreferences(req: notificationV1.SetPartyPreferencesRequest, md: Metadata) {
    return this.pipeline.command(md, (call) => setPartyPreferences(this.deps, req, call));
  }
  listDeliveries(req: notificationV1.ListDeliveriesRequest, md: Metadata) {
    return this.pipeline.query(md, (call) => listDeliveries(this.deps, req, call));
  }
  listInbox(req: notificationV1.ListInboxRequest, md: Metadata) {
    return this.pipeline.query(md, (call) => listInbox(this.deps, req, call));
  }
  markInboxRead(req: notificationV1.MarkInboxReadRequest, md: Metadata) {
    return this.pipeline.command(md, (call) => markInboxRead(this.deps, req, call));
  }
  startPhoneCheck(req: notificationV1.StartPhoneCheckRequest, md: Metadata) {
    return this.pipeline.command(md, (call) => startPhoneCheck(this.phoneChecks, req, call));
  }
  provePhone(req: notificationV1.ProvePhoneRequest, md: Metadata) {
    return this.pipeline.command(md, (call) => provePhone(this.phoneChecks, req, call));
  }
}

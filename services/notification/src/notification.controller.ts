import type { Metadata } from '@grpc/grpc-js';
import { Controller, Inject } from '@nestjs/common';
import { notificationV1 } from '@mediation/contracts';
import { CommandPipeline } from '@mediation/service-kit';
import { setPartyPreferences } from './notice/commands/set-party-preferences/set-party-preferences.command';
import { listDeliveries } from './notice/queries/list-deliveries/list-deliveries.query';
import { NOTIFICATION_DEPS, type NotificationDeps } from './notification.tokens';

/** mediation.notification.v1.NotificationService: each RPC is one command or query. */
@Controller()
@notificationV1.NotificationServiceControllerMethods()
export class NotificationController implements notificationV1.NotificationServiceController {
  constructor(
    private readonly pipeline: CommandPipeline,
    @Inject(NOTIFICATION_DEPS) private readonly deps: NotificationDeps,
  ) {}

  setPartyPreferences(req: notificationV1.SetPartyPreferencesRequest, md: Metadata) {
    return this.pipeline.command(md, (call) => setPartyPreferences(this.deps, req, call));
  }
  listDeliveries(req: notificationV1.ListDeliveriesRequest, md: Metadata) {
    return this.pipeline.query(md, (call) => listDeliveries(this.deps, req, call));
  }
}

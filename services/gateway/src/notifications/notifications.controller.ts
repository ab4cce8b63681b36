import { Body, Controller, Get, Inject, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, Roles } from '../auth/auth.decorators';
import { caseParams } from '../cases/cases.schemas';
import type { CallContext } from '../grpc/call-context';
import { toApiJson } from '../grpc/api-json';
import { Backends } from '../grpc/backends';
import { ZodBody } from '../openapi/zod-openapi';
import { parseInput } from '../validation/parse-input';
import {
  NOTIFICATION_RESPONSE_SCHEMAS,
  partyParams,
  partyPreferencesBody,
} from './notifications.schemas';

/**
 * The texts sent to a case's parties and their wishes (NotificationService), for the staff who
 * handle the case; the service checks the case's scope.
 */
@ApiTags('notifications')
@ApiBearerAuth()
@Roles('MEDIATOR', 'COMMITTEE_ADMIN', 'ADMINISTRATOR')
@Controller('api/v1/cases')
export class NotificationsController {
  constructor(@Inject(Backends) private readonly backends: Backends) {}

  @Get(':caseId/notifications')
  @ApiOperation({ summary: 'The delivery log: what was texted to which party, newest first' })
  @ApiOkResponse({ schema: NOTIFICATION_RESPONSE_SCHEMAS.deliveries })
  async deliveries(@Caller() caller: CallContext, @Param() params: unknown) {
    const { caseId } = parseInput(caseParams, params);
    return toApiJson(await this.backends.notification.call('listDeliveries', { caseId }, caller));
  }

  @Put(':caseId/parties/:partyId/notification-preferences')
  @ApiOperation({ summary: "A party's wishes: reminders off, the texts' language" })
  @ZodBody(partyPreferencesBody)
  @ApiOkResponse({ schema: NOTIFICATION_RESPONSE_SCHEMAS.preferences })
  async setPreferences(
    @Caller() caller: CallContext,
    @Param() params: unknown,
    @Body() body: unknown,
  ) {
    const { caseId, partyId } = parseInput(partyParams, params);
    const input = parseInput(partyPreferencesBody, body);
    const out = await this.backends.notification.call(
      'setPartyPreferences',
      { caseId, partyId, ...input },
      caller,
    );
    return toApiJson(out);
  }
}

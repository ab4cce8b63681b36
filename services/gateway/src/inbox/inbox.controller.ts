import { Body, Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OrgDirectory } from '@mediation/org-directory';
import { Caller, Roles } from '../auth/auth.decorators';
import { OrgNames } from '../cases/org-names';
import { toApiJson } from '../grpc/api-json';
import { Backends } from '../grpc/backends';
import type { CallContext } from '../grpc/call-context';
import { ZodBody, ZodQuery } from '../openapi/zod-openapi';
import { pageRequest } from '../validation/common.schemas';
import { parseInput } from '../validation/parse-input';
import { INBOX_RESPONSE_SCHEMAS, inboxQuery, markReadBody } from './inbox.schemas';

type InboxItemJson = Record<string, unknown> & { committeeCode?: string };

/**
 * The staff inbox (NotificationService): what the parties did in their app on the cases of the
 * caller's scope; the service applies the scope and keeps the read marks per user.
 */
@ApiTags('inbox')
@ApiBearerAuth()
@Roles('VOLUNTEER', 'MEDIATOR', 'COMMITTEE_ADMIN', 'ADMINISTRATOR')
@Controller('api/v1/inbox')
export class InboxController {
  private readonly names: OrgNames;

  constructor(
    @Inject(Backends) private readonly backends: Backends,
    @Inject(OrgDirectory) directory: OrgDirectory,
  ) {
    this.names = new OrgNames(directory);
  }

  @Get()
  @ApiOperation({
    summary: 'The inbox: newest first, unread only on request, with the unread count',
  })
  @ZodQuery(inboxQuery)
  @ApiOkResponse({ schema: INBOX_RESPONSE_SCHEMAS.list })
  async list(@Caller() caller: CallContext, @Query() query: unknown) {
    const q = parseInput(inboxQuery, query);
    const out = toApiJson(
      await this.backends.notification.call(
        'listInbox',
        { unreadOnly: q.unread, page: pageRequest(q) },
        caller,
      ),
    ) as { items?: InboxItemJson[] };
    return {
      ...out,
      items: (out.items ?? []).map((i) => {
        const committeeName = i.committeeCode ? this.names.committee(i.committeeCode) : undefined;
        return committeeName ? { ...i, committeeName } : i;
      }),
    };
  }

  @Post('read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Marks inbox items read by the caller (others’ marks are their own)' })
  @ZodBody(markReadBody)
  @ApiOkResponse({ schema: INBOX_RESPONSE_SCHEMAS.read })
  async markRead(@Caller() caller: CallContext, @Body() body: unknown) {
    const { itemIds } = parseInput(markReadBody, body);
    return toApiJson(await this.backends.notification.call('markInboxRead', { itemIds }, caller));
  }
}

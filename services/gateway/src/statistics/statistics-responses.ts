import { z } from '@mediation/config';
import { jsonSchema } from '../openapi/zod-openapi';

// The JSON of the statistics reads (the proto3 mapping of statistics/v1 figures.proto), for the
// OpenAPI document. Only the figures the dashboard reads are spelled out; the rest are the
// contract's Figures message.

const count = z.number().int();
const rate = z.number().describe('0..1');

const figures = z
  .object({
    opened: count,
    accepted: count,
    closed: count,
    openBacklog: count,
    consentsOnline: count.describe('consents the parties gave themselves in the parties’ app'),
    refusalsOnline: count,
    agreementSignaturesOnline: count.describe('agreement signatures given in the parties’ app'),
    remindersSent: count.describe('reminders texted (session, instalment, deadline)'),
    sessionsHeld: count,
    sessionAttendances: count.describe('parties who attended a session'),
    sessionNoShows: count.describe('parties who did not show'),
    remindedAttendances: count.describe('of the attendances: reminded of the session before it'),
    remindedNoShows: count.describe('of the no-shows: reminded of the session before it'),
    noShowRateReminded: rate.describe('remindedNoShows / (remindedAttendances + remindedNoShows)'),
    noShowRateNotReminded: rate.describe('the same of the parties not reminded'),
    remindersByNotice: z
      .record(z.string(), count)
      .describe('remindersSent by notice template, e.g. {"session-tomorrow": 3}'),
  })
  .describe('Figures (more fields as in the contract)');

const orgUnit = z.object({ code: z.string(), level: z.string(), name: z.string().optional() });
const period = z.object({ granularity: z.string(), key: z.string() });
const breakdown = z.object({
  dimension: z.string(),
  rows: z.array(z.object({ key: z.string(), figures })),
});

export const STATISTICS_RESPONSE_SCHEMAS = {
  summary: jsonSchema(
    z.object({
      orgUnit,
      period,
      total: figures,
      breakdowns: z.array(breakdown),
      asOf: z.string().describe('RFC 3339').nullable(),
    }),
  ),
  drilldown: jsonSchema(
    z.object({
      orgUnit,
      period,
      total: figures,
      children: z.array(z.object({ orgUnit, name: z.string(), figures })),
      asOf: z.string().describe('RFC 3339').nullable(),
    }),
  ),
  timeSeries: jsonSchema(z.object({ orgUnit, points: z.array(z.object({ period, figures })) })),
} as const;

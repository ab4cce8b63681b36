import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { MEDIATION_COMMANDS } from '../mediation/mediation-commands';
import { REFERRAL_COMMANDS } from '../referrals/referral.schemas';
import { problemType } from '../problems/problem';
import type { CommandTable } from '../validation/command-table';
import { jsonSchema } from './zod-openapi';

const problemSchema = {
  type: 'object',
  description: `RFC 9457 problem details (application/problem+json); type is ${problemType('<slug>')}`,
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    requestId: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        properties: { field: { type: 'string' }, description: { type: 'string' } },
      },
    },
  },
};

/** Adds one documented POST per command of a table (the routes share one handler). */
function addCommands(
  doc: OpenAPIObject,
  base: string,
  param: string,
  tag: string,
  table: CommandTable,
) {
  for (const [action, command] of Object.entries(table)) {
    doc.paths[`${base}/{${param}}/${action}`] = {
      post: {
        tags: [tag],
        summary: command.summary,
        operationId: `${tag}_${command.rpc}`,
        security: [{ bearer: [] }],
        parameters: [{ name: param, in: 'path', required: true, schema: { type: 'string' } }],
        requestBody: {
          required: true,
          content: { 'application/json': { schema: jsonSchema(command.body) as object } },
        },
        responses: {
          '200': { description: 'The new state' },
          '400': {
            description: 'Invalid input',
            content: {
              'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
            },
          },
          '409': { description: 'Stale expectedVersion or a step the state does not allow' },
        },
      },
    };
  }
}

/** The OpenAPI document at /api/docs (UI) and /api/docs/openapi.json. */
export function setupOpenApi(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('People’s mediation platform API')
    .setDescription(
      'HTTP/JSON over the platform’s gRPC services. JSON follows the proto3 mapping: enum names, ' +
        'int64 as strings, RFC 3339 timestamps. Every error is application/problem+json.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .build();
  const doc = SwaggerModule.createDocument(app, config);
  doc.components = {
    ...doc.components,
    schemas: { ...doc.components?.schemas, Problem: problemSchema },
  };
  addCommands(doc, '/api/v1/mediations', 'mediationId', 'mediations', MEDIATION_COMMANDS);
  addCommands(doc, '/api/v1/referrals', 'referralId', 'referrals', REFERRAL_COMMANDS);
  SwaggerModule.setup('api/docs', app, doc, {
    jsonDocumentUrl: 'api/docs/openapi.json',
    yamlDocumentUrl: 'api/docs/openapi.yaml',
  });
  return doc;
}

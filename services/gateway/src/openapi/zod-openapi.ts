import { ApiBody, ApiQuery } from '@nestjs/swagger';
import { z } from '@mediation/config';

/** The request's JSON Schema for the OpenAPI document, from the same zod schema that validates it. */
export function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  try {
    const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
      io: 'input',
      unrepresentable: 'any',
    }) as Record<string, unknown>;
    return rest;
  } catch {
    return { type: 'object' };
  }
}

export const ZodBody = (schema: z.ZodType) => ApiBody({ schema: jsonSchema(schema) as object });

/** One documented query parameter per property of an object schema. */
export function ZodQuery(schema: z.ZodObject): MethodDecorator {
  const decorators = Object.keys(schema.shape).map((name) =>
    ApiQuery({
      name,
      required: false,
      schema: jsonSchema(schema.shape[name] as z.ZodType) as object,
    }),
  );
  return (target, key, descriptor) => {
    for (const d of decorators) d(target, key, descriptor);
  };
}

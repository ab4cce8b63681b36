import { z } from '@mediation/config';
import { commonV1 } from '@mediation/contracts';
import { isoToTimestamp } from '../grpc/api-json';

/**
 * The names of a generated enum without its *_UNSPECIFIED and UNRECOGNIZED members: what the
 * API accepts (proto3 JSON enum names; protobufjs encodes them).
 */
export function enumNames<E extends Record<string, string | number>>(
  enumObject: E,
): [string, ...string[]] {
  const names = Object.keys(enumObject).filter(
    (k) => isNaN(Number(k)) && !k.endsWith('_UNSPECIFIED') && k !== 'UNRECOGNIZED',
  );
  return names as [string, ...string[]];
}

export const protoEnum = <E extends Record<string, string | number>>(e: E) => z.enum(enumNames(e));

/** Ids chosen by the services (UUIDs) or the directory (codes): a bounded, safe alphabet. */
export const id = z.string().regex(/^[\w.-]{1,128}$/, 'expected an id');
export const orgUnitCode = z.string().regex(/^\d{6,12}(P\d{2})?$/, 'expected an org unit code');

/** int64 as a decimal string or a safe integer (proto3 JSON accepts both). */
export const int64 = z
  .union([
    z.string().regex(/^\d{1,18}$/, 'expected a non-negative integer'),
    z.number().int().nonnegative(),
  ])
  .transform((v) => String(v));
export const expectedVersion = int64;

/** RFC 3339 date-time -> google.protobuf.Timestamp. */
export const timestamp = z.iso.datetime({ offset: true }).transform(isoToTimestamp);

export const money = z.strictObject({
  currencyCode: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .default('CNY'),
  amountFen: int64,
});

export const text = (max: number) => z.string().trim().max(max);
export const requiredText = (max: number) => z.string().trim().min(1, 'required').max(max);

export const pageQuery = {
  pageSize: z.coerce.number().int().min(1).max(500).optional(),
  pageToken: z.string().max(512).optional(),
};
export const pageRequest = (q: { pageSize?: number; pageToken?: string }) => ({
  pageSize: q.pageSize ?? 0,
  pageToken: q.pageToken ?? '',
});

/** A comma-separated list of enum names in a query string. */
export const enumList = <E extends Record<string, string | number>>(e: E) =>
  z
    .string()
    .optional()
    .transform((s) =>
      s
        ? s
            .split(',')
            .map((x) => x.trim())
            .filter(Boolean)
        : [],
    )
    .pipe(z.array(z.enum(enumNames(e))));

export const risk = z.strictObject({
  level: protoEnum(commonV1.RiskLevel),
  factors: z.array(protoEnum(commonV1.RiskFactor)).max(10).default([]),
  note: text(2000).default(''),
});

export const remedies = z.array(protoEnum(commonV1.Remedy)).max(4);

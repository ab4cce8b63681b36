import {
  enumName,
  fromTimestamp,
  isKnownEnumValue,
  type commonV1,
  type NumericEnum,
  type Timestamp,
} from '@mediation/contracts';
import { InvalidInputError, type Money } from '../domain';

export const dateOf = (t: Timestamp | null | undefined): Date | null =>
  t && (Number(t.seconds) !== 0 || t.nanos !== 0) ? fromTimestamp(t) : null;

export function requiredDate(t: Timestamp | null | undefined, field: string): Date {
  const d = dateOf(t);
  if (!d) throw new InvalidInputError(field, 'is required');
  return d;
}

/** A declared, non-UNSPECIFIED enum value, or INVALID_ARGUMENT naming the field. */
export function requireEnum(e: NumericEnum, value: number, field: string): number {
  if (!isKnownEnumValue(e, value)) throw new InvalidInputError(field, 'unknown or unset value');
  return value;
}

/** Optional enum: 0 passes, anything undeclared is refused. */
export function optionalEnum(e: NumericEnum, value: number, field: string): number {
  if (!isKnownEnumValue(e, value, { allowUnspecified: true }))
    throw new InvalidInputError(field, 'unknown value');
  return value;
}

/** A contract enum number as the domain's name (prefix stripped), required. */
export function domainEnum<T extends string>(
  e: NumericEnum,
  prefix: string,
  value: number,
  field: string,
): T {
  const name = enumName<T>(e, prefix, value);
  if (!name) throw new InvalidInputError(field, 'unknown or unset value');
  return name;
}

export const moneyOf = (m: commonV1.Money | null | undefined): Money | null =>
  m ? { currencyCode: m.currencyCode || 'CNY', amountFen: m.amountFen || '0' } : null;

// With enums: Number, a value the server does not know (a newer client, a typo) arrives as its
// bare number: validate every enum field with isKnownEnumValue before use.
//
// Domain code names enum values without the enum's prefix (MEDIATION_STATUS_AGREED is "AGREED"
// in a mediation document); `prefix` below is that prefix with its underscore ("MEDIATION_STATUS_").

/** A generated ts-proto enum object: names to numbers and numbers back to names. */
export type NumericEnum = Record<string, string | number>;

/**
 * True for a declared value other than ts-proto's UNRECOGNIZED (-1) and, unless allowed, the
 * *_UNSPECIFIED zero value.
 */
export function isKnownEnumValue(
  enumObject: NumericEnum,
  value: unknown,
  options: { allowUnspecified?: boolean } = {},
): boolean {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) return false;
  if (value === 0 && !options.allowUnspecified) return false;
  return typeof enumObject[value] === 'string';
}

/** The value's name ("DISPUTE_CATEGORY_NEIGHBOUR"), or undefined when it is not declared. */
export function enumValueName(enumObject: NumericEnum, value: number): string | undefined {
  const name = enumObject[value];
  return typeof name === 'string' && value >= 0 ? name : undefined;
}

/** The domain's name of a value ("AGREED"); undefined for UNSPECIFIED and undeclared values. */
export function enumName<T extends string>(
  enumObject: NumericEnum,
  prefix: string,
  value: number,
): T | undefined {
  const name = enumObject[value];
  if (typeof name !== 'string' || value <= 0 || !name.startsWith(prefix)) return undefined;
  return name.slice(prefix.length) as T;
}

/** The contract's number of a domain name; 0 (UNSPECIFIED) for null and names it lacks. */
export function enumNumber(enumObject: NumericEnum, prefix: string, name: string | null): number {
  if (name === null) return 0;
  const value = enumObject[`${prefix}${name}`];
  return typeof value === 'number' ? value : 0;
}

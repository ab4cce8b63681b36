// With enums: Number, a value the server does not know (a newer client, a typo) arrives as its
// bare number: validate every enum field with isKnownEnumValue before use.

type NumericEnum = Record<string, string | number>;

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

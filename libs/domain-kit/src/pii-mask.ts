// Masks shown to callers who may not read parties' details (volunteers, for instance), and
// wherever a service shows or publishes a party's detail that only its holder may read in full.

const stars = (n: number) => '*'.repeat(Math.max(0, n));

/** "210202199001011234" -> "2102**********1234". */
export function maskIdNumber(value: string): string {
  if (value.length <= 4) return stars(value.length);
  if (value.length <= 8) return stars(value.length - 2) + value.slice(-2);
  return value.slice(0, 4) + stars(value.length - 8) + value.slice(-4);
}

/** "13812345678" -> "138****5678"; "0411-82345678" -> "0411-****5678". */
export function maskPhone(value: string): string {
  const dash = value.indexOf('-');
  if (dash > 0) return value.slice(0, dash + 1) + maskPhone(value.slice(dash + 1));
  if (value.length <= 4) return stars(value.length);
  if (value.length < 11) return stars(value.length - 4) + value.slice(-4);
  return value.slice(0, 3) + stars(value.length - 7) + value.slice(-4);
}

/** Persons: "张三丰" -> "张**"; organisations keep their registered name. */
export function maskPersonName(value: string): string {
  const chars = [...value];
  return chars.length <= 1 ? value : chars[0] + stars(chars.length - 1);
}

/** Down to the street only: the first 8 characters, then a fixed mark. */
export function maskAddress(value: string): string {
  const chars = [...value];
  return chars.length <= 8 ? stars(chars.length) : chars.slice(0, 8).join('') + '****';
}

import type { OrgDirectory } from '@mediation/org-directory';

/**
 * The units a figure of `code` counts in: itself and every ancestor up to the city. A code the
 * directory does not know still counts city-wide (the city's totals stay complete) and under
 * itself, so it can be found and corrected.
 */
export function orgChain(directory: OrgDirectory): (code: string) => readonly string[] {
  const cache = new Map<string, readonly string[]>();
  return (code) => {
    let chain = cache.get(code);
    if (!chain) {
      chain = directory.has(code)
        ? [code, ...directory.ancestors(code).map((u) => u.code)]
        : code
          ? [code, directory.city.code]
          : [directory.city.code];
      cache.set(code, chain);
    }
    return chain;
  };
}

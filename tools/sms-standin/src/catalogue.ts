import { readFile } from 'node:fs/promises';

/** One registered template: `text` holds `${name}` variables, as Alibaba's templates do. */
export interface CatalogueTemplate {
  code: string;
  text: string;
}

const VARIABLE = /\$\{([A-Za-z0-9_]+)\}/g;

/**
 * Reads `{"templates":[{"code","key","language","text"}]}` (the notification service's
 * sms-templates.json); only code and text matter here.
 */
export async function loadCatalogue(file: string): Promise<Map<string, CatalogueTemplate>> {
  const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
  const templates = (parsed as { templates?: unknown } | null)?.templates;
  if (!Array.isArray(templates)) throw new Error(`${file}: expected {"templates": [...]}`);
  const catalogue = new Map<string, CatalogueTemplate>();
  templates.forEach((entry: unknown, index) => {
    const { code, text } = (entry ?? {}) as { code?: unknown; text?: unknown };
    if (typeof code !== 'string' || code === '' || typeof text !== 'string')
      throw new Error(`${file}: templates[${index}] needs a string code and text`);
    if (catalogue.has(code)) throw new Error(`${file}: template code ${code} appears twice`);
    catalogue.set(code, { code, text });
  });
  return catalogue;
}

export function templateVariables(text: string): string[] {
  return [...new Set([...text.matchAll(VARIABLE)].map((match) => match[1] as string))];
}

export function renderTemplate(text: string, params: Readonly<Record<string, string>>): string {
  return text.replace(VARIABLE, (_whole, name: string) => params[name] ?? '');
}

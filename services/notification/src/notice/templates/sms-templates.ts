import catalogue from './sms-templates.json';
import { TEXT_KEYS, type Language, type TextKey } from '../domain/notice.types';

export interface SmsTemplate {
  code: string;
  key: TextKey;
  language: Language;
  text: string;
}

const VARIABLE = /\$\{(\w+)\}/g;

/** The variables a template's text uses. */
export const variablesOf = (text: string): string[] =>
  [...text.matchAll(VARIABLE)].map((m) => m[1]!);

/** Fills a template as the provider would (for the delivery log's tests and the stand-in). */
export const render = (text: string, params: Readonly<Record<string, string>>): string =>
  text.replace(VARIABLE, (_, name: string) => params[name] ?? '');

/**
 * The registered templates (sms-templates.json), checked when the service starts: one per text
 * and language, so that nothing can be planned that cannot be sent.
 */
export class SmsTemplates {
  private readonly byKey = new Map<string, SmsTemplate>();

  constructor(templates: readonly SmsTemplate[] = catalogue.templates as SmsTemplate[]) {
    for (const t of templates) this.byKey.set(`${t.key}/${t.language}`, t);
    for (const key of TEXT_KEYS)
      for (const language of ['zh', 'en'] as const)
        if (!this.byKey.has(`${key}/${language}`))
          throw new Error(`no SMS template for ${key} in ${language}`);
  }

  of(key: TextKey, language: Language): SmsTemplate {
    return this.byKey.get(`${key}/${language}`)!;
  }
}

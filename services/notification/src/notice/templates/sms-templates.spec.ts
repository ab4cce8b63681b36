import { NOTICE_KEYS } from '../domain/notice.types';
import { render, SmsTemplates, variablesOf } from './sms-templates';

describe('SmsTemplates', () => {
  const templates = new SmsTemplates();

  it('has a template in both languages for every notice, with the same variables', () => {
    for (const key of NOTICE_KEYS) {
      const zh = variablesOf(templates.of(key, 'zh').text).sort();
      const en = variablesOf(templates.of(key, 'en').text).sort();
      expect({ key, vars: en }).toEqual({ key, vars: zh });
      expect(zh).toContain('caseNumber');
    }
  });

  it('has the phone code in both languages, and nothing else in it', () => {
    for (const language of ['zh', 'en'] as const)
      expect(variablesOf(templates.of('phone-code', language).text).sort()).toEqual([
        'code',
        'minutes',
      ]);
  });

  it('refuses a catalogue that misses one', () => {
    expect(() => new SmsTemplates([])).toThrow(/no SMS template for application-received/);
  });

  it('fills the variables', () => {
    expect(render('案号${caseNumber}，${time}', { caseNumber: 'A-1', time: '9:00' })).toBe(
      '案号A-1，9:00',
    );
  });
});

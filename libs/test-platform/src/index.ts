export { Platform, readTexts, type SentText } from './platform';
export { codeIn, codeTextsTo, resendWaitMs } from './phone-codes';
export type { PlatformOptions } from './platform';
export * from './run-env';

export { Platform, readTexts, type SentText } from './platform';
export type { PlatformOptions } from './platform';
export * from './run-env';

export { Platform } from '@mediation/test-platform';

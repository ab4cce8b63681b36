export { Platform } from './platform';

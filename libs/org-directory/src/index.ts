export { OrgDirectory } from './org-directory';
export { orgDirectory, loadOrgDirectory } from './org-directory.singleton';
export {
  DEFAULT_DATA_FILE,
  SUPPORTED_SCHEMA_VERSION,
  loadOrgDirectoryData,
  validateOrgDirectoryData,
} from './org-directory.loader';
export * from './org-directory.errors';
export * from './org-directory.types';

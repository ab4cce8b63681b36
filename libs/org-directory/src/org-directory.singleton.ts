// One directory per process: the data file is read and indexed on first use, then shared.
import { OrgDirectory } from './org-directory';
import { DEFAULT_DATA_FILE, loadOrgDirectoryData } from './org-directory.loader';

let shared: OrgDirectory | undefined;

/** The shared directory built from the packaged data file (loaded lazily, once). */
export function orgDirectory(): OrgDirectory {
  shared ??= new OrgDirectory(loadOrgDirectoryData(DEFAULT_DATA_FILE));
  return shared;
}

/** A fresh, unshared directory from a data file (another version, a test fixture). */
export function loadOrgDirectory(file: string = DEFAULT_DATA_FILE): OrgDirectory {
  return new OrgDirectory(loadOrgDirectoryData(file));
}

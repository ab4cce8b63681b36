import { execFileSync } from 'node:child_process';
import path from 'node:path';

const script = path.join(__dirname, '../../../deploy/local/stack.sh');

/**
 * Drives the local stack from a test, e.g. `stackCommand('stop', 'kafka')` to show that nothing
 * is lost while the broker is away.
 */
export function stackCommand(...args: string[]): void {
  execFileSync('bash', [script, ...args], { stdio: 'inherit' });
}

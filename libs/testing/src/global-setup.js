// Jest global setup for integration tests: make sure the real Kafka broker and the
// MongoDB-wire server (FerretDB) are running, starting them with the project's own script if
// needed. Plain JavaScript so it runs before any transform is configured.
const { execFileSync } = require('node:child_process');
const path = require('node:path');

module.exports = async function globalSetup() {
  if (process.env.STACK_EXTERNAL === '1') return; // servers are managed elsewhere (e.g. compose)
  const script = path.join(__dirname, '../../../deploy/local/stack.sh');
  execFileSync('bash', [script, 'ensure'], { stdio: 'inherit' });
};

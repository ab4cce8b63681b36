import { startSmsStandIn } from './sms-standin';

// `node tools/sms-standin/dist/main.js`: the LOCAL STAND-IN for Alibaba Cloud SMS (not the
// provider), configured from the environment; see README.md.

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required (see tools/sms-standin/README.md)`);
  return value;
}

async function main(): Promise<void> {
  const env = process.env;
  const port = Number(env['SMS_STANDIN_PORT'] ?? '9390');
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`SMS_STANDIN_PORT is not a port: ${env['SMS_STANDIN_PORT']}`);
  const accessKeyId = env['SMS_STANDIN_ACCESS_KEY_ID'] || 'mediation-dev';
  const standIn = await startSmsStandIn({
    port,
    host: env['SMS_STANDIN_HOST'] || '127.0.0.1',
    accessKeys: { [accessKeyId]: env['SMS_STANDIN_ACCESS_KEY_SECRET'] || 'mediation-dev-secret' },
    signNames: [env['SMS_STANDIN_SIGN_NAME'] || '大连调解'],
    templatesFile: required('SMS_STANDIN_TEMPLATES'),
    logFile: required('SMS_STANDIN_LOG'),
  });
  console.log(
    `SMS stand-in (not Alibaba Cloud) listening on ${standIn.url}, writing to ${env['SMS_STANDIN_LOG']}`,
  );
  const stop = (): void => {
    standIn.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});

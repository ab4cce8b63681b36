import { userInfo } from 'node:os';
import { connectMongo, MongoParkedStore } from '@mediation/persistence';
import { createLogger } from '@mediation/telemetry';
import { parseInvocation, runCommand, USAGE, UsageError } from './parked-command';

// `npm run parked -- list|retry <aggregate>|skip <aggregate> --reason "..." [--service S]`
// Lists, releases and skips the messages a service's consumers parked (docs/runbook.md,
// "Parked events"), in the service's own database.

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.length === 0) return void console.log(USAGE);
  const env = { USER: userInfo().username, ...process.env };
  const { command, mongoUrl, database } = parseInvocation(args, env);
  const logger = createLogger('parked', { level: 'warn' });
  const connection = await connectMongo({ url: mongoUrl, dbName: database, attempts: 1, logger });
  try {
    for (const line of await runCommand(command, new MongoParkedStore(connection)))
      console.log(line);
  } finally {
    await connection.close();
  }
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) console.error(`${error.message}\n\n${USAGE}`);
  else console.error(error);
  process.exitCode = 1;
});

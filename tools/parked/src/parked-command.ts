import { parseArgs } from 'node:util';
import {
  firstOfEachAggregate,
  type AggregateSelector,
  type ParkedMessage,
  type ParkedStore,
} from '@mediation/event-bus';

export const SERVICES = ['intake', 'mediation', 'referral', 'statistics'] as const;

export const USAGE = `usage: npm run parked -- <command> [options]
  list                         parked aggregates, their messages and errors
  list --skipped               messages skipped so far, with who, when and why
  retry <aggregate>            release it: its consumer applies its messages in order on the
                               next pass (within 30 s), or parks it again if the first one fails
  skip <aggregate> --reason "..."
                               drop its first parked message for good (recorded), release the rest
options:
  --service intake|mediation|referral|statistics
                               the service's database (default: MONGO_DB)
  --group <consumer group>     only this consumer group (default: every group of the database)
  --by <name>                  who acts, recorded with retry and skip (default: $USER)
MONGO_URL (default mongodb://127.0.0.1:27017) and MONGO_DB as the service is run with.
<aggregate> is "<aggregate type>/<id>" as list shows it.`;

export type Command =
  | { kind: 'list'; skipped: boolean; group?: string }
  | { kind: 'retry'; selector: AggregateSelector; by: string }
  | { kind: 'skip'; selector: AggregateSelector; by: string; reason: string };

export interface Invocation {
  command: Command;
  mongoUrl: string;
  database: string;
}

export class UsageError extends Error {}

/** Reads the command line and the environment the services use for their database. */
export function parseInvocation(argv: string[], env: NodeJS.ProcessEnv): Invocation {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      service: { type: 'string' },
      group: { type: 'string' },
      by: { type: 'string' },
      reason: { type: 'string' },
      skipped: { type: 'boolean', default: false },
    },
  });
  const [verb, aggregate, ...extra] = positionals;
  if (extra.length) throw new UsageError(`unexpected arguments: ${extra.join(' ')}`);
  if (values.service && !(SERVICES as readonly string[]).includes(values.service))
    throw new UsageError(`--service must be one of ${SERVICES.join(', ')}`);
  const database = values.service ?? env.MONGO_DB;
  if (!database) throw new UsageError('which service? give --service or set MONGO_DB');
  const by = values.by ?? env.USER ?? 'unknown';
  const group = values.group;

  let command: Command;
  if (verb === 'list') {
    if (aggregate) throw new UsageError('list takes no aggregate');
    command = { kind: 'list', skipped: values.skipped ?? false, group };
  } else if (verb === 'retry' || verb === 'skip') {
    if (!aggregate) throw new UsageError(`${verb} needs the aggregate, as list shows it`);
    const selector = { aggregate, group };
    if (verb === 'retry') command = { kind: 'retry', selector, by };
    else {
      const reason = values.reason?.trim();
      if (!reason) throw new UsageError('skip needs --reason "why this message may be dropped"');
      command = { kind: 'skip', selector, by, reason };
    }
  } else {
    throw new UsageError(verb ? `unknown command "${verb}"` : 'no command given');
  }
  return { command, mongoUrl: env.MONGO_URL ?? 'mongodb://127.0.0.1:27017', database };
}

/** Carries out a command against a service's parked store; returns what to print. */
export async function runCommand(
  command: Command,
  store: ParkedStore,
  now = () => new Date(),
): Promise<string[]> {
  switch (command.kind) {
    case 'list': {
      if (command.skipped) {
        const skipped = await store.skipped(command.group);
        if (!skipped.length) return ['nothing skipped'];
        return skipped.map(
          (m) =>
            `${m.group}  ${m.aggregate}  #${m.sequence} ${m.eventType || '(undecodable)'}  ` +
            `skipped by ${m.skipped.by} at ${m.skipped.at.toISOString()}: ${m.skipped.reason}`,
        );
      }
      return describeParked(await store.list(command.group));
    }
    case 'retry': {
      const released = await store.release(command.selector, command.by);
      if (!released) throw new UsageError(`nothing parked for ${describe(command.selector)}`);
      return [
        `released ${describe(command.selector)}: ${released} message(s); its consumer retries ` +
          'them in order on its next pass (list again to see the result)',
      ];
    }
    case 'skip': {
      const skipped = await store.skip(command.selector, {
        by: command.by,
        reason: command.reason,
        at: now(),
      });
      if (!skipped.length) throw new UsageError(`nothing parked for ${describe(command.selector)}`);
      return skipped.map(
        (m) =>
          `skipped ${m.group}  ${m.aggregate}  #${m.sequence} ${m.eventType || '(undecodable)'}; ` +
          'the messages behind it are released',
      );
    }
  }
}

/** One block per aggregate: what failed first and why, then what waits behind it. */
export function describeParked(parked: ParkedMessage[]): string[] {
  if (!parked.length) return ['nothing parked'];
  const lines: string[] = [];
  for (const head of firstOfEachAggregate(parked)) {
    const messages = parked.filter((m) => m.group === head.group && m.aggregate === head.aggregate);
    const released = head.released
      ? `, released by ${head.released.by} at ${head.released.at.toISOString()}`
      : '';
    lines.push(
      `${head.group}  ${head.aggregate}  ${messages.length} message(s) parked since ` +
        `${head.parkedAt.toISOString()}${released}`,
    );
    for (const m of messages) {
      const why =
        m.cause === 'failed'
          ? `failed after ${m.attempts} attempt(s): ${m.errorClass}: ${m.error}`
          : 'waiting';
      lines.push(
        `  #${m.sequence} ${m.eventType || '(undecodable)'}  ${why}  ` +
          `(${m.raw.topic} partition ${m.raw.partition} offset ${m.raw.offset})`,
      );
    }
  }
  return lines;
}

const describe = ({ aggregate, group }: AggregateSelector) =>
  group ? `${aggregate} in group ${group}` : aggregate;

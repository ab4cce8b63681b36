import { kafkaEnv, loadConfig, z } from '@mediation/config';
import { createKafka, ensureTopics } from '@mediation/event-bus';
import { orgDirectory } from '@mediation/org-directory';
import { topicPlan } from './topic-plan';

// One-shot platform bootstrap (locally from tools/start.sh, on Kubernetes as a Helm hook Job):
// checks the org directory data and creates or grows the Kafka topics. Safe to run again.
const config = loadConfig(
  kafkaEnv.extend({ KAFKA_REPLICATION_FACTOR: z.coerce.number().int().min(1).default(1) }),
);

async function main(): Promise<void> {
  const counts = orgDirectory().counts();
  console.log(`org directory: ${JSON.stringify(counts)}`);
  const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: 'bootstrap' });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const plan = topicPlan(process.env, config.KAFKA_REPLICATION_FACTOR);
    await ensureTopics(admin, plan);
    for (const t of plan)
      console.log(`topic ${t.topic}: ${t.partitions} partitions (+ dead-letter topic)`);
  } finally {
    await admin.disconnect();
  }
}

main().catch((error) => {
  console.error(`bootstrap failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

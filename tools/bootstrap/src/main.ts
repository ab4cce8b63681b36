import { flag, kafkaEnv, loadConfig, z } from '@mediation/config';
import { TOPIC_ACCESS } from '@mediation/contracts';
import { applyTopicAcls, createKafka, ensureTopics, kafkaSecurity } from '@mediation/event-bus';
import { orgDirectory } from '@mediation/org-directory';
import { topicPlan } from './topic-plan';

// One-shot platform bootstrap (locally from tools/start.sh, on Kubernetes as a Helm hook Job):
// checks the org directory data and creates or grows the Kafka topics, and with KAFKA_ACLS grants
// each component exactly its topics (TOPIC_ACCESS; needs a user allowed to alter the cluster's
// ACLs). Safe to run again.
const config = loadConfig(
  kafkaEnv.extend({
    KAFKA_REPLICATION_FACTOR: z.coerce.number().int().min(1).default(1),
    KAFKA_ACLS: flag,
  }),
);

async function main(): Promise<void> {
  const counts = orgDirectory().counts();
  console.log(`org directory: ${JSON.stringify(counts)}`);
  const kafka = createKafka({
    brokers: config.KAFKA_BROKERS,
    clientId: 'bootstrap',
    ...kafkaSecurity(config),
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const plan = topicPlan(process.env, config.KAFKA_REPLICATION_FACTOR);
    await ensureTopics(admin, plan);
    for (const t of plan)
      console.log(`topic ${t.topic}: ${t.partitions} partitions (+ dead-letter topic)`);
    if (config.KAFKA_ACLS) {
      const count = await applyTopicAcls(admin, TOPIC_ACCESS);
      console.log(`ACLs: ${count} for ${Object.keys(TOPIC_ACCESS).join(', ')}`);
    }
  } finally {
    await admin.disconnect();
  }
}

main().catch((error) => {
  console.error(`bootstrap failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

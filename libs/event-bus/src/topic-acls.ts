import { deadLetterTopic, type TopicAccess } from '@mediation/contracts';
import {
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  ResourcePatternTypes,
  type Admin,
  type AclEntry,
} from 'kafkajs';

const allow = (
  principal: string,
  resourceType: AclResourceTypes,
  resourceName: string,
  operation: AclOperationTypes,
  resourcePatternType = ResourcePatternTypes.LITERAL,
): AclEntry => ({
  principal,
  host: '*',
  permissionType: AclPermissionTypes.ALLOW,
  resourceType,
  resourceName,
  resourcePatternType,
  operation,
});

/**
 * The ACLs that grant `user` exactly its access: write (and describe) its own topics, read (and
 * describe) what it consumes and write those topics' dead letters, and use its consumer groups.
 * Anything else the broker refuses (allow.everyone.if.no.acl.found=false).
 */
export function topicAcls(user: string, access: TopicAccess): AclEntry[] {
  const principal = `User:${user}`;
  const { TOPIC, GROUP } = AclResourceTypes;
  const { READ, WRITE, DESCRIBE } = AclOperationTypes;
  return [
    ...access.writes.flatMap((t) => [
      allow(principal, TOPIC, t, WRITE),
      allow(principal, TOPIC, t, DESCRIBE),
    ]),
    ...access.reads.flatMap((t) => [
      allow(principal, TOPIC, t, READ),
      allow(principal, TOPIC, t, DESCRIBE),
      allow(principal, TOPIC, deadLetterTopic(t), WRITE),
      allow(principal, TOPIC, deadLetterTopic(t), DESCRIBE),
    ]),
    ...access.groupPrefixes.flatMap((g) => [
      allow(principal, GROUP, g, READ, ResourcePatternTypes.PREFIXED),
      allow(principal, GROUP, g, DESCRIBE, ResourcePatternTypes.PREFIXED),
    ]),
  ];
}

/** Creates the ACLs of every user of `table` (creating an existing ACL again changes nothing). */
export async function applyTopicAcls(
  admin: Pick<Admin, 'createAcls'>,
  table: Readonly<Record<string, TopicAccess>>,
): Promise<number> {
  const acl = Object.entries(table).flatMap(([user, access]) => topicAcls(user, access));
  await admin.createAcls({ acl });
  return acl.length;
}

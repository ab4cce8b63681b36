// The checks of tools/k8s/check.sh, tested on their own: the policy must pass the real renders and
// fail — naming the object and the rule — when a value breaks it; the Dockerfile rules likewise.
//
// The chart itself is rendered with the broken values, by the helm that tools/k8s/tools.sh installs
// under .cache (the Nx target k8s:test depends on k8s:tools, so it is there before these run).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  checkManifests,
  formatViolation,
  imageProblem,
  parseManifests,
  selectorMatches,
} from './policy';
import { checkDockerfile, checkImages } from './dockerfile-policy';
import { pathExists, shellCommands } from './docs-check';
import { closure, missingRelativeFiles, packageOf, workspaces } from './runtime-deps';

/* eslint-disable @typescript-eslint/no-explicit-any -- rendered manifests are untyped JSON */
type K8sObject = Record<string, any>;

const ROOT = path.resolve(__dirname, '..', '..');
const CHART = path.join(ROOT, 'charts', 'mediation-platform');
const HELM = path.join(ROOT, '.cache', 'k8s-tools', 'bin', 'helm');
const helmEnv = {
  ...process.env,
  HELM_CACHE_HOME: path.join(ROOT, '.cache', 'helm', 'cache'),
  HELM_CONFIG_HOME: path.join(ROOT, '.cache', 'helm', 'config'),
  HELM_DATA_HOME: path.join(ROOT, '.cache', 'helm', 'data'),
};

function helm(args: string[]): string {
  if (!fs.existsSync(HELM))
    throw new Error(`${HELM} is missing: run npx nx run k8s:tools (tools/k8s/tools.sh) first`);
  return execFileSync(HELM, args, {
    cwd: ROOT,
    env: helmEnv,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** helm template with extra --set values (the release and namespace of check.sh). */
function render(sets: string[] = [], valuesFile = 'values.yaml'): K8sObject[] {
  const args = [
    'template',
    'mediation-platform',
    CHART,
    '--namespace',
    'mediation',
    '--kube-version',
    '1.31.0',
  ];
  args.push('-f', path.join(CHART, valuesFile));
  for (const s of sets) args.push('--set', s);
  return parseManifests(helm(args));
}

const find = (objects: K8sObject[], kind: string, name: string): K8sObject => {
  const found = objects.find((o) => o.kind === kind && o.metadata?.name === name);
  if (!found) throw new Error(`${kind} ${name} not in the render`);
  return found;
};

/** A broken variant: the chart rendered by helm with `sets`. */
const broken = (sets: string[]): K8sObject[] => render(sets);

const messages = (objects: K8sObject[]): string[] => checkManifests(objects).map(formatViolation);

beforeAll(() => {
  helm(['dependency', 'build', CHART]);
});

describe('policy on the chart', () => {
  it('passes the small-city render', () => {
    const objects = render();
    expect(objects.filter((o) => o.kind === 'Deployment')).toHaveLength(6);
    expect(messages(objects)).toEqual([]);
  });

  it('passes the large-city render', () => {
    expect(messages(render([], 'values-production.yaml'))).toEqual([]);
  });

  it('fails an unpinned image, naming the object, the container and the rule', () => {
    const objects = broken(['components.intake.image.tag=latest']);
    expect(messages(objects)).toEqual([
      'Deployment mediation/mediation-platform-intake, container "intake": [image-pinned] image "registry.example.org/mediation/intake:latest" uses the mutable tag "latest"; pin a version or a digest',
    ]);
  });

  it('fails an image without a tag', () => {
    const objects = renderUntagged();
    expect(messages(objects)).toContain(
      'Deployment mediation/mediation-platform-referral, container "referral": [image-pinned] image "registry.example.org/mediation/referral" has no tag (it would mean :latest); pin a version or a digest',
    );
  });

  it('fails a root user', () => {
    const objects = broken(['components.gateway.podSecurityContext.runAsUser=0']);
    expect(messages(objects)).toEqual([
      'Deployment mediation/mediation-platform-gateway: [no-root-user] pod securityContext sets runAsUser: 0 (root)',
    ]);
  });

  it('fails a missing probe', () => {
    const objects = broken(['components.statistics.probes.readiness=null']);
    expect(messages(objects)).toEqual([
      'Deployment mediation/mediation-platform-statistics, container "statistics": [probes] has no readinessProbe',
    ]);
  });

  it('fails a writable root filesystem and kept capabilities', () => {
    const objects = broken([
      'containerSecurityContext.readOnlyRootFilesystem=false',
      'containerSecurityContext.capabilities=null',
    ]);
    const rules = new Set(checkManifests(objects).map((v) => v.rule));
    expect([...rules].sort()).toEqual(['drop-all-capabilities', 'read-only-root-fs']);
    expect(checkManifests(objects)).toHaveLength(14); // 7 workloads x 2 rules
  });

  it('fails missing resources', () => {
    const objects = broken(['components.mediation.resources.limits=null']);
    expect(messages(objects)).toEqual([
      'Deployment mediation/mediation-platform-mediation, container "mediation": [resources] has no resources limits.cpu, limits.memory',
    ]);
  });

  it('fails workloads that no NetworkPolicy selects when NetworkPolicies are off', () => {
    const objects = broken(['networkPolicy.enabled=false']);
    const violations = checkManifests(objects);
    expect(
      violations
        .filter((v) => v.rule === 'network-policy')
        .map((v) => v.object)
        .sort(),
    ).toEqual([
      'Deployment mediation/mediation-platform-gateway',
      'Deployment mediation/mediation-platform-intake',
      'Deployment mediation/mediation-platform-mediation',
      'Deployment mediation/mediation-platform-notification',
      'Deployment mediation/mediation-platform-referral',
      'Deployment mediation/mediation-platform-statistics',
      'Job mediation/mediation-platform-bootstrap',
    ]);
    expect(violations.filter((v) => v.rule === 'default-deny')).toHaveLength(7);
  });

  it('rejects a misspelt values key (values.schema.json)', () => {
    expect(() => render(['components.intake.autoscalling.enabled=true'])).toThrow(
      /additional properties 'autoscalling' not allowed/,
    );
  });

  it('refuses to render a secret written into values', () => {
    expect(() => render(['components.intake.env.MONGO_URL=mongodb://user:pw@db/x'])).toThrow(
      /components\.intake\.env: MONGO_URL is a secret/,
    );
    expect(() => render(['components.notification.env.SMS_ACCESS_KEY_SECRET=plain'])).toThrow(
      /components\.notification\.env: SMS_ACCESS_KEY_SECRET is a secret/,
    );
  });
});

describe('the party app', () => {
  it("takes the gateway's session key from a Secret", () => {
    const container = find(
      render([], 'values-production.yaml'),
      'Deployment',
      'mediation-platform-gateway',
    ).spec.template.spec.containers[0];
    expect(
      container.env.find((e: K8sObject) => e.name === 'PARTY_SESSION_KEY')?.valueFrom?.secretKeyRef,
    ).toEqual({ name: 'mediation-gateway-party-sessions', key: 'PARTY_SESSION_KEY' });
  });
});

describe('the notification component', () => {
  let objects: K8sObject[];
  beforeAll(() => {
    objects = render([], 'values-production.yaml');
  });

  it('takes the SMS AccessKey, its Kafka user, MongoDB URL and signing key from Secrets', () => {
    const container = find(objects, 'Deployment', 'mediation-platform-notification').spec.template
      .spec.containers[0];
    const secretOf = (name: string) =>
      container.env.find((e: K8sObject) => e.name === name)?.valueFrom?.secretKeyRef;
    expect(secretOf('SMS_ACCESS_KEY_SECRET')).toEqual({
      name: 'mediation-notification-sms',
      key: 'SMS_ACCESS_KEY_SECRET',
    });
    expect(secretOf('PHONE_CHECK_KEY')).toEqual({
      name: 'mediation-notification-phone-checks',
      key: 'PHONE_CHECK_KEY',
    });
    expect(secretOf('KAFKA_SASL_USERNAME')).toEqual({
      name: 'mediation-kafka',
      key: 'notification-username',
    });
    expect(secretOf('MONGO_URL')).toEqual({ name: 'mediation-mongodb', key: 'notification' });
    expect(secretOf('PRINCIPAL_SIGNING_KEY')).toEqual({
      name: 'mediation-principal-keys',
      key: 'notification',
    });
    const config = find(objects, 'ConfigMap', 'mediation-platform-notification-config').data;
    expect(config.SMS_ENDPOINT).toMatch(/^https:\/\//);
    expect(config.GRPC_TLS).toBe('true');
  });

  it('admits the gateway only, and reaches intake and HTTPS outside the private ranges', () => {
    const policy = find(objects, 'NetworkPolicy', 'mediation-platform-notification').spec;
    /** The platform components a list of rules names as peers. */
    const components = (rules: K8sObject[]) =>
      rules
        .flatMap((r) => r.from ?? r.to ?? [])
        .filter((p: K8sObject) => !p.namespaceSelector)
        .map((p: K8sObject) => p.podSelector?.matchLabels?.['app.kubernetes.io/name'])
        .filter(Boolean);
    expect(components(policy.ingress)).toEqual(['gateway']);
    expect(components(policy.egress)).toEqual(['intake']);
    const https = policy.egress.filter((r: K8sObject) =>
      r.ports.some((p: K8sObject) => p.port === 443),
    );
    expect(https.map((r: K8sObject) => r.to)).toEqual([
      [
        {
          ipBlock: {
            cidr: '0.0.0.0/0',
            except: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '169.254.0.0/16'],
          },
        },
      ],
    ]);
  });
});

/** The referral image with no tag at all (helm cannot render that: the tag defaults to appVersion). */
function renderUntagged(): K8sObject[] {
  const objects = render();
  const c = find(objects, 'Deployment', 'mediation-platform-referral').spec.template.spec
    .containers[0];
  c.image = c.image.replace(/:[^:/]+$/, '');
  return objects;
}

describe('policy building blocks', () => {
  it('knows pinned images', () => {
    expect(imageProblem('registry.example.org:5000/mediation/intake:0.1.0')).toBeUndefined();
    expect(imageProblem(`node@sha256:${'a'.repeat(64)}`)).toBeUndefined();
    expect(imageProblem('registry.example.org:5000/mediation/intake')).toMatch(/has no tag/);
    expect(imageProblem('intake:latest')).toMatch(/mutable tag "latest"/);
  });

  it('matches label selectors like Kubernetes', () => {
    const labels = { app: 'intake', tier: 'backend' };
    expect(selectorMatches(labels, {})).toBe(true);
    expect(selectorMatches(labels, { matchLabels: { app: 'intake' } })).toBe(true);
    expect(selectorMatches(labels, { matchLabels: { app: 'gateway' } })).toBe(false);
    expect(
      selectorMatches(labels, {
        matchExpressions: [{ key: 'tier', operator: 'In', values: ['backend'] }],
      }),
    ).toBe(true);
    expect(
      selectorMatches(labels, {
        matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['backend'] }],
      }),
    ).toBe(false);
    expect(
      selectorMatches(labels, { matchExpressions: [{ key: 'zone', operator: 'DoesNotExist' }] }),
    ).toBe(true);
  });

  it('flags secrets given as literals or kept in ConfigMaps', () => {
    const objects = render();
    const intake = find(objects, 'Deployment', 'mediation-platform-intake').spec.template.spec
      .containers[0];
    intake.env.push({ name: 'PII_HASH_KEY', value: 'not-a-secret-anymore' });
    find(objects, 'ConfigMap', 'mediation-platform-config').data.MONGO_URL = 'mongodb://u:p@db';
    expect(messages(objects)).toEqual([
      'ConfigMap mediation/mediation-platform-config: [secret-env] holds MONGO_URL, a secret; it belongs in a Secret',
      'Deployment mediation/mediation-platform-intake, container "intake": [secret-env] sets PII_HASH_KEY as a literal value; use valueFrom.secretKeyRef',
    ]);
  });
});

describe('Dockerfile policy', () => {
  const dockerfile = fs.readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');

  it("passes the images' one Dockerfile and its image list", () => {
    expect(checkDockerfile(dockerfile, 'Dockerfile')).toEqual([]);
    expect(checkImages(ROOT)).toEqual([]);
  });

  it('fails an unpinned, single-stage, root image', () => {
    const text = [
      'FROM node:20',
      'WORKDIR /app',
      'ADD https://example.org/tool.tgz /tmp/',
      'COPY . .',
      'RUN npm ci && npx nx build intake',
      'CMD node services/intake/dist/main.js',
    ].join('\n');
    const rules = checkDockerfile(text, 'Dockerfile').map((v) => `${v.line}:${v.rule}`);
    expect(rules).toEqual([
      '1:base-image-pinned',
      '1:node-lts',
      '1:multi-stage',
      '4:multi-stage',
      '5:multi-stage',
      '1:prod-deps-only',
      '1:non-root-user',
      '3:no-add',
      '6:exec-form-cmd',
      '1:parameterised',
      '1:parameterised',
      '1:parameterised',
      '1:parameterised',
      '6:parameterised',
    ]);
  });

  it('fails a Dockerfile that names one workspace instead of the build argument', () => {
    const intake = dockerfile
      .replace('npx nx build "${WORKSPACE##*/}"', 'npx nx build intake')
      .replace('--workspace "$WORKSPACE"', '--workspace services/intake')
      .replace('"main.js"]', '"services/intake/dist/main.js"]');
    expect(checkDockerfile(intake, 'Dockerfile').map((v) => v.message)).toEqual([
      'does not run `nx build "${WORKSPACE##*/}"`',
      'the production install is not of `--workspace "$WORKSPACE"`',
      "CMD does not start main.js (the link to the workspace's entry point)",
    ]);
  });

  it('fails USER root and a named user', () => {
    const asRoot = dockerfile.replace('USER 1000:1000', 'USER root');
    expect(checkDockerfile(asRoot, 'Dockerfile').map((v) => v.message)).toEqual([
      'USER root is root',
    ]);
    const named = dockerfile.replace('USER 1000:1000', 'USER node');
    expect(checkDockerfile(named, 'Dockerfile').map((v) => v.rule)).toEqual(['non-root-user']);
  });
});

describe('docs check building blocks', () => {
  const values = {
    kafka: { topics: { partitions: 3 } },
    components: { intake: { env: {} }, gateway: { ports: {} } },
  };

  it('resolves values paths, with <name> and free-form maps', () => {
    expect(pathExists(values, ['kafka', 'topics', 'partitions'])).toBe(true);
    expect(pathExists(values, ['kafka', 'topics', 'partition'])).toBe(false);
    expect(pathExists(values, ['components', '<name>', 'ports'])).toBe(true);
    expect(pathExists(values, ['components', 'intake', 'env', 'ANYTHING'])).toBe(true);
  });

  it('reads shell commands with continuations and exported variables', () => {
    const md = [
      '```bash',
      'export CHART=charts/x',
      'helm lint $CHART \\',
      '  --set a.b=1  # why',
      '```',
    ].join('\n');
    expect(shellCommands(md)).toEqual(['helm lint charts/x --set a.b=1']);
  });
});

describe('image contents (runtime-deps)', () => {
  it('puts a service and its production workspace libraries in its image, not dev-only ones', () => {
    const ws = workspaces();
    const intake = closure(ws, '@mediation/intake');
    expect(intake[0]).toBe('@mediation/intake');
    expect(intake).toContain('@mediation/contracts');
    expect(intake).not.toContain('@mediation/testing'); // a devDependency: the test harness
  });

  it('finds a file the code requires but the build did not emit (a JSON catalogue)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runtime-deps-'));
    try {
      fs.mkdirSync(path.join(dir, 'dist', 'templates'), { recursive: true });
      fs.writeFileSync(
        path.join(dir, 'dist', 'templates', 'sms-templates.js'),
        'const catalogue = require("./sms-templates.json"); const t = require("./types");',
      );
      fs.writeFileSync(path.join(dir, 'dist', 'templates', 'types.js'), '');
      expect(missingRelativeFiles(dir)).toEqual([
        `${path.relative(ROOT, path.join(dir, 'dist', 'templates', 'sms-templates.js'))} requires "./sms-templates.json", which the build did not emit`,
      ]);
      fs.writeFileSync(path.join(dir, 'dist', 'templates', 'sms-templates.json'), '{}');
      expect(missingRelativeFiles(dir)).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names the package of a module path', () => {
    expect(packageOf('@bufbuild/protobuf/wire')).toBe('@bufbuild/protobuf');
    expect(packageOf('kafkajs')).toBe('kafkajs');
    expect(packageOf('rxjs/operators')).toBe('rxjs');
  });
});

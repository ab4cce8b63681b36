import { Metadata, status } from '@grpc/grpc-js';
import { commonV1, setPrincipal, statisticsV1 } from '@mediation/contracts';
import { orgDirectory } from '@mediation/org-directory';
import type { Loaded } from '@mediation/persistence';
import { CommandPipeline, type CommandTarget } from '@mediation/service-kit';
import { orgUnitLevelOf } from '../../../rollups/mapping/org-unit-ref';
import type { AlertAcknowledgement, AlertState } from '../../persistence/alert.model';
import { acknowledgeAlert } from './acknowledge-alert.command';
import { refusal } from '../../../refusal.fixtures';

const { Role } = commonV1;
const { AlertStatus } = statisticsV1;
const directory = orgDirectory();
const NOW = new Date('2026-03-05T08:00:00Z');
const street = directory.units('STREET')[0].code;

/** The pipeline's target over one alert held in memory: what a save stores, a load returns. */
function oneAlert(orgUnitCode: string) {
  let stored: Loaded<AlertState> = {
    id: 'alert-1',
    version: 1,
    lastSequence: 1,
    state: {
      orgUnitCode,
      orgUnitLevel: orgUnitLevelOf(directory, orgUnitCode),
      chain: [orgUnitCode],
      category: commonV1.DisputeCategory.DISPUTE_CATEGORY_NEIGHBOUR,
      categoryKey: 'DISPUTE_CATEGORY_NEIGHBOUR',
      dayKey: '2026-03-04',
      status: AlertStatus.ALERT_STATUS_OPEN,
      raisedAt: new Date('2026-03-04T10:00:00Z'),
      windowStart: new Date('2026-03-03T16:00:00Z'),
      windowEnd: new Date('2026-03-04T16:00:00Z'),
      observed: 9,
      baseline: 1.5,
      threshold: 4.5,
    },
  };
  const target: CommandTarget<AlertState, AlertAcknowledgement, Loaded<AlertState>> = {
    noun: 'alert',
    idField: 'alert_id',
    load: async (id) => (id === stored.id ? stored : null),
    lastStepAt: (a) => a.acknowledgement?.at ?? a.raisedAt,
    save: async (loaded, acknowledgement) => {
      const state = {
        ...loaded.state,
        status: AlertStatus.ALERT_STATUS_ACKNOWLEDGED,
        acknowledgement,
      };
      stored = { ...loaded, version: loaded.version + 1, state };
      return stored;
    },
  };
  return { target, current: () => stored };
}

function as(roles: commonV1.Role[], orgUnitCode = '', displayName = '王分析'): Metadata {
  const md = new Metadata();
  setPrincipal(
    md,
    commonV1.Principal.fromPartial({ subject: 'u-1', roles, orgUnitCode, displayName }),
  );
  return md;
}

const pipeline = new CommandPipeline({ backfillEnabled: false, clock: () => NOW });
const request = (note: string, expectedVersion = '1') => ({
  alertId: 'alert-1',
  note,
  expectedVersion,
});

describe('AcknowledgeAlert', () => {
  const run = (
    target: ReturnType<typeof oneAlert>['target'],
    req: ReturnType<typeof request>,
    md: Metadata,
  ) => pipeline.commandOn(target, acknowledgeAlert(directory), req.alertId, req, md);

  it('acknowledges an open alert with the note, who and when, and answers it at its new version', async () => {
    const alert = oneAlert(street);
    const answer = await run(
      alert.target,
      request('  已联系街道调委会，明日上门排查  '),
      as([Role.ROLE_ANALYST]),
    );
    expect(answer.alert).toMatchObject({
      alertId: 'alert-1',
      status: AlertStatus.ALERT_STATUS_ACKNOWLEDGED,
      version: '2',
      orgUnitName: directory.unit(street).name,
      acknowledgement: {
        by: { subject: 'u-1', role: Role.ROLE_ANALYST, displayName: '王分析' },
        note: '已联系街道调委会，明日上门排查',
      },
    });
    expect(alert.current().state.acknowledgement?.at).toEqual(NOW);
  });

  it('refuses a second acknowledgement, naming who acknowledged it first', async () => {
    const alert = oneAlert(street);
    await run(alert.target, request('on it'), as([Role.ROLE_ANALYST]));
    const again = await refusal(
      run(alert.target, request('me too', '2'), as([Role.ROLE_ADMINISTRATOR])),
    );
    expect(again.code).toBe(status.FAILED_PRECONDITION);
    expect(again.details).toBe(
      `the alert was acknowledged already, by 王分析 at ${NOW.toISOString()}`,
    );
    expect(alert.current().state.acknowledgement?.note).toBe('on it');
  });

  it('refuses an empty or over-long note and a stale version, writing nothing', async () => {
    const alert = oneAlert(street);
    const empty = await refusal(run(alert.target, request(' \n '), as([Role.ROLE_ANALYST])));
    expect(empty.code).toBe(status.INVALID_ARGUMENT);
    expect(empty.fields.map((f) => f.field)).toEqual(['note']);
    const long = await refusal(
      run(alert.target, request('长'.repeat(1001)), as([Role.ROLE_ANALYST])),
    );
    expect(long.fields).toEqual([{ field: 'note', description: 'at most 1000 characters' }]);
    const stale = await refusal(run(alert.target, request('on it', '7'), as([Role.ROLE_ANALYST])));
    expect(stale.code).toBe(status.ABORTED);
    expect(alert.current().version).toBe(1);
    expect(alert.current().state.status).toBe(AlertStatus.ALERT_STATUS_OPEN);
  });

  it('lets a committee admin acknowledge inside their subtree only, and no mediator at all', async () => {
    const alert = oneAlert(street);
    const district = directory.parent(street)!.code;
    const otherDistrict = directory
      .children(directory.parent(district)!.code)
      .find((u) => u.code !== district)!.code;
    const outside = await refusal(
      run(alert.target, request('on it'), as([Role.ROLE_COMMITTEE_ADMIN], otherDistrict)),
    );
    expect(outside.code).toBe(status.PERMISSION_DENIED);
    const mediator = await refusal(
      run(alert.target, request('on it'), as([Role.ROLE_MEDIATOR], district)),
    );
    expect(mediator.code).toBe(status.PERMISSION_DENIED);
    expect(alert.current().version).toBe(1);
    const admin = await run(
      alert.target,
      request('on it'),
      as([Role.ROLE_COMMITTEE_ADMIN], district),
    );
    expect(admin.alert?.status).toBe(AlertStatus.ALERT_STATUS_ACKNOWLEDGED);
  });

  it('answers an unknown alert NOT_FOUND', async () => {
    const alert = oneAlert(street);
    const missing = await refusal(
      run(alert.target, { ...request('on it'), alertId: 'nope' }, as([Role.ROLE_ANALYST])),
    );
    expect(missing.code).toBe(status.NOT_FOUND);
  });
});

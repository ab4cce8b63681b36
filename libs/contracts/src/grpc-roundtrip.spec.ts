// Proves GRPC_LOADER_OPTIONS: a real grpc-js server and client, both built from the .proto files
// with @grpc/proto-loader exactly as NestJS builds them, exchange messages that arrive in exactly
// the shape the ts-proto interfaces declare (int64 strings, numeric enums, Timestamps as
// { seconds, nanos }, null for unset messages, absent unset optionals and oneof members, arrays).
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { normalise } from '../test/normalise';
import {
  GRPC_LOADER_OPTIONS,
  GRPC_SERVICES,
  commonV1,
  getPrincipal,
  intakeV1,
  mediationV1,
  setPrincipal,
  statisticsV1,
  type GrpcServiceContract,
} from './index';

type Handler = (call: grpc.ServerUnaryCall<unknown, unknown>) => unknown;
type DynamicClient = grpc.Client & Record<string, (...args: unknown[]) => unknown>;

interface Recorded {
  request: unknown;
  principal: commonV1.Principal | undefined;
}

const BIG = '9007199254740993'; // 2^53 + 1: exact only as a string

describe('gRPC round trip with GRPC_LOADER_OPTIONS', () => {
  let server: grpc.Server;
  let address: string;
  const clients: grpc.Client[] = [];
  const recorded: Recorded[] = [];
  const responses = new Map<string, unknown>();

  const definition = protoLoader.loadSync(
    [
      ...GRPC_SERVICES.intake.protoFiles,
      ...GRPC_SERVICES.mediation.protoFiles,
      ...GRPC_SERVICES.statistics.protoFiles,
    ],
    { ...GRPC_LOADER_OPTIONS },
  );
  const loaded = grpc.loadPackageDefinition(definition);

  function serviceConstructor(contract: GrpcServiceContract): grpc.ServiceClientConstructor {
    const found = contract.fullName
      .split('.')
      .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], loaded);
    return found as grpc.ServiceClientConstructor;
  }

  function unary(name: string): Handler {
    return (call) => {
      recorded.push({ request: call.request, principal: getPrincipal(call.metadata) });
      return responses.get(name);
    };
  }

  function implement(
    contract: GrpcServiceContract,
    methods: string[],
  ): grpc.UntypedServiceImplementation {
    const impl: grpc.UntypedServiceImplementation = {};
    for (const method of methods) {
      const handler = unary(`${contract.service}.${method}`);
      impl[method] = (
        call: grpc.ServerUnaryCall<unknown, unknown>,
        callback: grpc.sendUnaryData<unknown>,
      ) => callback(null, handler(call));
    }
    return impl;
  }

  beforeAll(async () => {
    server = new grpc.Server();
    server.addService(
      serviceConstructor(GRPC_SERVICES.intake).service,
      implement(GRPC_SERVICES.intake, ['OpenCase', 'AmendCase']),
    );
    server.addService(
      serviceConstructor(GRPC_SERVICES.mediation).service,
      implement(GRPC_SERVICES.mediation, ['GetMediation']),
    );
    server.addService(serviceConstructor(GRPC_SERVICES.statistics).service, {
      WatchSummary: (call: grpc.ServerWritableStream<unknown, unknown>) => {
        recorded.push({ request: call.request, principal: getPrincipal(call.metadata) });
        for (const update of responses.get('StatisticsService.WatchSummary') as unknown[])
          call.write(update);
        call.end();
      },
    });
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync(
        '127.0.0.1:0',
        grpc.ServerCredentials.createInsecure(),
        (error, boundPort) => (error ? reject(error) : resolve(boundPort)),
      ),
    );
    address = `127.0.0.1:${port}`;
  });

  afterAll(() => {
    server.forceShutdown();
    for (const c of clients) c.close();
  });

  beforeEach(() => {
    recorded.length = 0;
    responses.clear();
  });

  function client(contract: GrpcServiceContract): DynamicClient {
    const Ctor = serviceConstructor(contract);
    const c = new Ctor(address, grpc.credentials.createInsecure()) as DynamicClient;
    clients.push(c);
    return c;
  }

  function call<Res>(c: DynamicClient, method: string, request: unknown, md = new grpc.Metadata()) {
    return new Promise<Res>((resolve, reject) =>
      c[method]!.call(c, request, md, (error: grpc.ServiceError | null, response: Res) =>
        error ? reject(error) : resolve(response),
      ),
    );
  }

  const principal: commonV1.Principal = {
    subject: 'user-7',
    roles: [commonV1.Role.ROLE_MEDIATOR, commonV1.Role.ROLE_COMMITTEE_ADMIN],
    orgUnitCode: '210202001001',
    committeeCode: 'C-210202001001',
    deskCode: '',
    institutionCode: '',
    displayName: '王调解',
    partyPhone: '',
  };

  it('OpenCase: int64, enums, Timestamp, null messages, repeated nested messages, principal metadata', async () => {
    // A complete value of the generated request interface (every key, as useOptionals=none asks).
    const request: intakeV1.OpenCaseRequest = {
      idempotencyKey: '5b8f0c1e-4a57-4f43-9d4e-3b1f2b6e9a10',
      source: commonV1.CaseSource.CASE_SOURCE_PARTY_APPLICATION,
      channel: commonV1.Channel.CHANNEL_WALK_IN,
      platformLevel: commonV1.PlatformLevel.PLATFORM_LEVEL_COMMUNITY,
      referringInstitution: null,
      externalReference: '',
      referralId: '',
      orgUnitCode: '210202001001',
      category: commonV1.DisputeCategory.DISPUTE_CATEGORY_NEIGHBOUR,
      parties: [
        {
          partyId: '',
          kind: commonV1.PartyKind.PARTY_KIND_PERSON,
          role: commonV1.PartyRole.PARTY_ROLE_APPLICANT,
          name: '张三',
          idType: commonV1.IdType.ID_TYPE_RESIDENT_ID_CARD,
          idNumber: '210202199001011234',
          phone: '13800000000',
          address: '中山区某街道1号',
          consent: commonV1.ConsentState.CONSENT_STATE_GIVEN,
        },
        {
          partyId: '',
          kind: commonV1.PartyKind.PARTY_KIND_ORGANISATION,
          role: commonV1.PartyRole.PARTY_ROLE_RESPONDENT,
          name: '某物业公司',
          idType: commonV1.IdType.ID_TYPE_UNIFIED_SOCIAL_CREDIT_CODE,
          idNumber: '91210200MA0000000X',
          phone: '',
          address: '',
          consent: commonV1.ConsentState.CONSENT_STATE_PENDING,
        },
      ],
      peopleInvolved: 2,
      amountInvolved: { currencyCode: 'CNY', amountFen: BIG },
      description: '噪音纠纷',
      risk: {
        level: commonV1.RiskLevel.RISK_LEVEL_MEDIUM,
        factors: [
          commonV1.RiskFactor.RISK_FACTOR_VIOLENCE,
          commonV1.RiskFactor.RISK_FACTOR_MASS_PETITION,
        ],
        note: '',
      },
      disputeStartedAt: { seconds: '1767225600', nanos: 123456789 },
      entrustedTermDueAt: null,
    };
    const response: intakeV1.OpenCaseResponse = {
      case: intakeV1.Case.fromPartial({
        caseId: 'c6f1c2d0-0000-4000-8000-000000000001',
        caseNumber: '（2026）中山调字第00042号',
        status: intakeV1.CaseStatus.CASE_STATUS_REGISTERED,
        version: '1',
        orgUnit: { code: '210202001001', level: commonV1.OrgUnitLevel.ORG_UNIT_LEVEL_COMMUNITY },
        amountInvolved: { currencyCode: 'CNY', amountFen: BIG },
        parties: [
          {
            partyId: 'p1',
            name: '张*',
            idNumberMasked: '2102**********1234',
            idNumber: '210202199001011234',
          },
          { partyId: 'p2', name: '某物业公司' },
        ],
        registeredAt: { seconds: '1767225600', nanos: 0 },
        amendments: [{ reason: 'typo', changedFields: ['description'], version: '2' }],
      }),
      replayed: false,
    };
    responses.set('IntakeService.OpenCase', response);

    const md = new grpc.Metadata();
    setPrincipal(md, principal);
    const received = await call<intakeV1.OpenCaseResponse>(
      client(GRPC_SERVICES.intake),
      'OpenCase',
      request,
      md,
    );

    // Server side: what a NestJS handler gets.
    expect(recorded).toHaveLength(1);
    expect(recorded[0]!.request).toStrictEqual(request);
    expect(recorded[0]!.principal).toStrictEqual(principal);
    // Client side: what a NestJS client (the gateway) gets.
    expect(received).toStrictEqual(normalise(response));
    expect(received.case!.amendments[0]!.amendedAt).toBeNull();
    expect(received.case!.withdrawnAt).toBeNull();
    expect(received.case!.parties[0]!.idNumber).toBe('210202199001011234');
    expect('idNumber' in received.case!.parties[1]!).toBe(false);
    expect(typeof received.case!.version).toBe('string');
  });

  it('the wire bytes decode with the ts-proto codec to the same object (Kafka and gRPC agree)', () => {
    expect(definition['mediation.intake.v1.OpenCaseRequest']).toBeDefined();
    const sent = intakeV1.OpenCaseRequest.fromPartial({
      category: commonV1.DisputeCategory.DISPUTE_CATEGORY_LABOUR,
      amountInvolved: { amountFen: BIG },
      parties: [{ name: 'x', role: commonV1.PartyRole.PARTY_ROLE_RESPONDENT }],
      disputeStartedAt: { seconds: '-1', nanos: 5 },
    });
    const bytes = intakeV1.OpenCaseRequest.encode(sent).finish();
    const service = serviceConstructor(GRPC_SERVICES.intake).service;
    const viaLoader = service['OpenCase']!.requestDeserialize(Buffer.from(bytes));
    expect(viaLoader).toStrictEqual(normalise(sent));
    const back = service['OpenCase']!.requestSerialize(viaLoader);
    expect(normalise(intakeV1.OpenCaseRequest.decode(back))).toStrictEqual(normalise(sent));
  });

  it('AmendCase: proto3 optional fields keep explicit presence; unset ones are absent, not null', async () => {
    const request: intakeV1.AmendCaseRequest = {
      caseId: 'c1',
      expectedVersion: '3',
      reason: '更正类别',
      changes: {
        // Explicitly set to the zero value: present (that is what `optional` is for).
        category: commonV1.DisputeCategory.DISPUTE_CATEGORY_UNSPECIFIED,
        peopleInvolved: 5,
        parties: {
          parties: [
            {
              partyId: 'p1',
              kind: commonV1.PartyKind.PARTY_KIND_PERSON,
              role: commonV1.PartyRole.PARTY_ROLE_APPLICANT,
              name: '李四',
              idType: commonV1.IdType.ID_TYPE_PASSPORT,
              idNumber: 'E12345678',
              phone: '',
              address: '',
              consent: commonV1.ConsentState.CONSENT_STATE_UNSPECIFIED,
            },
          ],
        },
      },
    };
    responses.set('IntakeService.AmendCase', { case: null });
    const received = await call<intakeV1.AmendCaseResponse>(
      client(GRPC_SERVICES.intake),
      'AmendCase',
      request,
    );

    const got = recorded[0]!.request as intakeV1.AmendCaseRequest;
    expect(got).toStrictEqual(request);
    expect(Object.keys(got.changes!).sort()).toEqual(['category', 'parties', 'peopleInvolved']);
    expect(got.changes!.category).toBe(0);
    expect(recorded[0]!.principal).toBeUndefined();
    expect(received).toStrictEqual({ case: null });
  });

  it('GetMediation: a oneof arrives as the one member that was set, with no discriminator key', async () => {
    const mediation = mediationV1.Mediation.fromPartial({
      mediationId: 'c1',
      caseId: 'c1',
      status: mediationV1.MediationStatus.MEDIATION_STATUS_AGREED,
      version: BIG,
      committee: {
        code: 'C-1',
        orgUnitCode: '210202001',
        level: commonV1.HandlingLevel.HANDLING_LEVEL_STREET,
      },
      agreement: {
        agreementId: 'a1',
        form: mediationV1.AgreementForm.AGREEMENT_FORM_WRITTEN,
        terms: {
          obligations: [
            {
              obligationId: 'o1',
              kind: mediationV1.ObligationKind.OBLIGATION_KIND_PAYMENT,
              amount: { currencyCode: 'CNY', amountFen: '1200000' },
              manner: mediationV1.PerformanceManner.PERFORMANCE_MANNER_INSTALMENTS,
              instalments: [
                {
                  number: 1,
                  amount: { amountFen: '600000' },
                  dueAt: { seconds: '1769904000', nanos: 0 },
                },
                {
                  number: 2,
                  amount: { amountFen: '600000' },
                  dueAt: { seconds: '1772323200', nanos: 0 },
                },
              ],
            },
          ],
        },
        effectiveAt: { seconds: '1767225600', nanos: 1 },
      },
      path: [
        {
          committee: { code: 'P-1', level: commonV1.HandlingLevel.HANDLING_LEVEL_REASONING_POINT },
        },
        {
          committee: { code: 'C-1', level: commonV1.HandlingLevel.HANDLING_LEVEL_STREET },
          transferred: true,
        },
      ],
      timeline: [{ sequence: '1', eventType: 'mediation.mediation.v1.MediationCreated' }],
    });
    responses.set('MediationService.GetMediation', { mediation });
    const c = client(GRPC_SERVICES.mediation);

    const byMediation = await call<mediationV1.GetMediationResponse>(c, 'GetMediation', {
      mediationId: 'c1',
    });
    const byCase = await call<mediationV1.GetMediationResponse>(c, 'GetMediation', {
      caseId: 'c1',
    });

    const first: mediationV1.GetMediationRequest = { mediationId: 'c1' };
    const second: mediationV1.GetMediationRequest = { caseId: 'c1' };
    expect(recorded.map((r) => r.request)).toStrictEqual([first, second]);
    expect(byMediation).toStrictEqual(normalise({ mediation }));
    expect(byCase).toStrictEqual(byMediation);
    const instalments = byMediation.mediation!.agreement!.terms!.obligations[0]!.instalments;
    expect(instalments.map((i) => i.amount!.amountFen)).toEqual(['600000', '600000']);
    expect(instalments[0]!.performedAt).toBeNull();
    expect(byMediation.mediation!.closure).toBeNull();
    expect(byMediation.mediation!.version).toBe(BIG);
  });

  it('an enum value the contract does not declare arrives as its bare number (validate it)', async () => {
    responses.set('MediationService.GetMediation', { mediation: null });
    await call(client(GRPC_SERVICES.intake), 'AmendCase', {
      caseId: 'c1',
      changes: { category: 99 },
    }).catch(() => {
      /* AmendCase has no response configured for this test; only the request matters */
    });
    const got = recorded[0]!.request as intakeV1.AmendCaseRequest;
    expect(got.changes!.category).toBe(99);
  });

  it('WatchSummary: server streaming delivers each update in the generated shape', async () => {
    const update = (opened: number, trigger: string): statisticsV1.WatchSummaryResponse => ({
      summary: statisticsV1.GetSummaryResponse.fromPartial({
        orgUnit: { code: '210200', level: commonV1.OrgUnitLevel.ORG_UNIT_LEVEL_CITY },
        period: {
          granularity: statisticsV1.PeriodGranularity.PERIOD_GRANULARITY_MONTH,
          key: '2026-03',
        },
        total: {
          opened,
          amountInvolved: { currencyCode: 'CNY', amountFen: BIG },
          meanSatisfaction: 4.25,
        },
        breakdowns: [
          {
            dimension: statisticsV1.Dimension.DIMENSION_CATEGORY,
            rows: [{ key: 'DISPUTE_CATEGORY_NEIGHBOUR', figures: { opened } }],
          },
        ],
        asOf: { seconds: '1767225600', nanos: 0 },
      }),
      triggerEventType: trigger,
    });
    const updates = [update(1, ''), update(2, 'mediation.intake.v1.CaseOpened')];
    responses.set('StatisticsService.WatchSummary', updates);

    const c = client(GRPC_SERVICES.statistics);
    const request: statisticsV1.WatchSummaryRequest = {
      orgUnitCode: '210200',
      period: {
        granularity: statisticsV1.PeriodGranularity.PERIOD_GRANULARITY_MONTH,
        key: '2026-03',
      },
      dimensions: [statisticsV1.Dimension.DIMENSION_CATEGORY],
      filters: [],
      minIntervalMs: 0,
    };
    const stream = c['WatchSummary']!.call(c, request) as grpc.ClientReadableStream<unknown>;
    const received: unknown[] = [];
    await new Promise<void>((resolve, reject) => {
      stream.on('data', (d: unknown) => received.push(d));
      stream.on('end', () => resolve());
      stream.on('error', reject);
    });
    expect(recorded[0]!.request).toStrictEqual(request);
    expect(received).toStrictEqual(normalise(updates));
  });
});

import { loadSync } from '@grpc/proto-loader';
import { BinaryWriter } from '@bufbuild/protobuf/wire';
import { GRPC_LOADER_OPTIONS, GRPC_SERVICES, intakeV1 } from '@mediation/contracts';
import { noteUnknownFields, UNKNOWN_FIELDS, UNSAFE_TEXT } from './unknown-fields';

// The intake contract as the service loads it, with every request decoder wrapped.
function openCaseDecoder(): (buffer: Buffer) => Record<symbol, unknown> & Record<string, unknown> {
  const contract = GRPC_SERVICES.intake;
  const definition = loadSync([...contract.protoFiles], { ...GRPC_LOADER_OPTIONS });
  noteUnknownFields(definition as unknown as Record<string, unknown>);
  const service = definition[contract.fullName] as unknown as Record<
    string,
    { requestDeserialize: (b: Buffer) => Record<symbol, unknown> & Record<string, unknown> }
  >;
  return service.OpenCase.requestDeserialize;
}

const request = () =>
  intakeV1.OpenCaseRequest.fromPartial({
    idempotencyKey: 'k-1',
    orgUnitCode: '210202001001',
    description: 'a fence between two yards',
    parties: [{ name: '甲' }, { name: '乙' }],
  });

/** Appends field `number` as a varint to an encoded message. */
const withExtraVarint = (encoded: Uint8Array, number: number): Buffer => {
  const extra = new BinaryWriter()
    .uint32((number << 3) | 0)
    .uint64(7)
    .finish();
  return Buffer.concat([encoded, extra]);
};

describe('unknown request fields', () => {
  const decode = openCaseDecoder();

  it('notes nothing on a request of the contract', () => {
    const decoded = decode(Buffer.from(intakeV1.OpenCaseRequest.encode(request()).finish()));
    expect(decoded.description).toBe('a fence between two yards');
    expect(decoded[UNKNOWN_FIELDS]).toBeUndefined();
  });

  it('notes an unknown top-level field by number', () => {
    const bytes = withExtraVarint(intakeV1.OpenCaseRequest.encode(request()).finish(), 99);
    const decoded = decode(bytes);
    expect(decoded.description).toBe('a fence between two yards'); // the decoder drops it silently
    expect(decoded[UNKNOWN_FIELDS]).toEqual(['#99']);
  });

  it('names the nested message and its index for an unknown field inside a party', () => {
    // Second party carries field 40, which Party does not have.
    const partyBytes = withExtraVarint(
      Buffer.from(
        new BinaryWriter()
          .uint32((4 << 3) | 2)
          .string('乙')
          .finish(), // Party.name = 4
      ),
      40,
    );
    const bytes = Buffer.concat([
      intakeV1.OpenCaseRequest.encode(request()).finish(),
      new BinaryWriter()
        .uint32((10 << 3) | 2)
        .bytes(partyBytes)
        .finish(), // OpenCaseRequest.parties = 10
    ]);
    const decoded = decode(bytes);
    expect((decoded.parties as unknown[]).length).toBe(3);
    expect(decoded[UNKNOWN_FIELDS]).toEqual(['parties[2]#40']);
  });
});

describe('unsafe text in requests', () => {
  const decode = openCaseDecoder();
  const encode = (over: Partial<intakeV1.OpenCaseRequest>) =>
    Buffer.from(intakeV1.OpenCaseRequest.encode({ ...request(), ...over }).finish());

  it('notes bidi controls in names by proto path, and removes them from free text', () => {
    const decoded = decode(
      encode({ parties: [{ ...request().parties[0], name: '甲\u202E' }], description: 'a\u202Eb' }),
    );
    expect(decoded[UNSAFE_TEXT]).toEqual([
      { field: 'parties[0].name', description: 'contains a bidirectional control character' },
    ]);
    expect(decoded.description).toBe('ab');
  });

  it('notes invalid UTF-8 in a name (decoded as U+FFFD) and over-long strings', () => {
    const bytes = encode({ parties: [{ ...request().parties[0], name: 'AB' }] });
    const at = bytes.indexOf(Buffer.from('AB'));
    bytes[at] = 0xc3;
    bytes[at + 1] = 0x28;
    expect(decode(bytes)[UNSAFE_TEXT]).toEqual([
      { field: 'parties[0].name', description: 'contains U+FFFD (text that was not valid UTF-8)' },
    ]);
    const long = decode(encode({ description: 'x'.repeat(20_001) }));
    expect(long[UNSAFE_TEXT]).toEqual([
      { field: 'description', description: 'at most 20000 characters' },
    ]);
  });
});

import * as grpc from '@grpc/grpc-js';
import { enumName, enumNumber, enumValueName, isKnownEnumValue } from './enums';
import {
  getPrincipal,
  METADATA_KEYS,
  PrincipalMetadataError,
  setPrincipal,
} from './principal-metadata';
import { fromTimestamp, timestampToRfc3339, toTimestamp } from './timestamps';
import { commonV1 } from './index';

describe('timestamps', () => {
  it('convert both ways, before and after the epoch', () => {
    for (const iso of [
      '2026-03-14T08:00:00.123Z',
      '1969-12-31T23:59:59.999Z',
      '1970-01-01T00:00:00.000Z',
    ]) {
      const ts = toTimestamp(new Date(iso));
      expect(ts.nanos).toBeGreaterThanOrEqual(0);
      expect(fromTimestamp(ts).toISOString()).toBe(iso);
      expect(timestampToRfc3339(ts)).toBe(iso);
    }
    expect(toTimestamp(new Date('1969-12-31T23:59:59.999Z'))).toEqual({
      seconds: '-1',
      nanos: 999000000,
    });
    expect(() => toTimestamp(new Date('nope'))).toThrow(RangeError);
  });
});

describe('enums', () => {
  it('accept declared values only', () => {
    const E = commonV1.DisputeCategory;
    expect(isKnownEnumValue(E, E.DISPUTE_CATEGORY_LABOUR)).toBe(true);
    expect(isKnownEnumValue(E, E.DISPUTE_CATEGORY_UNSPECIFIED)).toBe(false);
    expect(isKnownEnumValue(E, 0, { allowUnspecified: true })).toBe(true);
    expect(isKnownEnumValue(E, E.UNRECOGNIZED)).toBe(false);
    expect(isKnownEnumValue(E, 99)).toBe(false);
    expect(isKnownEnumValue(E, '2')).toBe(false);
    expect(enumValueName(E, 2)).toBe('DISPUTE_CATEGORY_NEIGHBOUR');
    expect(enumValueName(E, -1)).toBeUndefined();
  });

  it('map domain names (without the prefix) to numbers and back', () => {
    const E = commonV1.DisputeCategory;
    const P = 'DISPUTE_CATEGORY_';
    expect(enumNumber(E, P, 'NEIGHBOUR')).toBe(E.DISPUTE_CATEGORY_NEIGHBOUR);
    expect(enumName(E, P, E.DISPUTE_CATEGORY_NEIGHBOUR)).toBe('NEIGHBOUR');
    expect(enumNumber(E, P, null)).toBe(0);
    expect(enumNumber(E, P, 'NEVER')).toBe(0);
    expect(enumName(E, P, 0)).toBeUndefined();
    expect(enumName(E, P, E.UNRECOGNIZED)).toBeUndefined();
    expect(enumName(E, P, 99)).toBeUndefined();
    // A value of another enum's prefix is not this enum's name.
    expect(enumName(E, 'CHANNEL_', E.DISPUTE_CATEGORY_NEIGHBOUR)).toBeUndefined();
  });
});

describe('principal metadata', () => {
  const principal: commonV1.Principal = commonV1.Principal.fromPartial({
    subject: 'lawyer-1',
    roles: [commonV1.Role.ROLE_STATIONED_LAWYER],
    deskCode: 'D-COURT-210202-1',
    institutionCode: 'COURT-210202',
  });

  it('round-trips through grpc-js Metadata as a binary header', () => {
    const md = new grpc.Metadata();
    setPrincipal(md, principal);
    expect(md.get(METADATA_KEYS.principal)[0]).toBeInstanceOf(Buffer);
    expect(getPrincipal(md)).toEqual(principal);
    expect(getPrincipal(new grpc.Metadata())).toBeUndefined();
  });

  it('rejects duplicates and garbage', () => {
    const twice = new grpc.Metadata();
    setPrincipal(twice, principal);
    twice.add(METADATA_KEYS.principal, Buffer.from([0x0a, 0x01, 0x41]));
    expect(() => getPrincipal(twice)).toThrow(PrincipalMetadataError);
    const garbage = new grpc.Metadata();
    garbage.set(METADATA_KEYS.principal, Buffer.from([0xff, 0xff, 0xff]));
    expect(() => getPrincipal(garbage)).toThrow(PrincipalMetadataError);
  });
});

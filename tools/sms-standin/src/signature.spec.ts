import { rfc3986, rpcSignature, rpcStringToSign, sameSignature } from './signature';

describe('the stand-in signature (RPC, version 1.0)', () => {
  // The worked example of Alibaba Cloud's "Signature mechanism" documentation (ECS
  // DescribeRegions, AccessKey secret "testsecret"); the example spells the parameter TimeStamp.
  const documented = new Map([
    ['TimeStamp', '2016-02-23T12:46:24Z'],
    ['Format', 'XML'],
    ['AccessKeyId', 'testid'],
    ['Action', 'DescribeRegions'],
    ['SignatureMethod', 'HMAC-SHA1'],
    ['SignatureNonce', '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf'],
    ['Version', '2014-05-26'],
    ['SignatureVersion', '1.0'],
  ]);

  it('reproduces the documented string to sign and signature', () => {
    expect(rpcStringToSign('GET', documented)).toBe(
      'GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML' +
        '%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf' +
        '%26SignatureVersion%3D1.0%26TimeStamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26',
    );
    expect(rpcSignature('GET', documented, 'testsecret')).toBe('CT9X0VtwR86fNWSnsc6v8YGOjuE=');
  });

  it('leaves Signature itself out', () => {
    const withSignature = new Map([...documented, ['Signature', 'anything']]);
    expect(rpcSignature('GET', withSignature, 'testsecret')).toBe('CT9X0VtwR86fNWSnsc6v8YGOjuE=');
  });

  it('encodes per the documented rules', () => {
    expect(rfc3986('a b*c~d-_.')).toBe('a%20b%2Ac~d-_.');
    expect(rfc3986('+/=&')).toBe('%2B%2F%3D%26');
    expect(rfc3986('【调解】')).toBe('%E3%80%90%E8%B0%83%E8%A7%A3%E3%80%91');
    expect(rfc3986("!'()")).toBe('%21%27%28%29');
  });

  it('compares signatures of any length without throwing', () => {
    expect(sameSignature('abc', 'abc')).toBe(true);
    expect(sameSignature('abc', 'abcd')).toBe(false);
  });
});

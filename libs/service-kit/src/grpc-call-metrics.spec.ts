import { status } from '@grpc/grpc-js';
import { RpcException } from '@nestjs/microservices';
import { statusName } from './grpc-call-metrics';
import { grpcError } from './grpc-errors';

describe('statusName', () => {
  it("names a platform error's code, and anything else INTERNAL", () => {
    expect(statusName(grpcError(status.NOT_FOUND, 'no such case'))).toBe('NOT_FOUND');
    expect(statusName(new RpcException({ code: status.ABORTED, message: 'stale' }))).toBe(
      'ABORTED',
    );
    expect(statusName(new Error('boom'))).toBe('INTERNAL');
    expect(statusName(undefined)).toBe('INTERNAL');
  });
});

import { status } from '@grpc/grpc-js';
import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import { metrics } from '@opentelemetry/api';
import { tap, type Observable } from 'rxjs';

// Created lazily: the meter provider is registered by startTelemetry, which may run after import.
let handled: ReturnType<ReturnType<typeof metrics.getMeter>['createCounter']> | undefined;
const counter = () =>
  (handled ??= metrics.getMeter('@mediation/service-kit').createCounter('grpc_server_handled', {
    description: 'gRPC calls this process answered, by method and status code',
  }));

/** The gRPC status name of what a handler threw (a platform error, or INTERNAL). */
export function statusName(error: unknown): string {
  const inner = error instanceof RpcException ? error.getError() : error;
  const code = (inner as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'number' && status[code] ? status[code] : 'INTERNAL';
}

/**
 * Counts every gRPC call a replica answers (`grpc_server_handled{method, code}`): the rate and
 * errors per method, and how calls spread over a service's replicas.
 */
@Injectable()
export class GrpcCallMetrics implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const method = context.getHandler().name;
    let counted = false;
    const count = (code: string) => {
      if (counted) return;
      counted = true;
      counter().add(1, { method, code });
    };
    return next.handle().pipe(
      tap({
        next: () => count('OK'),
        complete: () => count('OK'),
        error: (e) => count(statusName(e)),
      }),
    );
  }
}

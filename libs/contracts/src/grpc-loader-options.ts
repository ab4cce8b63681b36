// The one set of @grpc/proto-loader options for every gRPC server and client on the platform.
//
// NestJS's gRPC transport decodes requests with protobufjs through @grpc/proto-loader, not with
// the ts-proto code in ./gen. These options make protobufjs produce exactly the objects the
// generated interfaces declare, given the ts-proto options in buf.gen.yaml:
//   forceLong=string            <-> longs: String      (int64 as decimal strings)
//   numeric enums (ts-proto)    <-> enums: Number
//   useDate=false               <-> Timestamp stays { seconds: string, nanos: number }
//   useNullAsOptional=true      <-> defaults: true     (unset singular message fields arrive as null,
//                                                       scalars as their zero value)
//   oneof=properties (default)  <-> oneofs: false      (no untyped virtual discriminator keys;
//                                                       unset oneof members and proto3 `optional`
//                                                       fields are absent)
//   repeated / map              <-> arrays: true, objects: true (always present, maybe empty)
//   snakeToCamel (default)      <-> keepCase: false
// Change one side only together with the other, and keep libs/contracts/src/grpc-roundtrip.spec.ts
// green: it proves the match with a real server.
import { PROTO_ROOT } from './proto-path';

/** Structurally what @grpc/proto-loader and NestJS's `loader` option accept. */
export interface GrpcLoaderOptions {
  keepCase: boolean;
  longs: StringConstructor;
  enums: NumberConstructor;
  bytes: BufferConstructor;
  defaults: boolean;
  arrays: boolean;
  objects: boolean;
  oneofs: boolean;
  includeDirs: string[];
}

export function grpcLoaderOptions(protoRoot: string = PROTO_ROOT): GrpcLoaderOptions {
  return {
    keepCase: false,
    longs: String,
    enums: Number,
    bytes: Buffer,
    defaults: true,
    arrays: true,
    objects: true,
    oneofs: false,
    includeDirs: [protoRoot],
  };
}

/** Frozen; spread it (`{ ...GRPC_LOADER_OPTIONS }`) if a library insists on a mutable object. */
export const GRPC_LOADER_OPTIONS: Readonly<GrpcLoaderOptions> = Object.freeze(grpcLoaderOptions());

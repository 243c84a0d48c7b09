/**
 * The official opentelemetry-proto definitions (as @elastic/mockotlpserver ships them), loaded with
 * protobufjs, for checking what our encoders write and for answering like a real backend.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import protobuf from 'protobufjs';

const require = createRequire(import.meta.url);
const PROTO_ROOT = join(
  dirname(require.resolve('@elastic/mockotlpserver/package.json')),
  'opentelemetry',
);

let root: protobuf.Root | undefined;

/** The root holding opentelemetry.proto.* and google.rpc.Status. */
export function otlpProtos(): protobuf.Root {
  if (root) return root;
  const loaded = new protobuf.Root();
  loaded.resolvePath = (_origin, target) => join(PROTO_ROOT, '..', target);
  loaded.loadSync('opentelemetry/proto/collector/trace/v1/trace_service.proto', {
    keepCase: false,
  });
  // google.rpc.Status is not shipped with the OTLP protos; its definition is three fields.
  loaded.addJSON({
    google: {
      nested: {
        rpc: {
          nested: {
            Status: {
              fields: { code: { type: 'int32', id: 1 }, message: { type: 'string', id: 2 } },
            },
          },
        },
      },
    },
  });
  root = loaded;
  return loaded;
}

export function protoType(name: string): protobuf.Type {
  return otlpProtos().lookupType(name);
}

// @elastic/mockotlpserver ships no typings for its module entry; this is the part we use.
declare module '@elastic/mockotlpserver' {
  export class MockOtlpServer {
    constructor(options: {
      services?: ('http' | 'grpc' | 'ui')[];
      httpHostname?: string;
      httpPort?: number;
      logLevel?: string;
      onTrace?: (trace: unknown) => void;
    });
    httpUrl: string | null;
    start(): Promise<void>;
    close(): Promise<void>;
  }
  export function normalizeTrace(trace: unknown): unknown;
}

import { describe, expect, test } from 'vitest';
import {
  describeFailure,
  excerpt,
  interpretResponse,
  MAX_SHOWN_MESSAGE,
  type ExportResponse,
} from '../../../src/core/otlp/export-response';
import { protoType } from '../../support/otlp-protos';

const text = (s: string) => new TextEncoder().encode(s);

function response(status: number, contentType: string, body: Uint8Array): ExportResponse {
  return { status, contentType, body, truncated: false };
}

const RESPONSE = 'opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse';

describe('interpretResponse', () => {
  test('2xx with an empty body: accepted, nothing rejected', () => {
    for (const type of ['application/json', 'application/x-protobuf']) {
      expect(interpretResponse(response(200, type, new Uint8Array()))).toEqual({
        accepted: true,
        rejectedSpans: 0,
        message: null,
      });
    }
  });

  test('JSON partial success: rejected count (number or int64 string) and message', () => {
    for (const rejectedSpans of [3, '3']) {
      const body = text(
        JSON.stringify({ partialSuccess: { rejectedSpans, errorMessage: 'span too large' } }),
      );
      expect(interpretResponse(response(200, 'application/json', body))).toEqual({
        accepted: true,
        rejectedSpans: 3,
        message: 'span too large',
      });
    }
  });

  test('protobuf partial success, encoded with the official proto', () => {
    const type = protoType(RESPONSE);
    const body = type
      .encode(type.create({ partialSuccess: { rejectedSpans: 7, errorMessage: 'dropped' } }))
      .finish();
    expect(interpretResponse(response(200, 'application/x-protobuf', body))).toEqual({
      accepted: true,
      rejectedSpans: 7,
      message: 'dropped',
    });
  });

  test('an error with a google.rpc.Status, in JSON and in protobuf', () => {
    const json = text(JSON.stringify({ code: 3, message: 'invalid trace id' }));
    expect(interpretResponse(response(400, 'application/json', json))).toEqual({
      accepted: false,
      status: 400,
      message: 'invalid trace id',
    });
    const status = protoType('google.rpc.Status');
    const proto = status.encode(status.create({ code: 16, message: 'bad token' })).finish();
    expect(interpretResponse(response(401, 'application/x-protobuf', proto))).toMatchObject({
      message: 'bad token',
    });
  });

  test('a body that is neither: shown as text, one line, cut short', () => {
    const html = text(`<html>\n<h1>502 Bad Gateway</h1>\n${'x'.repeat(5000)}</html>`);
    const meaning = interpretResponse(response(502, 'text/html', html));
    expect(meaning.accepted).toBe(false);
    if (!meaning.accepted) {
      expect(meaning.message.startsWith('<html> <h1>502 Bad Gateway</h1>')).toBe(true);
      expect(meaning.message.length).toBeLessThanOrEqual(MAX_SHOWN_MESSAGE);
    }
  });

  test('a message of blanks is no message: the body or "(no message)" is shown (found by fuzzing)', () => {
    const json = text(JSON.stringify({ message: ' \n ' }));
    expect(interpretResponse(response(500, 'application/json', json))).toEqual({
      accepted: false,
      status: 500,
      message: '{"message":" \\n "}',
    });
    const status = protoType('google.rpc.Status');
    const proto = status.encode(status.create({ code: 13, message: '\t' })).finish();
    expect(interpretResponse(response(500, 'application/x-protobuf', proto))).toEqual({
      accepted: false,
      status: 500,
      message: '(no message)',
    });
    const partial = text(
      JSON.stringify({ partialSuccess: { rejectedSpans: 1, errorMessage: ' ' } }),
    );
    expect(interpretResponse(response(200, 'application/json', partial))).toEqual({
      accepted: true,
      rejectedSpans: 1,
      message: null,
    });
  });

  test('a protobuf count that is no count (a negative int64) reads as 0, as in JSON (found by fuzzing)', () => {
    const type = protoType(RESPONSE);
    const body = type
      .encode(type.create({ partialSuccess: { rejectedSpans: -1, errorMessage: 'odd' } }))
      .finish();
    expect(interpretResponse(response(200, 'application/x-protobuf', body))).toEqual({
      accepted: true,
      rejectedSpans: 0,
      message: 'odd',
    });
  });

  test('garbage never throws: random bytes under either content type', () => {
    for (let seed = 1; seed < 200; seed++) {
      const bytes = Uint8Array.from({ length: seed * 7 }, (_, i) => (i * 131 + seed * 17) % 256);
      for (const type of ['application/x-protobuf', 'application/json', '']) {
        expect(() => interpretResponse(response(seed % 2 ? 200 : 500, type, bytes))).not.toThrow();
      }
    }
  });
});

describe('messages for people', () => {
  test('control characters become spaces', () => {
    expect(excerpt('a\u0000b\r\nc\td')).toBe('a b c d');
  });

  test('a status with a hint says what to check', () => {
    expect(describeFailure(401, 'no')).toBe(
      '401 from the backend: check the export headers (authentication). It said: no',
    );
    expect(describeFailure(500, 'boom')).toBe('500 from the backend. It said: boom');
  });
});

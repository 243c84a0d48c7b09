/**
 * Fuzz (issue #13): what crosses a channel between contexts. The bridge reads what the MAIN-world
 * hook asks (the page shares that world), the hook reads what the bridge sends, and the background
 * reads every runtime message. Valid messages with parts broken, and junk.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  compileHookPlan,
  hookSettings,
  parseConfig,
  propagationSettings,
  type Config,
} from '../../../src/core/config';
import {
  createInjector,
  parseBaggage,
  parseTraceparent,
  parseTracestate,
} from '../../../src/core/propagation';
import { createHookState } from '../../../src/content/hook/state';
import { PROTOCOL_VERSION, readEnvelope } from '../../../src/shared/messages';
import {
  decodeHookPlan,
  encodeHookPlan,
  MAX_LEARN_NAMES,
  readBridgeMessage,
  readHookRequest,
} from '../../../src/shared/page-channel';
import { fcParams, PROPERTY_TIMEOUT_MS } from '../../support/fc-runs';
import { configArb } from '../config/arbitraries';
import { seededRandom } from '../propagation/arbitraries';
import { expectReadable, junkArb, leavesUnchanged } from './junk';
import { mutatedArb, mutatedTextArb } from './mutate';

const PAGE = 'https://app.example.com';

/** Settings with the test page enabled, so the plan is an active one more often than not. */
const enabledArb: fc.Arbitrary<Config> = fc
  .tuple(configArb, fc.boolean())
  .map(([config, on]) => ({ ...config, enabled: true, sites: on ? [PAGE] : config.sites }));

/** Strings only, holes included (which `every` alone would skip). */
const isStringList = (value: unknown, max: number): boolean =>
  Array.isArray(value) &&
  value.length <= max &&
  Array.from(value as unknown[]).every((v) => typeof v === 'string');

const hookRequestArb = fc.oneof(
  fc.record({
    type: fc.constant('learn'),
    id: fc.nat(),
    names: fc.array(fc.constantFrom('uberctx-tenant', 'uberctx-a'), { maxLength: 3 }),
  }),
  fc.record({
    type: fc.constant('plan'),
    id: fc.nat(),
    headers: fc.constant([
      ['traceparent', '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'],
      ['tracestate', 'vendor=1'],
      ['baggage', 'a=1'],
      ['b3', '4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1'],
    ]),
  }),
);

describe('the bridge reads what the hook asks', () => {
  test(
    'readHookRequest never throws or mutates; the plan the bridge makes for it writes valid headers',
    () => {
      fc.assert(
        fc.property(
          fc.oneof(
            { weight: 4, arbitrary: mutatedArb(hookRequestArb) },
            { weight: 1, arbitrary: junkArb },
          ),
          enabledArb,
          fc.nat(),
          (data, config, seed) => {
            const request = leavesUnchanged(data, readHookRequest);
            if (request === null) return;
            expect(Number.isSafeInteger(request.id)).toBe(true);
            if (request.type === 'learn') {
              expect(isStringList(request.names, MAX_LEARN_NAMES)).toBe(true);
              return;
            }
            expect(request.headers.length).toBeLessThanOrEqual(MAX_LEARN_NAMES);
            for (const line of request.headers) {
              expect(isStringList(line, 2)).toBe(true);
              expect(line).toHaveLength(2);
            }
            // As bridge.iife.ts plans: the request's lines as a header getter.
            const values = new Map(request.headers);
            const injector = createInjector(propagationSettings(config));
            const { headers } = injector.inject((name) => values.get(name), seededRandom(seed));
            if (headers['traceparent'] !== undefined) {
              expect(parseTraceparent(headers['traceparent'])).not.toBeNull();
            }
            if (headers['tracestate'] !== undefined) {
              expect(parseTracestate(headers['tracestate'])).not.toBeNull();
            }
            if (headers['baggage'] !== undefined) {
              expect(parseBaggage(headers['baggage']).length).toBeGreaterThan(0);
            }
          },
        ),
        fcParams,
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});

const bridgeMessageArb = fc.oneof(
  enabledArb.map((c) => ({
    type: 'settings',
    settings: encodeHookPlan(compileHookPlan(hookSettings(c, PAGE), PAGE)),
  })),
  fc.record({ type: fc.constant('learned'), id: fc.nat(), known: fc.constant(['uberctx-a']) }),
  fc.record({
    type: fc.constant('planned'),
    id: fc.nat(),
    plan: fc.constantFrom(null, {
      headers: { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' },
      remove: ['b3'],
    }),
  }),
);

describe('the hook reads what the bridge sends', () => {
  test(
    'readBridgeMessage never throws or mutates; what it returns has the shape the hook reads',
    () => {
      fc.assert(
        fc.property(
          fc.oneof(
            { weight: 4, arbitrary: mutatedArb(bridgeMessageArb) },
            { weight: 1, arbitrary: junkArb },
          ),
          (data) => {
            const message = leavesUnchanged(data, readBridgeMessage);
            if (message === null) return;
            if (message.type === 'settings') {
              expect(typeof message.settings).toBe('string');
              return;
            }
            expect(Number.isSafeInteger(message.id)).toBe(true);
            if (message.type === 'learned') {
              expect(isStringList(message.known, MAX_LEARN_NAMES)).toBe(true);
            } else if (message.plan !== null) {
              expect(Object.values(message.plan.headers).every((v) => typeof v === 'string')).toBe(
                true,
              );
              expect(isStringList(message.plan.remove, Infinity)).toBe(true);
            }
          },
        ),
        fcParams,
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  test(
    'decodeHookPlan never throws; it reads back what the bridge encodes, and the hook applies what it accepts',
    () => {
      const planArb = enabledArb.map((c) => compileHookPlan(hookSettings(c, PAGE), PAGE));
      fc.assert(
        fc.property(planArb, mutatedTextArb(planArb), (plan, text) => {
          expect(decodeHookPlan(encodeHookPlan(plan))).toEqual(plan);
          const decoded = decodeHookPlan(text);
          if (decoded === null) return;
          expect(typeof decoded.active).toBe('boolean');
          expect(Array.isArray(decoded.page) && Array.isArray(decoded.network)).toBe(true);
          expect(isStringList(decoded.uberctx, Infinity)).toBe(true);
          const state = createHookState(
            seededRandom(1),
            () => undefined,
            () => Promise.resolve(new Set()),
            () => Promise.resolve(null),
          );
          state.apply(decoded);
          expect(state.active).toBe(decoded.active);
        }),
        fcParams,
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});

const envelopeArb = fc.oneof(
  fc.constant({ protocol: PROTOCOL_VERSION, name: 'status/get', payload: null }),
  fc.constant({ protocol: PROTOCOL_VERSION, name: 'tab/get', payload: { tabId: 12 } }),
  fc.constant({
    protocol: PROTOCOL_VERSION,
    name: 'export/run',
    payload: { traceId: '4bf92f3577b34da6a3ce929d0e0e4736' },
  }),
  fc.constant({
    protocol: PROTOCOL_VERSION,
    name: 'uberctx/learn',
    payload: { names: ['uberctx-a'] },
  }),
  configArb.map((config) => ({ protocol: PROTOCOL_VERSION, name: 'config/set', payload: config })),
);

describe('the background reads every runtime message', () => {
  test(
    'readEnvelope never throws or mutates; it passes the message itself, or says what is wrong',
    () => {
      fc.assert(
        fc.property(
          fc.oneof(
            { weight: 4, arbitrary: mutatedArb(envelopeArb) },
            { weight: 1, arbitrary: junkArb },
          ),
          (message) => {
            const envelope = leavesUnchanged(message, readEnvelope);
            if (typeof envelope === 'string') {
              expectReadable(envelope);
              return;
            }
            expect(envelope).toBe(message);
            // config/set's payload is the settings parser's to judge, which never throws on it.
            if (envelope.name === 'config/set')
              expect(typeof parseConfig(envelope.payload).ok).toBe('boolean');
          },
        ),
        fcParams,
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});

import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { propagationSettings } from '../../../src/core/config';
import { createInjector } from '../../../src/core/propagation';
import { fillTemplate } from '../../../src/core/propagation/header-template';
import { compileHeaderTemplate } from '../../../src/core/propagation/header-template-compile';
import { configArb, FC_OPTIONS } from '../config/arbitraries';
import { PROPERTY_TIMEOUT_MS } from '../../support/fc-runs';
import { seededRandom } from './arbitraries';

describe('the page hook’s header template', () => {
  test(
    'gives, name for name and in order, what the injector writes on a request with no headers',
    () => {
      fc.assert(
        fc.property(configArb, fc.integer(), (config, seed) => {
          const settings = propagationSettings(config);
          // Through JSON, as the template crosses the page channel.
          const template = JSON.parse(
            JSON.stringify(compileHeaderTemplate(settings)),
          ) as ReturnType<typeof compileHeaderTemplate>;
          const injector = createInjector(settings);
          const ours = seededRandom(seed);
          const reference = seededRandom(seed);
          // Several requests, so that a ratio samples some and not others.
          for (let i = 0; i < 8; i++) {
            const planned = injector.inject(() => undefined, reference);
            expect(planned.remove).toEqual([]);
            expect(Object.entries(fillTemplate(template, ours))).toEqual(
              Object.entries(planned.headers),
            );
          }
        }),
        FC_OPTIONS,
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  test('user text that looks like an id hole stays as written', () => {
    const settings = {
      ...propagationSettings({
        ...configArbSample(),
      }),
      baggageEntries: [{ key: 'k', value: '\u0001\u0002', metadata: '' }],
      tracestate: 'vendor=\u0001',
    };
    const template = compileHeaderTemplate(settings);
    const headers = fillTemplate(template, seededRandom(1));
    const planned = createInjector(settings).inject(() => undefined, seededRandom(1));
    expect(headers).toEqual(planned.headers);
  });
});

function configArbSample() {
  const [config] = fc.sample(configArb, { numRuns: 1, seed: 7 });
  if (config === undefined) throw new Error('no sample');
  return config;
}

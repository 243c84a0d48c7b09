import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  backendLink,
  tempoPanes,
  type BackendLinkSettings,
} from '../../../src/core/otlp/backend-link';
import { validateBackendLink } from '../../../src/core/otlp/backend-link-validate';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN = '00f067aa0ba902b7';

describe('backendLink presets (DESIGN §8 "Trace links")', () => {
  test('Jaeger: {base}/trace/{traceId}?uiFind={spanId}', () => {
    const jaeger: BackendLinkSettings = { kind: 'jaeger', baseUrl: 'http://localhost:16686/' };
    expect(backendLink(jaeger, { traceId: TRACE, spanId: SPAN })).toBe(
      `http://localhost:16686/trace/${TRACE}?uiFind=${SPAN}`,
    );
    expect(backendLink(jaeger, { traceId: TRACE })).toBe(`http://localhost:16686/trace/${TRACE}`);
  });

  test('Zipkin: {base}/zipkin/traces/{traceId}', () => {
    expect(
      backendLink(
        { kind: 'zipkin', baseUrl: 'http://zipkin:9411' },
        { traceId: TRACE, spanId: SPAN },
      ),
    ).toBe(`http://zipkin:9411/zipkin/traces/${TRACE}`);
  });

  test('Grafana Tempo: Explore with the URL-encoded panes of one TraceQL query', () => {
    const link = backendLink(
      { kind: 'tempo', grafanaUrl: 'https://grafana.example.com', datasourceUid: 'tempo-uid' },
      { traceId: TRACE },
    );
    const expectedPanes =
      `{"trc":{"datasource":"tempo-uid","queries":[{"refId":"A","datasource":{"type":"tempo","uid":"tempo-uid"},` +
      `"queryType":"traceql","query":"${TRACE}"}],"range":{"from":"now-1h","to":"now"}}}`;
    expect(tempoPanes('tempo-uid', TRACE)).toBe(expectedPanes);
    expect(link).toBe(
      `https://grafana.example.com/explore?schemaVersion=1&orgId=1&panes=${encodeURIComponent(expectedPanes)}`,
    );
    const url = new URL(link ?? '');
    expect(JSON.parse(url.searchParams.get('panes') ?? '')).toEqual(JSON.parse(expectedPanes));
    expect(
      backendLink(
        { kind: 'tempo', grafanaUrl: 'https://g', datasourceUid: 'u', orgId: 3 },
        { traceId: TRACE },
      ),
    ).toContain('orgId=3&');
  });

  test('Honeycomb: names are escaped into the path', () => {
    const link = backendLink(
      { kind: 'honeycomb', team: 'my team', environment: 'prod', dataset: 'web/app' },
      { traceId: TRACE },
    );
    expect(link).toBe(
      `https://ui.honeycomb.io/my%20team/environments/prod/datasets/web%2Fapp/trace?trace_id=${TRACE}`,
    );
  });

  test('custom: every placeholder filled; no span id leaves it empty', () => {
    const custom: BackendLinkSettings = {
      kind: 'custom',
      template: 'https://obs.example.com/t/{traceId}?span={spanId}&again={traceId}',
    };
    expect(backendLink(custom, { traceId: TRACE, spanId: SPAN })).toBe(
      `https://obs.example.com/t/${TRACE}?span=${SPAN}&again=${TRACE}`,
    );
    expect(backendLink(custom, { traceId: TRACE })).toBe(
      `https://obs.example.com/t/${TRACE}?span=&again=${TRACE}`,
    );
  });

  test('ids that are not lowercase hex of the right length give no link', () => {
    const jaeger: BackendLinkSettings = { kind: 'jaeger', baseUrl: 'http://j' };
    for (const target of [
      { traceId: TRACE.toUpperCase() },
      { traceId: 'x' },
      { traceId: TRACE, spanId: 'zz' },
      { traceId: `${TRACE}/../x` },
    ]) {
      expect(backendLink(jaeger, target)).toBeNull();
    }
  });
});

describe('validateBackendLink', () => {
  test.each([
    [{ kind: 'jaeger', baseUrl: 'http://localhost:16686' }],
    [{ kind: 'zipkin', baseUrl: 'https://zipkin.example.com/prefix/' }],
    [
      {
        kind: 'tempo',
        grafanaUrl: 'https://grafana.example.com/grafana',
        datasourceUid: 'P214B5B846CF3925F',
        orgId: 2,
      },
    ],
    [{ kind: 'honeycomb', team: 't', environment: 'e', dataset: 'd' }],
    [{ kind: 'custom', template: 'https://x.example.com/{traceId}#{spanId}' }],
  ])('accepts %j', (raw) => {
    expect(validateBackendLink(raw)).toEqual({ ok: true, value: raw });
  });

  test.each([
    [null, ['backendLink must be an object']],
    [[], ['backendLink must be an object']],
    [
      { kind: 'datadog' },
      ['backendLink.kind must be one of jaeger, zipkin, tempo, honeycomb, custom'],
    ],
    [{ kind: 'jaeger' }, ['backendLink.baseUrl must be a string (an http(s) URL)']],
    [
      { kind: 'jaeger', baseUrl: 'javascript:alert(1)' },
      ['backendLink.baseUrl must start with http:// or https://'],
    ],
    [
      { kind: 'zipkin', baseUrl: 'ftp://z' },
      ['backendLink.baseUrl must start with http:// or https://'],
    ],
    [
      { kind: 'jaeger', baseUrl: 'http://j/?x=1' },
      ['backendLink.baseUrl must not have a query or fragment'],
    ],
    [{ kind: 'jaeger', baseUrl: 'http://' }, ['backendLink.baseUrl is not a valid URL']],
    [
      { kind: 'tempo', grafanaUrl: 'https://g', datasourceUid: ' ', orgId: 0 },
      [
        'backendLink.datasourceUid must be a non-empty string',
        'backendLink.orgId must be a whole number of 1 or more',
      ],
    ],
    [
      { kind: 'honeycomb', team: 't', environment: 'e' },
      ['backendLink.dataset must be a non-empty string'],
    ],
    [
      { kind: 'custom', template: 'https://x/{traceID}' },
      [
        'backendLink.template has an unknown placeholder {traceID}; use {traceId} or {spanId}',
        'backendLink.template must contain {traceId}',
      ],
    ],
    [
      { kind: 'custom', template: 'https://x/{traceId}/{' },
      ['backendLink.template has an unmatched { or }'],
    ],
    [
      { kind: 'custom', template: 'data:text/html,{traceId}' },
      ['backendLink.template must start with http:// or https://'],
    ],
    [
      { kind: 'custom', template: '{traceId}' },
      ['backendLink.template must start with http:// or https://'],
    ],
    [{ kind: 'custom', template: 7 }, ['backendLink.template must be a string']],
  ])('refuses %j with every reason', (raw, errors) => {
    expect(validateBackendLink(raw)).toEqual({ ok: false, errors });
  });

  test('errors name the place the config parser passes', () => {
    expect(validateBackendLink({ kind: 'jaeger' }, 'export.link')).toEqual({
      ok: false,
      errors: ['export.link.baseUrl must be a string (an http(s) URL)'],
    });
  });

  test('too long is refused', () => {
    const result = validateBackendLink({
      kind: 'custom',
      template: `https://x/{traceId}?${'a'.repeat(3000)}`,
    });
    expect(result.ok).toBe(false);
  });

  test('never throws; whatever it accepts makes an http(s) link', () => {
    const rawArb = fc.oneof(
      fc.anything(),
      fc.record({
        kind: fc.constantFrom('jaeger', 'zipkin', 'tempo', 'honeycomb', 'custom', 'x'),
        baseUrl: fc.oneof(fc.webUrl(), fc.string()),
        grafanaUrl: fc.oneof(fc.webUrl(), fc.string()),
        datasourceUid: fc.string(),
        team: fc.string(),
        environment: fc.string(),
        dataset: fc.string(),
        template: fc.oneof(
          fc.webUrl().map((u) => `${u}/{traceId}`),
          fc.string(),
        ),
      }),
    );
    fc.assert(
      fc.property(rawArb, (raw) => {
        const result = validateBackendLink(raw);
        if (!result.ok) {
          expect(result.errors.length).toBeGreaterThan(0);
          return;
        }
        const link = backendLink(result.value, { traceId: TRACE, spanId: SPAN }) ?? '';
        expect(link).toMatch(/^https?:\/\//i);
        expect(link).toContain(TRACE);
      }),
    );
  });
});

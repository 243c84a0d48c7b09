/**
 * The resource and scope an export names (OTLP "Resource", semantic conventions "service",
 * "telemetry" and "browser"): who produced the spans. Pure: the background passes in what the
 * browser says about itself.
 */
import type { ExportConfig } from '../config/parse-export';
import type { AttributeValue } from '../span/model';
import type { OtlpScope } from './json-types';

/** What the browser says about itself; fields it does not expose are left out. */
export interface BrowserInfo {
  /** navigator.userAgent. */
  readonly userAgent: string;
  /** navigator.userAgentData.brands as "Brand Version" (Chromium only). */
  readonly brands?: readonly string[];
  /** navigator.userAgentData.platform (Chromium only; never navigator.platform). */
  readonly platform?: string;
  /** navigator.userAgentData.mobile (Chromium only). */
  readonly mobile?: boolean;
  /** navigator.language. */
  readonly language?: string;
}

export const TELEMETRY_SDK_NAME = 'trace-capture';
/** The semantic conventions' value for JavaScript in a browser. */
export const TELEMETRY_SDK_LANGUAGE = 'webjs';

/**
 * The resource attributes: `service.name`, `telemetry.sdk.*` naming this extension, the
 * browser's own, then the user's `resourceAttributes` (which cannot replace `service.name`: the
 * settings refuse that key).
 */
export function exportResource(
  config: ExportConfig,
  browser: BrowserInfo,
  scope: OtlpScope,
): Record<string, AttributeValue> {
  const resource: Record<string, AttributeValue> = {
    'service.name': config.serviceName,
    'telemetry.sdk.name': TELEMETRY_SDK_NAME,
    'telemetry.sdk.language': TELEMETRY_SDK_LANGUAGE,
    'telemetry.sdk.version': scope.version ?? '',
    'user_agent.original': browser.userAgent,
  };
  if (browser.brands !== undefined && browser.brands.length > 0) {
    resource['browser.brands'] = browser.brands;
  }
  if (browser.platform !== undefined && browser.platform !== '') {
    resource['browser.platform'] = browser.platform;
  }
  if (browser.mobile !== undefined) resource['browser.mobile'] = browser.mobile;
  if (browser.language !== undefined && browser.language !== '') {
    resource['browser.language'] = browser.language;
  }
  for (const [key, value] of Object.entries(config.resourceAttributes)) resource[key] = value;
  return resource;
}

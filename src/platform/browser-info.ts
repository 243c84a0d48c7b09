import type { BrowserInfo } from '../core/otlp/resource';

interface UserAgentData {
  readonly brands?: readonly { readonly brand: string; readonly version: string }[];
  readonly platform?: string;
  readonly mobile?: boolean;
}

/**
 * What the browser says about itself, for the export resource: navigator.userAgentData where the
 * browser has it (Chromium), never navigator.platform (deprecated, and frozen in Chromium).
 */
export function browserInfo(): BrowserInfo {
  const data = (navigator as Navigator & { userAgentData?: UserAgentData }).userAgentData;
  const brands = data?.brands?.map(({ brand, version }) => `${brand} ${version}`);
  return {
    userAgent: navigator.userAgent,
    ...(brands === undefined ? {} : { brands }),
    ...(typeof data?.platform === 'string' ? { platform: data.platform } : {}),
    ...(typeof data?.mobile === 'boolean' ? { mobile: data.mobile } : {}),
    ...(navigator.language ? { language: navigator.language } : {}),
  };
}

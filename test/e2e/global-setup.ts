import { ensureBrowsers } from '../support/ensure-browsers';
import { assertBuilt } from '../support/ensure-built';

/** Runs once before the e2e suites: real browsers and fresh builds, or a clear stop. */
export default function setup(): void {
  ensureBrowsers();
  assertBuilt();
}

import { browser } from './browser';

/** Wakes the background after `delayMs` (alarms outlive a stopped service worker). */
export async function alarmIn(name: string, delayMs: number): Promise<void> {
  await browser.alarms.clear(name);
  await browser.alarms.create(name, { when: Date.now() + Math.max(delayMs, 0) });
}

/** Wakes the background every `periodSeconds`. */
export async function alarmEvery(name: string, periodSeconds: number): Promise<void> {
  await browser.alarms.clear(name);
  await browser.alarms.create(name, { periodInMinutes: periodSeconds / 60 });
}

export async function clearAlarm(name: string): Promise<void> {
  await browser.alarms.clear(name);
}

/** Registers the alarm listener; call it synchronously at top level, as every listener. */
export function onAlarm(listener: (name: string) => void): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    listener(alarm.name);
  });
}

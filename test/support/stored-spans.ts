import type { Worker } from 'playwright-core';
import type { RecordedSpan } from '../../src/core/span/model';

/**
 * Every span in the extension's IndexedDB, read from the service worker (same origin as the
 * devtools page that wrote them), with plain IndexedDB so the test does not share our store code.
 */
export function storedSpans(worker: Worker): Promise<RecordedSpan[]> {
  return worker.evaluate(
    () =>
      new Promise<RecordedSpan[]>((resolve, reject) => {
        const open = indexedDB.open('trace-capture');
        open.onerror = () => {
          reject(new Error(String(open.error)));
        };
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('spans')) {
            db.close();
            resolve([]);
            return;
          }
          const request = db.transaction('spans').objectStore('spans').getAll();
          request.onsuccess = () => {
            resolve(request.result as RecordedSpan[]);
            db.close();
          };
          request.onerror = () => {
            reject(new Error(String(request.error)));
          };
        };
      }),
  );
}

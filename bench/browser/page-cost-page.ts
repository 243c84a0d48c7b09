/**
 * The page of the in-page cost benchmark. It times its own requests with performance.now() and
 * posts each result to the loopback link, which answers with the next workload; no automation is
 * attached while it runs. Each request asks for a distinct URL that the server answers with a few
 * bytes and no-store, and reads the whole response, as an application does.
 */
import {
  readOpaqueParam,
  type PageParams,
  type PageReport,
  type Step,
  type Workload,
  type WorkloadResult,
} from './page-cost-protocol';

const { link, cross } = readOpaqueParam(
  new URLSearchParams(location.search).get('s'),
) as PageParams;
if (!URL.canParse(cross) || new URL(cross).origin === location.origin) {
  throw new Error(`the cross-origin API ${JSON.stringify(cross)} is not another origin`);
}
let sequence = 0;

async function post(report: PageReport): Promise<Step> {
  // One request per workload, outside the timed part (on the OTel side its XHR instrumentation
  // traces it, as it would any request of the page).
  const xhr = new XMLHttpRequest();
  const done = new Promise<Step>((resolve, reject) => {
    xhr.onload = () => {
      resolve(JSON.parse(xhr.responseText) as Step);
    };
    xhr.onerror = () => {
      reject(new Error(`the link ${link} did not answer`));
    };
  });
  xhr.open('POST', link);
  xhr.send(JSON.stringify(report));
  return done;
}

function url(workload: Workload): string {
  const base = workload.destination === 'same-origin' ? location.origin : cross;
  return `${base}/api?n=${String(sequence++)}`;
}

interface Counters {
  callMs: number;
  failed: number;
}

async function viaFetch(target: string, counters: Counters): Promise<void> {
  const started = performance.now();
  const response = fetch(target);
  counters.callMs += performance.now() - started;
  const answer = await response;
  await answer.text();
  if (answer.status !== 200) counters.failed++;
}

function viaXhr(target: string, counters: Counters): Promise<void> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.onloadend = () => {
      if (xhr.status !== 200 || xhr.responseText === '') counters.failed++;
      resolve();
    };
    xhr.open('GET', target);
    xhr.send();
  });
}

/** `count` requests, `concurrency` at a time. */
async function requests(workload: Workload, count: number, counters: Counters): Promise<void> {
  const one = workload.api === 'fetch' ? viaFetch : viaXhr;
  let left = count;
  const lane = async () => {
    while (left > 0) {
      left--;
      await one(url(workload), counters);
    }
  };
  await Promise.all(Array.from({ length: workload.concurrency }, lane));
}

async function run(workload: Workload): Promise<WorkloadResult> {
  await requests(workload, workload.warmup, { callMs: 0, failed: 0 });
  const counters: Counters = { callMs: 0, failed: 0 };
  const started = performance.now();
  await requests(workload, workload.requests, counters);
  return { ms: performance.now() - started, ...counters };
}

async function main(): Promise<void> {
  const otel = (globalThis as { __otelBench?: boolean }).__otelBench === true;
  let step = await post({ kind: 'ready', userAgent: navigator.userAgent, otel });
  while (step.kind === 'run') {
    step = await post({ kind: 'result', result: await run(step.workload) });
  }
  document.title = 'done';
}

void main();

/**
 * The loopback end of the self-timing page's conversation (export-protocol.ts): each POST from
 * the page carries its report and is answered with its next step, so Node can write the rounds
 * as straight-line code and do its own work (CPU snapshots, receiver checks) between steps.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { startServer } from '../../test/support/http-server';
import type { PageReport as ExportReport, Step as ExportStep } from './export-protocol';

export interface Exchange<PageReport = ExportReport, Step = ExportStep> {
  readonly report: PageReport;
  /** Answers the page with `step`; resolves with the report of what it did. */
  reply(step: Step): Promise<Exchange<PageReport, Step>>;
}

export interface PageLink<PageReport = ExportReport, Step = ExportStep> {
  /** Where the page posts: give it as `?report=`. */
  readonly url: string;
  /** The page's first report. */
  first(): Promise<Exchange<PageReport, Step>>;
  close(): Promise<void>;
}

export async function startPageLink<PageReport = ExportReport, Step = ExportStep>(): Promise<
  PageLink<PageReport, Step>
> {
  type Ex = Exchange<PageReport, Step>;
  const waiting: ((exchange: Ex) => void)[] = [];
  const early: Ex[] = [];
  const next = () =>
    new Promise<Ex>((resolve) => {
      const ready = early.shift();
      if (ready) resolve(ready);
      else waiting.push(resolve);
    });
  const route = (req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const exchange: Ex = {
        report: JSON.parse(body) as PageReport,
        reply(step) {
          res
            .writeHead(200, {
              'content-type': 'application/json',
              'access-control-allow-origin': '*',
            })
            .end(JSON.stringify(step));
          return next();
        },
      };
      const resolve = waiting.shift();
      if (resolve) resolve(exchange);
      else early.push(exchange);
    });
  };
  const server = await startServer({ '/step': route });
  return { url: `${server.origin}/step`, first: next, close: () => server.close() };
}

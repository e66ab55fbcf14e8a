/**
 * Main-thread tasks from a Chromium trace: every `RunTask` the renderer's main thread ran while the
 * trace was on (category devtools.timeline, the same events DevTools' Performance panel draws).
 * Unlike the longtask PerformanceObserver, this sees every task, not only those over 50 ms.
 */
import type { CDPSession, Page } from 'playwright-core';

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string; data?: { frames?: { processId?: number; url?: string }[] } };
}

export interface Tasks {
  /** Longest task in ms. */
  longest: number;
  /** How many tasks ran over 50 ms. */
  over50: number;
  count: number;
}

export class Tracer {
  private events: TraceEvent[] = [];
  private constructor(private session: CDPSession) {
    session.on('Tracing.dataCollected', (e: { value: TraceEvent[] }) => this.events.push(...e.value));
  }

  static async start(page: Page): Promise<Tracer> {
    const session = await page.context().newCDPSession(page);
    const tracer = new Tracer(session);
    await session.send('Tracing.start', {
      traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] },
      transferMode: 'ReportEvents'
    });
    return tracer;
  }

  /** Stop and summarise the main thread's tasks of the page's renderer. */
  async stop(): Promise<Tasks> {
    const done = new Promise<void>((resolve) => this.session.once('Tracing.tracingComplete', () => resolve()));
    await this.session.send('Tracing.end');
    await done;
    await this.session.detach();
    return mainThreadTasks(this.events);
  }
}

export function mainThreadTasks(events: TraceEvent[]): Tasks {
  // The page's renderer process is named by TracingStartedInBrowser; its main thread by metadata.
  const started = events.find((e) => e.name === 'TracingStartedInBrowser');
  const pids = new Set((started?.args?.data?.frames ?? []).map((f) => f.processId).filter((p) => p !== undefined));
  const mains = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const main = new Set(mains.filter((e) => pids.size === 0 || pids.has(e.pid)).map((e) => `${e.pid}:${e.tid}`));
  const tasks = events
    .filter((e) => e.name === 'RunTask' && e.ph === 'X' && main.has(`${e.pid}:${e.tid}`))
    .map((e) => (e.dur ?? 0) / 1000);
  return {
    longest: tasks.reduce((m, d) => Math.max(m, d), 0),
    over50: tasks.filter((d) => d > 50).length,
    count: tasks.length
  };
}

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
  /** Thread (CPU) time of the event, µs: excludes time the OS gave to other processes. */
  tdur?: number;
  args?: { name?: string; data?: { frames?: { processId?: number; url?: string }[] } };
}

export interface Tasks {
  /** Longest task in ms (wall clock, what a reader feels). */
  longest: number;
  /** Longest task's CPU time on the main thread, ms: the page's own work, whatever the machine's load. */
  longestCpu: number;
  /** Tasks over 50 ms: length, CPU time, start (ms after tracing began) and what took most of them. */
  long: { ms: number; cpuMs: number; at: number; inside: string }[];
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
  const onMain = events.filter((e) => e.ph === 'X' && main.has(`${e.pid}:${e.tid}`));
  const runs = onMain.filter((e) => e.name === 'RunTask');
  const tasks = runs.map((e) => (e.dur ?? 0) / 1000);
  // A reduce, not Math.min(...): a busy figure's trace holds more events than a call may take arguments.
  const t0 = events.reduce((m, e) => (e.ts > 0 && e.ts < m ? e.ts : m), Infinity);
  const long = runs
    .filter((e) => (e.dur ?? 0) > 50_000)
    .map((e) => ({ ms: e.dur! / 1000, cpuMs: (e.tdur ?? 0) / 1000, at: (e.ts - t0) / 1000, inside: inside(e, onMain) }));
  return {
    longest: tasks.reduce((m, d) => Math.max(m, d), 0),
    longestCpu: runs.reduce((m, e) => Math.max(m, (e.tdur ?? 0) / 1000), 0),
    long,
    over50: tasks.filter((d) => d > 50).length,
    count: tasks.length
  };
}

/** The events directly inside a task that took longest, e.g. "FunctionCall 180 ms, Layout 40 ms". */
function inside(task: TraceEvent, events: TraceEvent[]): string {
  const end = task.ts + (task.dur ?? 0);
  const byName = new Map<string, number>();
  for (const e of events) {
    if (e === task || e.name === 'RunTask' || e.ts < task.ts || e.ts >= end) continue;
    byName.set(e.name, (byName.get(e.name) ?? 0) + (e.dur ?? 0) / 1000);
  }
  return [...byName].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([n, d]) => `${n} ${d.toFixed(0)} ms`).join(', ');
}

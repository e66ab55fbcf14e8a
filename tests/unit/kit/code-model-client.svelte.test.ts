/**
 * The code model's client driving the real worker script (code-model.worker.ts), run in this
 * thread: a stand-in Worker hands each message to the script's onmessage and the script's
 * postMessage back to the client, both asynchronously, as the browser does.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { saveParams } from '$lib/engine';
import { parameterCount, parameters, type CodeTransformerConfig } from '$lib/models/code/code-transformer';
import { greedyContinuation } from '$lib/models/code/code-writer';
import type { CodeModelReply, CodeModelRequest } from '$lib/workers/code-model-protocol';
import { shakenCodeModel } from '../code/shaken-model';

const TINY: CodeTransformerConfig = { context: 16, dModel: 8, heads: 2, layers: 2, hidden: 12 };

/** A loaded client and the model it was given. */
async function loadedClient() {
  stubPage();
  const { CodeModelClient } = await import('$lib/workers/code-model-client.svelte');
  const m = shakenCodeModel(TINY, 3);
  const client = new CodeModelClient();
  client.load(saveParams(parameters(m), { config: JSON.stringify(TINY) }));
  await until(() => client.ready);
  return { m, client };
}

type Scope = { postMessage: (m: CodeModelReply) => void; onmessage: ((e: { data: CodeModelRequest }) => void) | null };

class InThreadWorker {
  static made: InThreadWorker[] = [];
  static replies: CodeModelReply[] = [];
  onmessage: ((e: { data: CodeModelReply }) => void) | null = null;
  onerror: unknown = null;
  onmessageerror: unknown = null;
  terminated = false;
  private readonly script: Promise<Scope>;
  constructor() {
    InThreadWorker.made.push(this);
    const scope = globalThis as unknown as Scope;
    scope.postMessage = (data) => {
      InThreadWorker.replies.push(data);
      setTimeout(() => !this.terminated && this.onmessage?.({ data }), 0);
    };
    this.script = import('$lib/workers/code-model.worker').then(() => scope);
  }
  postMessage(data: CodeModelRequest) {
    void this.script.then((scope) => setTimeout(() => scope.onmessage?.({ data: structuredClone(data) }), 0));
  }
  terminate() {
    this.terminated = true;
  }
}

function stubPage() {
  vi.stubGlobal('Worker', InThreadWorker);
  vi.stubGlobal('location', new URL('http://localhost/'));
  vi.stubGlobal('self', globalThis);
}

const until = async (done: () => boolean, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!done()) {
    if (Date.now() > end) throw new Error(`timed out: ${JSON.stringify(InThreadWorker.replies.map((r) => [r.type, 'id' in r ? r.id : '', 'chars' in r ? r.chars.length : '']).slice(-8))}`);
    await new Promise((r) => setTimeout(r, 2));
  }
};

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
  InThreadWorker.made = [];
  InThreadWorker.replies = [];
});

describe('the code model’s client and worker', () => {
  it('loads, writes what greedyContinuation writes, and opens a head', async () => {
    const { m, client } = await loadedClient();
    expect(client.info).toEqual({ parameters: parameterCount(m), context: 16, layers: 2, heads: 2, dModel: 8 });
    client.write('let ', 30);
    expect(client.writing).toBe(true);
    await until(() => !client.writing);
    expect(client.ended).toBe('finished');
    expect(client.written).toHaveLength(30);
    expect(client.text).toBe(greedyContinuation(m, 'let ', 30));
    client.attention('ab', 1, 1);
    await until(() => client.attentionReply !== null);
    expect(client.attentionReply!.labels).toEqual(['␂', 'a', 'b']);
    expect(client.attentionReply!.wq).toHaveLength(8 * 4);
    expect(InThreadWorker.made).toHaveLength(1);
  });

  it('a newer write replaces the one in progress, and stop stops between characters', async () => {
    const { m, client } = await loadedClient();
    client.write('a', 100_000);
    client.write('b', 12, { kind: 'sample', temperature: 1, seed: 5 });
    await until(() => !client.writing);
    expect(client.ended).toBe('finished');
    expect(Array.from(client.text)).toHaveLength(12);
    expect(InThreadWorker.replies).toContainEqual({ type: 'done', id: 1, reason: 'stopped' });

    client.write('c', 100_000);
    await until(() => client.written.length > 0);
    client.stop();
    expect(client.writing).toBe(false);
    await until(() => InThreadWorker.replies.some((r) => r.type === 'done' && r.id === 3));
    const kept = client.written.length;
    expect(kept).toBeLessThan(100_000);
    expect(client.ended).toBe('stopped');
    expect(client.text).toBe(greedyContinuation(m, 'c', Array.from(client.text).length));
  });
});

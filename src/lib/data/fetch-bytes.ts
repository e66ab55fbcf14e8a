/**
 * The one way the lecture loads a file it ships (weights, photos, metrics): fetch it, or fail with
 * a sentence that names the file for the reader. Reading the bytes is the models' job (bytes in,
 * model out, see src/lib/models); nothing there fetches.
 *
 * `what` names the file as the reader should see it: "the trained network", "indexer.safetensors".
 */

function failure(what: string, status: number): Error {
  return new Error(`could not load ${what} (HTTP ${status})`);
}

async function fetchOk(url: string, what: string): Promise<Response> {
  const response = await fetch(url);
  if (!response.ok) throw failure(what, response.status);
  return response;
}

/** A shipped file's bytes. */
export async function fetchBytes(url: string, what: string): Promise<Uint8Array> {
  return new Uint8Array(await (await fetchOk(url, what)).arrayBuffer());
}

/** A shipped JSON file, parsed (its shape is the caller's to know). */
export async function fetchJson<T>(url: string, what: string): Promise<T> {
  return (await fetchOk(url, what)).json() as Promise<T>;
}

/**
 * A shipped file's bytes, synchronously: only in a worker, whose training loop must reset without
 * waiting (a synchronous request is allowed there, never on the page).
 */
export function fetchBytesSync(url: string, what: string): Uint8Array {
  const request = new XMLHttpRequest();
  request.open('GET', url, false);
  request.responseType = 'arraybuffer';
  request.send();
  if (request.status !== 200) throw failure(what, request.status);
  return new Uint8Array(request.response as ArrayBuffer);
}

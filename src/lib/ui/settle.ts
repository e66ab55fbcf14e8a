/**
 * Hold back a stream of values until it rests: `push` many times, and `commit` receives the newest
 * value once no push has come for `settleMs`, or, if pushes never stop, at least every `maxWaitMs`.
 * The figure frame's polite description uses it so a screen reader hears one summary when a control
 * comes to rest, and a running training is still summarised now and then rather than never.
 */
export function settler<T>(settleMs: number, maxWaitMs: number, commit: (value: T) => void): (value: T) => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let waitingSince = 0;
  const flush = (value: T) => {
    waitingSince = 0;
    commit(value);
  };
  return (value: T) => {
    clearTimeout(timer);
    const now = Date.now();
    waitingSince ||= now;
    if (now - waitingSince >= maxWaitMs) flush(value);
    else timer = setTimeout(() => flush(value), settleMs);
  };
}

import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The browser-test files that take longest start first, so that two of them do not end the run with
 * one worker idle (a fresh clone has no timings for Vitest to order by; it would go by file size,
 * and embed.test.ts, small but long, would run last, alone). Only the order changes.
 */
const LONGEST_FIRST = ['keyboard', 'embed', 'smoke', 'open-simple-7-12', 'code-model', 'url-state-more', 'predict', 'subpath', 'print', 'offline', 'section2', 'uploads', 'own-data'];

const rank = (spec: TestSpecification) => {
  const i = LONGEST_FIRST.findIndex((name) => spec.moduleId.endsWith(`/${name}.test.ts`));
  return i < 0 ? LONGEST_FIRST.length : i;
};

export default class LongestFirst extends BaseSequencer {
  async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const byDefault = await super.sort(files);
    // Array.prototype.sort is stable: files outside the list keep Vitest's own order.
    return [...byDefault].sort((a, b) => rank(a) - rank(b));
  }
}

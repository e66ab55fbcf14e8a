import { describe, expect, it } from 'vitest';
import { logTicks, monthTicks } from '$lib/ui/ticks';

describe('axis ticks', () => {
  const start = new Date(Date.UTC(2020, 1, 29));
  it("marks every month on New York's five months", () => {
    expect(monthTicks(start, 154).map((t) => t.label)).toEqual(['Mar', 'Apr', 'May', 'Jun', 'Jul']);
  });
  it('thins the months on a long series and names each year', () => {
    const ticks = monthTicks(new Date(Date.UTC(2015, 0, 1)), 5000);
    expect(ticks.length).toBeLessThanOrEqual(15);
    expect(ticks[0]).toEqual({ value: 0, label: '2015' });
    expect(ticks.map((t) => t.label)).toContain('2028');
  });
  it('labels millions as M', () => {
    expect(logTicks(1, 1e6).map((t) => t.label)).toEqual(['1', '10', '100', '1k', '10k', '100k', '1M']);
  });
});

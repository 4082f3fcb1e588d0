// Commit frequency: non-merge commits by people per week over the window (team level).
import { weeks, workInWindow } from './context';
import { round } from './stats';
import type { MetricDefinition } from './types';

export const commitFrequency: MetricDefinition = {
  id: 'commitFrequency',
  category: 'speed',
  reads: 'headers',
  dated: 'author',
  title: 'Commit frequency',
  unit: '/week',
  better: 'higher',
  compute(ctx) {
    if (ctx.history.commits.length === 0) return { value: null, sampleSize: 0, commits: [] };
    const counted = workInWindow(ctx).map((c) => c.hash);
    return {
      value: round(counted.length / weeks(ctx)),
      sampleSize: counted.length,
      commits: counted,
      details: { commits: counted.length },
    };
  },
};

// Commit frequency: non-merge commits per week over the window (team level).
import { isMerge } from '../history';
import { inWindow } from '../window';
import { round } from './stats';
import type { MetricDefinition } from './types';

export const commitFrequency: MetricDefinition = {
  id: 'commitFrequency',
  title: 'Commit frequency',
  unit: '/week',
  better: 'higher',
  compute({ history, window }) {
    const counted = history.commits.filter((c) => !isMerge(c) && inWindow(window, c.authorTime)).map((c) => c.hash);
    if (history.commits.length === 0) return { value: null, sampleSize: 0, commits: [] };
    return {
      value: round(counted.length / (window.days / 7)),
      sampleSize: counted.length,
      commits: counted,
      details: { commits: counted.length },
    };
  },
};

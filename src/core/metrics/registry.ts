// Every metric the extension knows, by the id used in kpi.json.
import type { MetricId } from '../model';
import { bugFixTurnaround } from './bugFixTurnaround';
import { commitFrequency } from './commitFrequency';
import type { MetricDefinition } from './types';

export const METRICS: Readonly<Record<MetricId, MetricDefinition>> = {
  commitFrequency,
  bugFixTurnaround,
};

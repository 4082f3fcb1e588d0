// Every metric the extension knows, by the id used in kpi.json.
import type { MetricId } from '../kpiJson/model';
import { activeContributors, codingDays } from './activity';
import { bugFixTurnaround } from './bugFixTurnaround';
import { commitFrequency } from './commitFrequency';
import { changeFailureRate, deploymentFrequency, leadTime } from './delivery';
import { changeSize, fixShare, integrationFrequency, reviewCoverage, revertRate } from './landing';
import type { MetricDefinition } from './types';

export const METRICS: Readonly<Record<MetricId, MetricDefinition>> = {
  commitFrequency,
  activeContributors,
  codingDays,
  integrationFrequency,
  changeSize,
  fixShare,
  revertRate,
  bugFixTurnaround,
  reviewCoverage,
  deploymentFrequency,
  leadTime,
  changeFailureRate,
};

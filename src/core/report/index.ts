// One entry point for every report format, used by the CLI and by "KPI: Export Report".
import type { Evaluation } from '../evaluation/types';
import { toReport } from './data';
import { renderHtml } from './html';
import { renderCsv, renderJson, renderMarkdown, renderOpenMetrics } from './render';

export const REPORT_FORMATS = ['md', 'html', 'csv', 'json', 'openmetrics'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const REPORT_EXTENSIONS: Readonly<Record<ReportFormat, string>> = {
  md: 'md',
  html: 'html',
  csv: 'csv',
  json: 'json',
  openmetrics: 'prom',
};

/** `repository` names the repository in OpenMetrics labels. */
export function renderReport(evaluation: Evaluation, format: ReportFormat, repository: string): string {
  const report = toReport(evaluation);
  switch (format) {
    case 'md':
      return renderMarkdown(report);
    case 'html':
      return renderHtml(report);
    case 'csv':
      return renderCsv(report);
    case 'json':
      return renderJson(report);
    case 'openmetrics':
      return renderOpenMetrics(report, repository);
  }
}

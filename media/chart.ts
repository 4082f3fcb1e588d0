// Draws a card's trend chart with uPlot on a canvas: the weekly values, the target as a
// line or a band, and the forecast to the deadline with its uncertainty band. Colours and
// font come from VS Code's --vscode-* variables, read when the chart is drawn.
import uPlot from 'uplot';
import type { DashboardChart, DashboardLabels } from '../src/ui/protocol';

const HEIGHT = 170;
const UTC = 'Etc/UTC';
const WHOLE_INCRS = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10_000, 100_000, 1_000_000];

interface Palette {
  readonly actual: string;
  readonly target: string;
  readonly forecast: string;
  readonly text: string;
  readonly grid: string;
  readonly font: string;
}

/** A CSS colour with its alpha replaced, via the canvas parser (handles #rgb, #rrggbbaa, rgb()). */
function withAlpha(color: string, alpha: number): string {
  const ctx = document.createElement('canvas').getContext('2d');
  if (!ctx) return color;
  ctx.fillStyle = '#000';
  ctx.fillStyle = color;
  const parsed = ctx.fillStyle; // "#rrggbb" or "rgba(r, g, b, a)"
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(parsed);
  if (hex) return `rgba(${parseInt(hex[1]!, 16)}, ${parseInt(hex[2]!, 16)}, ${parseInt(hex[3]!, 16)}, ${alpha})`;
  const rgb = /^rgba?\(([^,]+),([^,]+),([^,)]+)/.exec(parsed);
  return rgb ? `rgba(${rgb[1]!.trim()}, ${rgb[2]!.trim()}, ${rgb[3]!.trim()}, ${alpha})` : parsed;
}

function palette(): Palette {
  const css = getComputedStyle(document.body);
  const v = (name: string, fallback: string): string => css.getPropertyValue(name).trim() || fallback;
  const size = parseFloat(css.fontSize) || 13;
  return {
    actual: v('--vscode-charts-blue', '#1a85ff'),
    target: v('--vscode-charts-green', '#388a34'),
    forecast: v('--vscode-charts-blue', '#1a85ff'),
    text: v('--vscode-descriptionForeground', '#717171'),
    grid: withAlpha(v('--vscode-charts-lines', v('--vscode-foreground', '#808080')), 0.18),
    font: `${Math.round(size * 0.85)}px ${css.fontFamily}`,
  };
}

export interface ChartHandle {
  destroy(): void;
}

/** The aligned columns uPlot draws, with a series (and bands) for actual, target and forecast. */
interface Layers {
  readonly xs: number[];
  readonly data: (number | null)[][];
  readonly series: uPlot.Series[];
  readonly bands: uPlot.Band[];
}

function layers(chart: DashboardChart, labels: DashboardLabels, p: Palette): Layers {
  const f = chart.forecast;
  const xs = [...new Set([...chart.x, ...(f ? [f.from, f.to] : [])])].sort((a, b) => a - b);
  const at = (x: number, series: readonly number[], values: readonly (number | null)[]): number | null => {
    const i = series.indexOf(x);
    return i < 0 ? null : (values[i] ?? null);
  };
  const values = xs.map((x) => at(x, chart.x, chart.values));
  // Provisional weeks: a second, dashed series with hollow points from the last settled week
  // on (so the line joins), and the settled series stops there.
  const from = chart.provisionalFrom;
  const lastSettled = from === undefined ? -1 : xs.reduce((last, x, i) => (x < from && values[i] !== null ? i : last), -1);
  const settled = from === undefined ? values : values.map((v, i) => (xs[i]! < from ? v : null));
  const data: (number | null)[][] = [xs, settled];
  const series: uPlot.Series[] = [
    {},
    { label: labels.actual, stroke: p.actual, width: 2, spanGaps: false, points: { size: 5, fill: p.actual } },
  ];
  if (from !== undefined) {
    data.push(values.map((v, i) => (xs[i]! >= from || i === lastSettled ? v : null)));
    series.push({
      label: `${labels.actual} (${labels.provisional})`,
      stroke: p.actual,
      width: 2,
      dash: [3, 3],
      spanGaps: false,
      points: {
        size: 6,
        width: 1.5,
        fill: 'transparent',
        stroke: p.actual,
        filter: (_u, _s, show) => (show ? provisionalPoints(xs, from) : null),
      },
    });
  }
  const bands: uPlot.Band[] = [];
  const noPoints = { show: false };
  const t = chart.target;
  if (t?.kind === 'line') {
    data.push(xs.map(() => t.value));
    series.push({ label: labels.target, stroke: p.target, width: 1.5, dash: [4, 4], points: noPoints });
  } else if (t?.kind === 'band') {
    data.push(
      xs.map(() => t.high),
      xs.map(() => t.low),
    );
    series.push(
      { label: labels.target, stroke: withAlpha(p.target, 0.6), width: 1, dash: [4, 4], points: noPoints },
      { label: labels.target, stroke: withAlpha(p.target, 0.6), width: 1, dash: [4, 4], points: noPoints },
    );
    bands.push({ series: [data.length - 2, data.length - 1], fill: withAlpha(p.target, 0.12) });
  }
  if (f) {
    const only = (a: number, b: number) => xs.map((x) => (x === f.from ? a : x === f.to ? b : null));
    data.push(only(f.fromValue, f.value), only(f.fromValue, f.high), only(f.fromValue, f.low));
    series.push(
      { label: labels.forecast, stroke: p.forecast, width: 2, dash: [6, 4], spanGaps: true, points: noPoints },
      { label: labels.forecast, stroke: 'transparent', width: 0, spanGaps: true, points: noPoints },
      { label: labels.forecast, stroke: 'transparent', width: 0, spanGaps: true, points: noPoints },
    );
    bands.push({ series: [data.length - 2, data.length - 1], fill: withAlpha(p.forecast, 0.22) });
  }
  return { xs, data, series, bands };
}

/** The indexes of the provisional weeks' points (the joining settled point keeps its own, filled). */
function provisionalPoints(xs: readonly number[], from: number): number[] {
  return xs.flatMap((x, i) => (x >= from ? [i] : []));
}

/** Writes the value under the pointer (or the projection at the deadline) as text into `readout`. */
function readoutHook(readout: HTMLElement, chart: DashboardChart, l: Layers, labels: DashboardLabels, locale: string): (u: uPlot) => void {
  const fullDay = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
  const num = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const f = chart.forecast;
  const unit = chart.unit === '' ? '' : /^[/%]/.test(chart.unit) ? chart.unit : ` ${chart.unit}`;
  return (u) => {
    const i = u.cursor.idx;
    if (i === null || i === undefined) {
      readout.textContent = '';
      return;
    }
    const x = l.xs[i]!;
    const value = l.data[1]![i] ?? (chart.provisionalFrom !== undefined && x >= chart.provisionalFrom ? l.data[2]![i] : null);
    const late = chart.provisionalFrom !== undefined && x >= chart.provisionalFrom && value !== null && value !== undefined;
    const projected = f && x === f.to ? f.value : null;
    const shown = value ?? projected;
    readout.textContent =
      shown === null || shown === undefined
        ? fullDay.format(new Date(x))
        : `${fullDay.format(new Date(x))}: ${num.format(shown)}${unit}${value === null || value === undefined ? ` (${labels.forecast})` : late ? ` (${labels.provisional})` : ''}`;
  };
}

function axes(chart: DashboardChart, p: Palette, locale: string): uPlot.Axis[] {
  const day = new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' });
  const num = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  // Counts (people, commits) get whole-number ticks.
  const whole = chart.values.every((v) => v === null || Number.isInteger(v));
  const axis = { stroke: p.text, font: p.font, grid: { stroke: p.grid, width: 1 }, ticks: { stroke: p.grid, width: 1, size: 4 } };
  return [
    { ...axis, size: 32, space: 48, values: (_u, splits) => splits.map((ms) => day.format(new Date(ms))) },
    { ...axis, size: 44, space: 24, ...(whole ? { incrs: WHOLE_INCRS } : {}), values: (_u, splits) => splits.map((v) => num.format(v)) },
  ];
}

/**
 * Draws `chart` into `host` (sized to its width) and keeps it sized. `readout` shows the
 * value under the pointer as text.
 */
export function drawChart(
  host: HTMLElement,
  readout: HTMLElement,
  chart: DashboardChart,
  labels: DashboardLabels,
  locale: string,
): ChartHandle {
  const p = palette();
  const l = layers(chart, labels, p);
  const opts: uPlot.Options = {
    width: Math.max(200, host.clientWidth),
    height: HEIGHT,
    ms: 1,
    tzDate: (ts) => uPlot.tzDate(new Date(ts), UTC),
    legend: { show: false },
    cursor: { drag: { x: false, y: false }, points: { size: 7 } },
    padding: [8, 16, 0, 0],
    scales: { x: { time: true } },
    axes: axes(chart, p, locale),
    series: l.series,
    bands: l.bands,
    hooks: { setCursor: [readoutHook(readout, chart, l, labels, locale)] },
  };
  const plot = new uPlot(opts, l.data as uPlot.AlignedData, host);
  const resize = new ResizeObserver(() => {
    const width = Math.max(200, host.clientWidth);
    if (width !== plot.width) plot.setSize({ width, height: HEIGHT });
  });
  resize.observe(host);
  return {
    destroy: () => {
      resize.disconnect();
      plot.destroy();
    },
  };
}

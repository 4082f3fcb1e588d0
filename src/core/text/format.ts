// Human-readable values and targets, shared by every view and report. A value shown next to
// its target never contradicts its status: rules in docs/status.md ("Rounding").
import type { Target } from '../kpiJson/model';
import { meetsTarget } from '../evaluation/status';

/** The most decimals a value is rounded to; a value that needs more is shown exactly. */
const MAX_DECIMALS = 10;

function trimZeros(text: string): string {
  const t = text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
  return t === '-0' ? '0' : t;
}

/** Decimals for a plain value: none from 100, one from 1, two significant digits below 1. */
function defaultDecimals(value: number): number {
  const abs = Math.abs(value);
  if (abs >= 100) return 0;
  if (abs >= 1 || abs === 0) return 1;
  return Math.min(MAX_DECIMALS, 1 - Math.floor(Math.log10(abs)));
}

function fixed(value: number, decimals: number): string {
  return trimZeros(value.toFixed(decimals));
}

export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return value > 0 ? '∞' : value < 0 ? '-∞' : '—';
  if (Number.isInteger(value)) return String(value);
  return fixed(value, defaultDecimals(value));
}

/** A number the user wrote (a target, a bound): shown exactly as JSON gave it, never rounded. */
export function formatExact(value: number): string {
  return Number.isFinite(value) ? String(value) : formatNumber(value);
}

function withUnit(n: string, unit: string): string {
  if (unit === '') return n;
  return /^[/%]/.test(unit) ? `${n}${unit}` : `${n} ${unit}`;
}

/** "3.5/week", "41 h"; units that start with "/" or "%" attach without a space. */
export function formatValue(value: number | null, unit: string): string {
  if (value === null) return '—';
  return withUnit(formatNumber(value), unit);
}

/**
 * A KPI's value beside its target: as formatValue, with more decimals when the rounded value
 * would seem to meet (or miss) a target the value misses (or meets): 99.96 against ≥ 100 is
 * "99.96", not "100". Past MAX_DECIMALS it is shown exactly.
 */
export function formatValueForTarget(value: number | null, target: Target | undefined, unit: string): string {
  if (value === null || !target || !Number.isFinite(value) || Number.isInteger(value)) return formatValue(value, unit);
  const met = meetsTarget(value, target);
  for (let d = defaultDecimals(value); d <= MAX_DECIMALS; d++) {
    const text = fixed(value, d);
    if (meetsTarget(Number(text), target) === met) return withUnit(text, unit);
  }
  return withUnit(String(value), unit);
}

export function formatTarget(target: Target | undefined, unit: string): string {
  if (!target) return '';
  switch (target.direction) {
    case 'atLeast':
    case 'increaseTo':
      return `≥ ${withUnit(formatExact(target.value ?? 0), unit)}`;
    case 'atMost':
    case 'decreaseTo':
      return `≤ ${withUnit(formatExact(target.value ?? 0), unit)}`;
    case 'range':
      return `${formatExact(target.min ?? 0)}–${withUnit(formatExact(target.max ?? 0), unit)}`;
  }
}

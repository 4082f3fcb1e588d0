// Human-readable values and targets, shared by every view and report.
import type { Target } from '../kpiJson/model';

export function formatNumber(value: number): string {
  if (Number.isInteger(value)) return String(value);
  const abs = Math.abs(value);
  const text = value.toFixed(abs >= 100 ? 0 : 1).replace(/\.0$/, '');
  return text === '-0' ? '0' : text;
}

/** "3.5/week", "41 h"; units that start with "/" or "%" attach without a space. */
export function formatValue(value: number | null, unit: string): string {
  if (value === null) return '—';
  const n = formatNumber(value);
  if (unit === '') return n;
  return /^[/%]/.test(unit) ? `${n}${unit}` : `${n} ${unit}`;
}

export function formatTarget(target: Target | undefined, unit: string): string {
  if (!target) return '';
  switch (target.direction) {
    case 'atLeast':
    case 'increaseTo':
      return `≥ ${formatValue(target.value ?? 0, unit)}`;
    case 'atMost':
    case 'decreaseTo':
      return `≤ ${formatValue(target.value ?? 0, unit)}`;
    case 'range':
      return `${formatNumber(target.min ?? 0)}–${formatValue(target.max ?? 0, unit)}`;
  }
}

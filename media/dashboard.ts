// The dashboard webview. Every string it shows comes from git or kpi.json and is hostile:
// it is rendered with textContent only, never parsed as HTML. Charts are drawn from numbers.
import 'uplot/dist/uPlot.min.css';
import './dashboard.css';
import type { DashboardCard, DashboardLabels, DashboardModel, DashboardSection, FromWebview, ToWebview } from '../src/ui/protocol';
import { drawChart, type ChartHandle } from './chart';

interface VsCodeApi {
  postMessage(message: FromWebview): void;
  setState(state: unknown): void;
  getState(): unknown;
}
declare function acquireVsCodeApi(): VsCodeApi;

/** What survives a reload of the webview: which cards show their commits. */
interface ViewState {
  readonly expanded: readonly string[];
}

const vscode = acquireVsCodeApi();
const app = document.getElementById('app')!;
const saved = vscode.getState() as Partial<ViewState> | undefined;
const expanded = new Set<string>(Array.isArray(saved?.expanded) ? saved.expanded.filter((x): x is string => typeof x === 'string') : []);
let charts: ChartHandle[] = [];
let current: DashboardModel | undefined;

const ICONS: Record<DashboardCard['status'], string> = {
  met: 'pass-filled',
  onTrack: 'pass',
  atRisk: 'warning',
  offTrack: 'error',
  noData: 'circle-slash',
  noTarget: 'circle-large-outline',
};

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function icon(name: string): HTMLElement {
  const i = el('span', `codicon codicon-${name}`);
  i.setAttribute('aria-hidden', 'true');
  return i;
}

function progress(c: DashboardCard): HTMLElement | undefined {
  if (!c.progress) return undefined;
  const root = el('div', 'kpi-progress');
  const bar = el('div', 'progress-bar');
  bar.setAttribute('role', 'img');
  bar.setAttribute('aria-label', c.progress.text);
  const fill = el('div', 'progress-fill');
  fill.style.width = `${c.progress.actual * 100}%`;
  const mark = el('div', 'progress-mark');
  mark.style.left = `${c.progress.expected * 100}%`;
  bar.append(fill, mark);
  root.append(bar, el('div', 'progress-text', c.progress.text));
  return root;
}

function forecast(c: DashboardCard): HTMLElement | undefined {
  if (!c.forecast) return undefined;
  const root = el('div', `kpi-forecast verdict-${c.forecast.verdict}`);
  root.append(el('span', 'verdict', c.forecast.label), el('span', 'reason', c.forecast.reason));
  if (c.forecast.projection) root.title = c.forecast.projection;
  return root;
}

function chart(c: DashboardCard, labels: DashboardLabels, locale: string): HTMLElement {
  const root = el('figure', 'kpi-chart');
  if (!c.chart) {
    root.append(el('p', 'no-chart', labels.noChart));
    return root;
  }
  const plot = el('div', 'chart-plot');
  plot.setAttribute('role', 'img');
  plot.setAttribute('aria-label', c.chart.label);
  plot.title = c.chart.label;
  const legend = el('figcaption', 'chart-legend');
  const key = (kind: string, text: string): HTMLElement => {
    const item = el('span', `legend-item legend-${kind}`);
    item.append(el('span', 'swatch'), el('span', undefined, text));
    return item;
  };
  legend.append(key('actual', labels.actual));
  if (c.chart.provisionalFrom !== undefined) legend.append(key('provisional', labels.provisional));
  if (c.chart.target) legend.append(key(c.chart.target.kind === 'band' ? 'target-band' : 'target', labels.target));
  if (c.chart.forecast) legend.append(key('forecast', labels.forecast));
  const readout = el('span', 'chart-readout');
  readout.setAttribute('aria-hidden', 'true');
  legend.append(readout);
  root.append(plot, legend);
  const data = c.chart;
  // Drawn once the figure is in the document, so that it knows its width.
  queueMicrotask(() => charts.push(drawChart(plot, readout, data, labels, locale)));
  return root;
}

function commits(c: DashboardCard, labels: DashboardLabels, open: boolean): HTMLElement {
  const list = el('ol', 'kpi-commits');
  list.id = `commits-${c.id}`;
  list.hidden = !open;
  if (c.commits.length === 0) list.append(el('li', 'no-commits', labels.noCommits));
  for (const commit of c.commits) {
    const li = el('li');
    // A button: a click or Enter opens the commit's changes in VS Code's diff editor.
    const open = el('button', 'commit-open');
    open.type = 'button';
    open.title = labels.openCommit;
    open.dataset.commit = commit.id;
    const id = el('code', 'commit-id', commit.short);
    open.append(id);
    if (commit.subject !== undefined) open.append(el('span', 'commit-subject', commit.subject));
    open.addEventListener('click', () => vscode.postMessage({ type: 'openCommit', id: commit.id }));
    li.append(open);
    list.append(li);
  }
  if (c.moreCommits) list.append(el('li', 'more-commits', c.moreCommits));
  return list;
}

function card(c: DashboardCard, labels: DashboardLabels, locale: string): HTMLElement {
  const root = el('article', `kpi-card status-${c.status}`);
  root.dataset.kpiId = c.id;
  root.tabIndex = 0;
  const open = expanded.has(c.id);
  const head = el('header', 'kpi-head');
  head.append(el('h3', 'kpi-name', c.name));
  const status = el('span', 'kpi-status');
  status.append(icon(ICONS[c.status]), el('span', undefined, c.statusText));
  head.append(status);
  const figures = el('div', 'kpi-figures');
  figures.append(el('div', 'kpi-value', c.value), el('div', 'kpi-target', c.target));
  root.append(head, figures);
  for (const part of [progress(c), forecast(c)]) if (part) root.append(part);
  for (const a of c.alerts) {
    const alert = el('div', 'kpi-alert');
    alert.append(icon('warning'), el('span', undefined, a));
    root.append(alert);
  }
  root.append(chart(c, labels, locale));
  const facts = el('dl', 'kpi-facts');
  for (const f of c.facts) facts.append(el('dt', undefined, f.label), el('dd', undefined, f.value));
  root.append(facts);

  const toggle = el('button', 'kpi-counted');
  toggle.type = 'button';
  toggle.setAttribute('aria-controls', `commits-${c.id}`);
  const list = commits(c, labels, open);
  const chevron = icon(open ? 'chevron-down' : 'chevron-right');
  toggle.append(chevron, el('span', undefined, c.counted));
  const setOpen = (value: boolean): void => {
    list.hidden = !value;
    toggle.setAttribute('aria-expanded', String(value));
    toggle.title = value ? labels.hideCommits : labels.showCommits;
    chevron.className = `codicon codicon-${value ? 'chevron-down' : 'chevron-right'}`;
    root.classList.toggle('expanded', value);
    if (value) expanded.add(c.id);
    else expanded.delete(c.id);
    vscode.setState({ expanded: [...expanded] } satisfies ViewState);
  };
  setOpen(open);
  root.append(toggle, list);
  // The whole card is the drill-down target: a click anywhere (but on the commit list or a
  // text selection) or Enter/Space on the focused card toggles the commits.
  root.addEventListener('click', (e) => {
    if (list.contains(e.target as Node) || (window.getSelection()?.toString() ?? '') !== '') return;
    setOpen(list.hidden);
  });
  root.addEventListener('keydown', (e) => {
    // On the button itself, Enter and Space already click.
    if ((e.key === 'Enter' || e.key === ' ') && e.target === root) {
      e.preventDefault();
      setOpen(list.hidden);
    }
  });
  return root;
}

function section(s: DashboardSection, model: DashboardModel): HTMLElement {
  const root = el('section', 'objective');
  const head = el('header', 'objective-head');
  const h = el('h2', 'objective-name', s.name);
  head.append(h, el('span', 'objective-summary', s.summary));
  if (s.score) {
    const score = el('span', `objective-score ${s.score.success ? 'okr-success' : 'okr-short'}`);
    score.append(icon(s.score.success ? 'star-full' : 'star-empty'), el('span', undefined, `${s.score.text} · ${s.score.successText}`));
    head.append(score);
  }
  root.append(head);
  if (s.meta.length > 0) {
    const meta = el('div', 'objective-meta');
    for (const m of s.meta) meta.append(el('span', undefined, m));
    root.append(meta);
  }
  const grid = el('div', 'cards');
  grid.append(...s.cards.map((c) => card(c, model.labels, model.locale)));
  root.append(grid);
  return root;
}

function notice(kind: 'error' | 'warning' | 'info', text: string, labels: DashboardLabels): HTMLElement {
  const root = el('div', `notice notice-${kind}`);
  root.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  root.append(icon(kind === 'info' ? 'info' : kind), el('span', undefined, text));
  if (kind === 'error') {
    const open = el('button', 'link-button', labels.openKpiFile);
    open.addEventListener('click', () => vscode.postMessage({ type: 'openKpiFile' }));
    root.append(open);
  }
  return root;
}

function render(model: DashboardModel): void {
  current = model;
  charts.forEach((c) => c.destroy());
  charts = [];
  const header = el('header', 'page-head');
  header.append(el('h1', undefined, model.title), el('span', 'updated', model.updated));
  const refresh = el('button', 'icon-button');
  refresh.title = model.labels.refresh;
  refresh.setAttribute('aria-label', model.labels.refresh);
  refresh.append(icon('refresh'));
  refresh.addEventListener('click', () => vscode.postMessage({ type: 'refresh' }));
  header.append(refresh);
  const parts: HTMLElement[] = [header];
  if (model.notice) parts.push(notice(model.notice.kind, model.notice.text, model.labels));
  if (model.alerts.length > 0) {
    const alerts = el('div', 'notice notice-warning alerts');
    alerts.setAttribute('role', 'status');
    const list = el('ul');
    for (const a of model.alerts) list.append(el('li', undefined, a));
    const body = el('div');
    body.append(el('strong', undefined, model.labels.alertsTitle), list);
    alerts.append(icon('warning'), body);
    parts.push(alerts);
  }
  if (model.sections.length === 0 && !model.notice) parts.push(el('p', 'empty', model.empty));
  parts.push(...model.sections.map((s) => section(s, model)));
  if (model.quality.length > 0) {
    const q = el('section', 'quality');
    q.append(el('h2', 'quality-title', model.qualityTitle));
    const list = el('ul', 'quality-list');
    for (const n of model.quality) {
      const li = el('li', `quality-${n.kind}`);
      li.append(icon(n.kind === 'warning' ? 'warning' : 'info'), el('span', undefined, n.text));
      list.append(li);
    }
    q.append(list);
    parts.push(q);
  }
  app.replaceChildren(...parts);
  if (model.focus !== undefined) {
    const target = [...document.querySelectorAll<HTMLElement>('.kpi-card')].find((n) => n.dataset.kpiId === model.focus);
    target?.scrollIntoView({ block: 'center' });
    target?.focus();
  }
}

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const msg = event.data;
  if (msg && msg.type === 'model') render(msg.model);
});

// A theme switch changes the --vscode-* colours the charts were drawn with: draw them again.
new MutationObserver(() => {
  if (current) render(current);
}).observe(document.body, { attributes: true, attributeFilter: ['class'] });

vscode.postMessage({ type: 'ready' });

// The dashboard webview. Every string it shows comes from git or kpi.json and is hostile:
// it is rendered with textContent only, never parsed as HTML.
import type { DashboardCard, DashboardModel, FromWebview, ToWebview } from '../src/ui/protocol';

interface VsCodeApi {
  postMessage(message: FromWebview): void;
  setState(state: unknown): void;
  getState(): unknown;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const app = document.getElementById('app')!;

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

function card(c: DashboardCard): HTMLElement {
  const root = el('article', `kpi-card status-${c.status}`);
  root.dataset.kpiId = c.id;
  root.tabIndex = 0;
  const head = el('header', 'kpi-head');
  head.append(el('h3', 'kpi-name', c.name));
  const status = el('span', 'kpi-status');
  status.append(icon(ICONS[c.status]), el('span', undefined, c.statusText));
  head.append(status);
  root.append(head, el('div', 'kpi-value', c.value), el('div', 'kpi-target', c.target));
  const meta = el('div', 'kpi-meta');
  meta.append(el('span', 'kpi-metric', c.metric), el('span', 'kpi-window', c.window), el('span', 'kpi-counted', c.counted));
  root.append(meta);
  return root;
}

function render(model: DashboardModel): void {
  const header = el('header', 'page-head');
  header.append(el('h1', undefined, model.title));
  const refresh = el('button', 'icon-button');
  refresh.title = 'Refresh';
  refresh.setAttribute('aria-label', 'Refresh');
  refresh.append(icon('refresh'));
  refresh.addEventListener('click', () => vscode.postMessage({ type: 'refresh' }));
  header.append(refresh);
  const parts: HTMLElement[] = [header];
  if (model.notice) {
    const notice = el('div', `notice notice-${model.notice.kind}`);
    notice.setAttribute('role', model.notice.kind === 'error' ? 'alert' : 'status');
    notice.append(icon(model.notice.kind === 'info' ? 'info' : model.notice.kind), el('span', undefined, model.notice.text));
    if (model.notice.kind === 'error') {
      const open = el('button', 'link-button', 'kpi.json');
      open.addEventListener('click', () => vscode.postMessage({ type: 'openKpiFile' }));
      notice.append(open);
    }
    parts.push(notice);
  }
  if (model.sections.length === 0 && !model.notice) parts.push(el('p', 'empty', model.empty));
  for (const s of model.sections) {
    const section = el('section', 'objective');
    const h = el('h2', 'objective-name', s.name);
    h.append(el('span', 'objective-summary', s.summary));
    const grid = el('div', 'cards');
    grid.append(...s.cards.map(card));
    section.append(h, grid);
    parts.push(section);
  }
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
  parts.push(el('footer', 'updated', model.updated));
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

vscode.postMessage({ type: 'ready' });

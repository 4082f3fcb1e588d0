// The dashboard webview panel: one at a time, restored after reload by a serializer.
import * as vscode from 'vscode';
import { Commands, KPI_FILE, Views } from '../ids';
import type { KpiService } from '../kpiService';
import { isFromWebview, type ToWebview } from '../protocol';
import { renderWebviewHtml, webviewOptions } from '../webviewHtml';
import { dashboardModel } from './model';
import { Disposable, toDisposable } from '../lifecycle';

export class DashboardController extends Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private ready = false;
  private focus: string | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly service: KpiService,
  ) {
    super();
    this.register(toDisposable(() => this.panel?.dispose()));
    this.register(service.onDidChange(() => this.post()));
    this.register(
      vscode.window.registerWebviewPanelSerializer(Views.dashboard, {
        deserializeWebviewPanel: async (panel) => this.adopt(panel),
      }),
    );
  }

  /** Opens (or reveals) the dashboard, optionally scrolled to one KPI. */
  show(focus?: string): void {
    this.focus = focus;
    if (this.panel) {
      this.panel.reveal();
      this.post();
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      Views.dashboard,
      vscode.l10n.t('KPI Dashboard'),
      vscode.ViewColumn.Active,
      webviewOptions(this.extensionUri),
    );
    this.adopt(panel);
  }

  get isOpen(): boolean {
    return this.panel !== undefined;
  }

  private adopt(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    this.ready = false;
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'kpi.svg');
    panel.webview.options = webviewOptions(this.extensionUri);
    panel.webview.html = renderWebviewHtml(panel.webview, this.extensionUri, {
      title: vscode.l10n.t('KPI Dashboard'),
      scripts: ['webview.js'],
      styles: ['codicon.css', 'webview.css'],
    });
    const sub = panel.webview.onDidReceiveMessage((msg: unknown) => {
      if (!isFromWebview(msg)) return; // untrusted input: ignore anything unexpected
      switch (msg.type) {
        case 'ready':
          this.ready = true;
          this.post();
          return;
        case 'refresh':
          void vscode.commands.executeCommand(Commands.refresh);
          return;
        case 'openCommit':
          void vscode.commands.executeCommand(Commands.openCommit, msg.id);
          return;
        case 'openKpiFile': {
          const s = this.service.state;
          if ('folder' in s) void vscode.window.showTextDocument(vscode.Uri.joinPath(s.folder, KPI_FILE));
          return;
        }
      }
    });
    panel.onDidDispose(() => {
      sub.dispose();
      this.panel = undefined;
      this.ready = false;
    });
  }

  private post(): void {
    if (!this.panel || !this.ready) return;
    // Focus a KPI once, when asked; later refreshes keep the user's scroll position.
    const focus = this.focus;
    this.focus = undefined;
    const message: ToWebview = { type: 'model', model: dashboardModel(this.service.state, focus) };
    void this.panel.webview.postMessage(message);
  }
}

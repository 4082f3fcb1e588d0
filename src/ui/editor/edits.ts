// The one conversion from the core's text offsets (jsonc-parser edits, problem spans) to
// VS Code ranges and WorkspaceEdits.
import type { Edit } from 'jsonc-parser';
import * as vscode from 'vscode';

export function offsetRange(document: vscode.TextDocument, offset: number, length: number): vscode.Range {
  return new vscode.Range(document.positionAt(offset), document.positionAt(offset + length));
}

export function toWorkspaceEdit(document: vscode.TextDocument, edits: readonly Edit[]): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const e of edits) edit.replace(document.uri, offsetRange(document, e.offset, e.length), e.content);
  return edit;
}

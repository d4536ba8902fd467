import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { PreviewState } from '../../../webview/src/protocol';
import type { LazyModules } from '../modules';

/** The preview page's HTML and webview options: scripts and styles only from dist/webview, a fresh nonce each time. */

export function webviewRoot(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return { enableScripts: true, enableFindWidget: true, localResourceRoots: [webviewRoot(extensionUri)] };
}

export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, modules: LazyModules, state: PreviewState): string {
  const root = webviewRoot(extensionUri);
  const asset = (...path: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(root, ...path)).toString();
  return modules.render().previewHtml({
    cspSource: webview.cspSource,
    nonce: randomBytes(16).toString('base64'),
    scriptUri: asset('preview.js'),
    styleUris: [asset('katex.min.css'), asset('preview.css')],
    state,
  });
}

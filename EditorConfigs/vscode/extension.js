// Tally for VS Code: starts `tally lsp` for .tally documents.
'use strict';

const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client;

function serverCommand() {
  const path = vscode.workspace.getConfiguration('tally').get('server.path') || 'tally';
  return { command: path, args: ['lsp'] };
}

async function startClient() {
  const server = serverCommand();
  client = new LanguageClient(
    'tally',
    'Tally',
    { run: server, debug: server },
    {
      documentSelector: [{ language: 'tally' }],
      synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/tally.json') },
    },
  );
  await client.start();
}

async function activate(context) {
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration('tally.server.path')) {
        if (client) await client.stop();
        await startClient();
      }
    }),
  );
  try {
    await startClient();
  } catch (error) {
    vscode.window.showErrorMessage(
      `Tally: could not start "${serverCommand().command} lsp" (set tally.server.path): ${error.message || error}`);
  }
}

async function deactivate() {
  if (client) await client.stop();
}

module.exports = { activate, deactivate };

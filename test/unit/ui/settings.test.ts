// The per-person breakdown is the user's choice alone: the manifest gives the setting the
// application scope (VS Code keeps it out of workspace and folder settings), and the value
// the extension reads ignores any workspace, folder or language value that gets through.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { userOnly } from '../../../src/ui/settings';

describe('ui/settings: a workspace cannot change privacy', () => {
  it('perPersonBreakdown has the application scope in package.json, off by default', () => {
    const pkg = JSON.parse(readFileSync(path.resolve(__dirname, '../../../../package.json'), 'utf8')) as {
      contributes: { configuration: { properties: Record<string, { scope?: string; default?: unknown }> } };
    };
    const setting = pkg.contributes.configuration.properties['engineeringKpis.perPersonBreakdown'];
    assert.equal(setting?.scope, 'application');
    assert.equal(setting?.default, false);
  });

  it("reads the user's value only", () => {
    const key = 'engineeringKpis.perPersonBreakdown';
    assert.equal(
      userOnly({ key, defaultValue: false, workspaceValue: true, workspaceFolderValue: true, workspaceFolderLanguageValue: true }, false),
      false,
    );
    assert.equal(userOnly({ key, defaultValue: false, globalValue: true, workspaceValue: false }, false), true);
    assert.equal(userOnly({ key, defaultValue: false, globalValue: false, workspaceValue: true }, false), false);
    assert.equal(userOnly(undefined, false), false);
  });
});

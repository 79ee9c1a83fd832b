import { describe, expect, it } from 'vitest';
import { affectedApps, matrixEntry, parseTurboLs } from '../src/affected-apps';
import { deployableApps } from '../src/prune-build/apps';

const apps = deployableApps();
const api = apps.find((a) => a.kind === 'api')!;
const web = apps.find((a) => a.kind === 'web')!;

describe('affected-apps: which images a change rebuilds', () => {
  it("takes turbo's affected packages: an app that is affected, and no other", () => {
    expect(affectedApps([api.packageName, '@repo/e2e'], apps)).toEqual([api.name]);
    expect(affectedApps([web.packageName], apps)).toEqual([web.name]);
    expect(affectedApps(['@repo/doctor'], apps)).toEqual([]);
  });

  it("rebuilds every API, and not web, when the bundler's package changes", () => {
    expect(affectedApps(['@repo/deploy-tools'], apps)).toEqual(
      apps.filter((a) => a.kind === 'api').map((a) => a.name),
    );
  });

  it("reads turbo ls's JSON after its banner line", () => {
    const output =
      '• turbo 2.11.11\n{"packageManager":"pnpm9","packages":{"count":1,"items":[{"name":"@repo/web","path":"apps/web"}]}}\n';
    expect(parseTurboLs(output)).toEqual(['@repo/web']);
  });

  it("names each app's deploy-hook secret in the characters GitHub allows", () => {
    expect(matrixEntry('profile-api')).toEqual({
      app: 'profile-api',
      hookSecret: 'DEPLOY_HOOK_PROFILE_API',
    });
  });
});

import * as fs from 'fs';
import * as path from 'path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { pruneLockfile } = require('../tools/prune-lockfile.js') as { pruneLockfile: (lock: unknown) => string[] };

describe('package-lock.json', () => {
  test('installs with `npm ci`: no optional dependency edge without a recorded package (run `npm run lockfile`)', () => {
    const lock = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package-lock.json'), 'utf8'));
    expect(pruneLockfile(lock)).toEqual([]);
  });

  test('pruning removes exactly the dangling optional edges', () => {
    const lock = { packages: {
      '': { dependencies: { a: '1' } },
      'node_modules/a': { version: '1', optionalDependencies: { 'a-linux': '1', 'a-darwin': '1' } },
      'node_modules/a-linux': { version: '1', optional: true },
    } };
    expect(pruneLockfile(lock)).toEqual(['node_modules/a -> a-darwin']);
    expect(lock.packages['node_modules/a']).toEqual({ version: '1', optionalDependencies: { 'a-linux': '1' } });
  });
});

/**
 * The layers import one way: `catalog/` (facts about Azure services, regions, naming rules, the model and
 * private DNS zone tables, the suppression API, the APIM policy XML model) is below both the constructs and
 * the policy engine, and neither of those imports the other.
 */
import * as fs from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '../..');

/** Every .ts file under `dir`, relative to the repository root. */
function sources(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(relative);
    return entry.name.endsWith('.ts') ? [relative] : [];
  });
}

/** The top-level folders a file's relative imports reach (`constructs`, `policy`, `catalog`, ...). */
function importedLayers(file: string): string[] {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  const specifiers = [...text.matchAll(/(?:from|import\()\s*'(\.[^']+)'/g)].map((m) => m[1]);
  return specifiers.map((s) => path.relative(root, path.resolve(path.dirname(path.join(root, file)), s)).split(path.sep)[0]);
}

const violations = (dir: string, forbidden: readonly string[]) => sources(dir)
  .flatMap((file) => importedLayers(file).filter((layer) => forbidden.includes(layer)).map((layer) => `${file} imports ${layer}/`));

describe('layering', () => {
  test('the policy engine does not import the constructs', () => {
    expect(violations('policy', ['constructs', 'stacks', 'environments'])).toEqual([]);
  });

  test('the constructs do not import the policy engine', () => {
    expect(violations('constructs', ['policy', 'stacks', 'environments'])).toEqual([]);
  });

  test('the catalog imports neither', () => {
    expect(violations('catalog', ['constructs', 'policy', 'stacks', 'environments', 'tools'])).toEqual([]);
  });

  test('the scan sees imports (a check that cannot fail would prove nothing)', () => {
    expect(importedLayers('policy/rules/pe/_zones.ts')).toContain('catalog');
    expect(importedLayers('stacks/platform-stack.ts')).toEqual(expect.arrayContaining(['constructs', 'environments']));
  });
});

/**
 * DOT -> SVG with Graphviz compiled to WebAssembly (`@hpcc-js/wasm-graphviz`): no Graphviz install,
 * no network. The package is ESM-only; it runs in a child Node process (`graphviz-render.mjs`) so
 * the same code path works under ts-node and under Jest, whose CommonJS runtime cannot load it.
 */
import { execFileSync } from 'child_process';
import * as path from 'path';

const RENDERER = path.join(__dirname, 'graphviz-render.mjs');

/** Renders each DOT source to an SVG document, in order. Throws with Graphviz's message on a syntax error. */
export function renderSvg(dots: readonly string[]): string[] {
  if (dots.length === 0) return [];
  let output: string;
  try {
    output = execFileSync(process.execPath, [RENDERER], {
      input: JSON.stringify(dots),
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
  } catch (e) {
    const stderr = (e as { stderr?: string }).stderr?.trim();
    throw new Error(`Graphviz rendering failed: ${stderr || (e as Error).message}`);
  }
  return JSON.parse(output) as string[];
}

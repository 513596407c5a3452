// Renders DOT graphs to SVG with Graphviz compiled to WebAssembly (offline). Reads a JSON array of
// DOT sources on stdin, writes a JSON array of SVG documents on stdout. Run as a child process by
// svg.ts: the package is ESM-only, which Jest's CommonJS module runtime cannot load.
import { readFileSync } from 'node:fs';
import { Graphviz } from '@hpcc-js/wasm-graphviz';

const sources = JSON.parse(readFileSync(0, 'utf8'));
const graphviz = await Graphviz.load();
process.stdout.write(JSON.stringify(sources.map((dot) => graphviz.dot(dot, 'svg'))));

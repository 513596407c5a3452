/**
 * Summarizes a V8 `.cpuprofile` (from `node --cpu-prof`): self time by function and by module, so the
 * benchmark can name the top costs instead of guessing.
 */
import * as path from 'path';

/** The parts of V8's CPU profile format this reads. */
export interface CpuProfile {
  readonly nodes: readonly {
    readonly id: number;
    readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  }[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
  readonly startTime: number;
  readonly endTime: number;
}

export interface ProfileEntry {
  readonly name: string;
  readonly selfMs: number;
  /** Share of all sampled time, 0-100. */
  readonly percent: number;
}

export interface ProfileSummary {
  readonly totalMs: number;
  readonly byModule: readonly ProfileEntry[];
  readonly byFunction: readonly ProfileEntry[];
}

/**
 * Groups a script URL: `node_modules/<package>` (scoped packages included), the project file relative
 * to `root`, `node:internal` for Node's own code, and V8's pseudo-frames ((garbage collector), (program), ...).
 */
export function moduleOf(url: string, functionName: string, root: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const file = url.startsWith('file://') ? decodeURIComponent(url.slice('file://'.length)) : url;
  if (file.startsWith('node:')) return 'node:internal';
  const nm = file.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const parts = file.slice(nm + '/node_modules/'.length).split('/');
    return `npm:${parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]}`;
  }
  return path.isAbsolute(file) ? path.relative(root, file) : file;
}

/** Self time per module and per function, largest first, `top` of each. */
export function summarizeProfile(profile: CpuProfile, root: string, top = 15): ProfileSummary {
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const totalUs = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const byModule = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const node of profile.nodes) {
    const us = selfUs.get(node.id) ?? 0;
    if (us === 0) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const mod = moduleOf(url, functionName, root);
    byModule.set(mod, (byModule.get(mod) ?? 0) + us);
    // Line numbers of TypeScript files are those of the transpiled code (ts-node has no source maps in a profile): left out.
    const where = url.endsWith('.ts') ? mod : `${mod}:${lineNumber + 1}`;
    const fn = url ? `${functionName || '(anonymous)'} ${where}` : functionName || '(anonymous)';
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
  }
  const rank = (m: Map<string, number>): ProfileEntry[] => [...m.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, us]) => ({ name, selfMs: round(us / 1000), percent: round((100 * us) / (totalUs || 1)) }));
  return { totalMs: round(totalUs / 1000), byModule: rank(byModule), byFunction: rank(byFunction) };
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

/** `npm run cost`: the library behind the CLI (tools/cost.ts), for tests and other tools. */
export type { CostLine, Estimate, EstimateOptions, PtuLine, TokenLine, UnpricedItem } from './estimate';
export { estimate } from './estimate';
export type { ChangeKind, CostDiff, DiffEntry } from './diff';
export { diff } from './diff';
export type { PriceGroup, PriceTable, RegionFactor } from './prices';
export { PriceTableError, loadPriceTable, validatePriceTable } from './prices';
export { renderDiffJson, renderDiffMarkdown, renderDiffText, renderJson, renderMarkdown, renderText, toJsonReport } from './render';

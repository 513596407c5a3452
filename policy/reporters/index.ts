export { toJson } from './json';
export { toMarkdown } from './markdown';
export { toSarif, SarifOptions } from './sarif';
export { toText } from './text';

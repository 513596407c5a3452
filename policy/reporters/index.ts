export { toJson } from './json';
export { toMarkdown } from './markdown';
export { toSarif, SarifOptions, docsUrlFromEnvironment, ruleAnchor } from './sarif';
export { toText } from './text';

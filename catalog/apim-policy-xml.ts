/**
 * API Management policy XML as a small ordered tree, parsed with a real XML parser (fast-xml-parser,
 * element order and attributes preserved), and the walks over it. Below both the gateway construct (which
 * validates the policies it renders) and the policy engine (which reviews them in plans), so neither
 * imports the other.
 *
 * APIM accepts C# policy expressions (`@(...)`, `@{...}`) that are not well-formed XML (generics such
 * as `As<JObject>()`, quotes inside attribute values); they are escaped before parsing, as the gateway
 * does. Terraform interpolations (`${...}`) may appear inside the XML and are kept verbatim.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export const POLICY_SECTIONS = ['inbound', 'backend', 'outbound', 'on-error'] as const;
export type PolicySection = (typeof POLICY_SECTIONS)[number];

/** One policy element: its name, attributes, child elements (in document order) and text content. */
export interface PolicyElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly PolicyElement[];
  /** Concatenated text and CDATA content (trimmed), e.g. the expression in `<vary-by>`. */
  readonly text: string;
}

/** A parsed `<policies>` document; a section is absent when the document does not declare it. */
export interface PolicyDocument {
  readonly sections: Readonly<Partial<Record<PolicySection, readonly PolicyElement[]>>>;
}

export type PolicyParseResult =
  | { readonly ok: true; readonly policy: PolicyDocument }
  | { readonly ok: false; readonly error: string };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: true,
  allowBooleanAttributes: true,
});

type OrderedNode = Record<string, unknown>;

const parseCache = new Map<string, PolicyParseResult>();

/** Parses policy XML (`<policies>` with `inbound` / `backend` / `outbound` / `on-error` sections); results are cached. */
export function parsePolicy(xml: string): PolicyParseResult {
  const cached = parseCache.get(xml);
  if (cached) return cached;
  if (parseCache.size > 2000) parseCache.clear();
  const result = parseUncached(xml);
  parseCache.set(xml, result);
  return result;
}

function parseUncached(xml: string): PolicyParseResult {
  const source = escapeExpressions(xml);
  const valid = XMLValidator.validate(source);
  if (valid !== true) {
    return { ok: false, error: `line ${valid.err.line}, column ${valid.err.col}: ${valid.err.msg}` };
  }
  let nodes: OrderedNode[];
  try {
    nodes = parser.parse(source) as OrderedNode[];
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
  const roots = nodes.map(toElement).filter((e): e is PolicyElement => e !== undefined);
  if (roots.length !== 1 || roots[0].name !== 'policies') {
    return { ok: false, error: `expected one <policies> root element, found ${roots.map((r) => `<${r.name}>`).join(', ') || 'none'}` };
  }
  const sections: Partial<Record<PolicySection, PolicyElement[]>> = {};
  for (const child of roots[0].children) {
    if (!(POLICY_SECTIONS as readonly string[]).includes(child.name)) {
      return { ok: false, error: `unexpected <${child.name}> under <policies> (expected inbound, backend, outbound, on-error)` };
    }
    if (sections[child.name as PolicySection]) return { ok: false, error: `<${child.name}> is declared twice` };
    sections[child.name as PolicySection] = [...child.children];
  }
  return { ok: true, policy: { sections } };
}

function toElement(node: OrderedNode): PolicyElement | undefined {
  const name = Object.keys(node).find((k) => k !== ':@' && !k.startsWith('#') && !k.startsWith('?'));
  if (!name) return undefined;
  const raw = (node[':@'] ?? {}) as Record<string, unknown>;
  const attributes: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) attributes[k] = v === true ? '' : String(v);
  const content = (node[name] ?? []) as OrderedNode[];
  const children: PolicyElement[] = [];
  const text: string[] = [];
  for (const child of content) {
    if ('#text' in child) text.push(String(child['#text']));
    else {
      const element = toElement(child);
      if (element) children.push(element);
    }
  }
  return { name, attributes, children, text: text.join('').trim() };
}

/**
 * Escapes C# policy expressions so that an XML parser accepts them: inside `@(...)` / `@{...}` (in
 * element text or as a whole attribute value) `<` and bare `&` are escaped, and so is the attribute's
 * own quote character. Comments and CDATA are left alone.
 */
export function escapeExpressions(xml: string): string {
  let out = '';
  let i = 0;
  let inTag = false;
  let quote: '"' | "'" | undefined;
  while (i < xml.length) {
    if (!inTag && xml.startsWith('<!--', i)) {
      const end = xml.indexOf('-->', i);
      const stop = end < 0 ? xml.length : end + 3;
      out += xml.slice(i, stop);
      i = stop;
      continue;
    }
    if (!inTag && xml.startsWith('<![CDATA[', i)) {
      const end = xml.indexOf(']]>', i);
      const stop = end < 0 ? xml.length : end + 3;
      out += xml.slice(i, stop);
      i = stop;
      continue;
    }
    const c = xml[i];
    const atExpression = c === '@' && (xml[i + 1] === '(' || xml[i + 1] === '{') && (!inTag || quote !== undefined);
    if (atExpression) {
      const end = expressionEnd(xml, i + 1);
      if (end > 0) {
        out += escapeExpression(xml.slice(i, end), quote);
        i = end;
        continue;
      }
    }
    if (inTag) {
      if (quote) {
        if (c === quote) quote = undefined;
      } else if (c === '"' || c === "'") {
        quote = c;
      } else if (c === '>') {
        inTag = false;
      }
    } else if (c === '<') {
      inTag = true;
    }
    out += c;
    i += 1;
  }
  return out;
}

/** Index just past the bracket that closes the one at `open`, skipping C# string and char literals; -1 if unbalanced. */
function expressionEnd(s: string, open: number): number {
  const pairs: Record<string, string> = { '(': ')', '{': '}', '[': ']' };
  const stack: string[] = [];
  let i = open;
  while (i < s.length) {
    const c = s[i];
    if (c === '"' || c === "'") {
      // A string literal: the escaped attribute quote (&quot;) never reaches here, a raw one does.
      let j = i + 1;
      while (j < s.length && s[j] !== c) j += s[j] === '\\' ? 2 : 1;
      i = j + 1;
      continue;
    }
    if (pairs[c]) stack.push(pairs[c]);
    else if (c === ')' || c === '}' || c === ']') {
      if (stack.pop() !== c) return -1;
      if (stack.length === 0) return i + 1;
    }
    i += 1;
  }
  return -1;
}

function escapeExpression(expression: string, quote: '"' | "'" | undefined): string {
  let out = expression
    .replace(/&(?!(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);)/g, '&amp;')
    .replace(/</g, '&lt;');
  if (quote === '"') out = out.replace(/"/g, '&quot;');
  if (quote === "'") out = out.replace(/'/g, '&apos;');
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Walking the tree

/** A match found by `findElements`: the element and the index of the top-level element containing it. */
export interface FoundElement<E extends PolicyElement = PolicyElement> {
  readonly element: PolicyElement;
  /** The section's top-level element the match is in (itself when it is top level). */
  readonly top: E;
  readonly topIndex: number;
}

/** Every element named one of `names` in `elements` and their descendants, depth first. */
export function findElements<E extends PolicyElement>(elements: readonly E[], names: readonly string[]): FoundElement<E>[] {
  const wanted = names.map((n) => n.toLowerCase());
  const found: FoundElement<E>[] = [];
  const visit = (element: PolicyElement, top: E, topIndex: number) => {
    if (wanted.includes(element.name.toLowerCase())) found.push({ element, top, topIndex });
    element.children.forEach((child) => visit(child, top, topIndex));
  };
  elements.forEach((e, i) => visit(e, e, i));
  return found;
}

/** The first child element named `name`, if any. */
export function childNamed(element: PolicyElement, name: string): PolicyElement | undefined {
  return element.children.find((c) => c.name.toLowerCase() === name.toLowerCase());
}

/** An attribute value, looked up case-insensitively. */
export function attr(element: PolicyElement, name: string): string | undefined {
  const key = Object.keys(element.attributes).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : element.attributes[key];
}

/** True for a policy expression (`@(...)` / `@{...}`): its value is computed per request. */
export function isPolicyExpression(value: string): boolean {
  return /^\s*@[({]/.test(value);
}

/**
 * Mermaid flowchart of an architecture: one subgraph per layer, shapes by node kind, arrows by
 * edge kind. GitHub renders it in Markdown.
 */
import { Architecture, DiagramEdge, DiagramNode, EdgeKind, NodeKind, nodesByLayer } from './model';

/** Mermaid arrow per edge kind: thick for the request path, dashed for roles, dotted links for identities. */
const ARROWS: Record<EdgeKind, string> = {
  'request': '==>',
  'private-link': '-->',
  'subnet': '---',
  'contains': '---',
  'identity': '-.-',
  'role': '-.->',
};

const SHAPES: Record<NodeKind, [string, string]> = {
  'resource': ['["', '"]'],
  'private-endpoint': ['{{"', '"}}'],
  'identity': ['(["', '"])'],
  'external': ['[["', '"]]'],
};

const CLASSES: Record<NodeKind, string> = {
  'resource': 'fill:#f5f5f5,stroke:#666666,color:#222222',
  'private-endpoint': 'fill:#e8f0fe,stroke:#3b6fd6,color:#1a3d8f',
  'identity': 'fill:#fff4d6,stroke:#b7950b,color:#5c4a05',
  'external': 'fill:#ffffff,stroke:#555555,stroke-dasharray:4 3,color:#222222',
};

const LINK_STYLES: Partial<Record<EdgeKind, string>> = {
  'request': 'stroke:#c0392b,stroke-width:3px',
  'private-link': 'stroke:#3b6fd6',
  'role': 'stroke:#7d3c98',
  'identity': 'stroke:#b7950b',
};

export function toMermaid(arch: Architecture): string {
  const out: string[] = ['flowchart LR'];
  const byLayer = nodesByLayer(arch);

  for (const node of byLayer.get(undefined) ?? []) out.push(`  ${nodeText(node)}`);
  for (const layer of arch.layers) {
    const nodes = byLayer.get(layer.id) ?? [];
    out.push(`  subgraph ${layer.id}["${escapeLabel(`${layer.role} layer: ${layer.resourceGroup}`)}"]`);
    for (const node of nodes) out.push(`    ${nodeText(node)}`);
    out.push('  end');
  }
  for (const edge of arch.edges) out.push(`  ${edgeText(edge)}`);

  for (const [kind, style] of Object.entries(CLASSES)) out.push(`  classDef ${className(kind as NodeKind)} ${style}`);
  for (const kind of Object.keys(CLASSES) as NodeKind[]) {
    const ids = arch.nodes.filter((n) => n.kind === kind).map((n) => n.id);
    if (ids.length > 0) out.push(`  class ${ids.join(',')} ${className(kind)}`);
  }
  for (const [kind, style] of Object.entries(LINK_STYLES)) {
    const indexes = arch.edges.map((e, i) => (e.kind === kind ? i : -1)).filter((i) => i >= 0);
    if (indexes.length > 0) out.push(`  linkStyle ${indexes.join(',')} ${style}`);
  }
  return `${out.join('\n')}\n`;
}

function nodeText(node: DiagramNode): string {
  const [open, close] = SHAPES[node.kind];
  return `${node.id}${open}${node.lines.map(escapeLabel).join('<br/>')}${close}`;
}

function edgeText(edge: DiagramEdge): string {
  const arrow = ARROWS[edge.kind];
  const label = edge.labels.length > 0 ? `|"${edge.labels.map(escapeLabel).join('<br/>')}"|` : '';
  return `${edge.from} ${arrow}${label} ${edge.to}`;
}

function className(kind: NodeKind): string {
  return kind === 'private-endpoint' ? 'endpoint' : kind;
}

/**
 * Text for inside a quoted Mermaid label: characters Mermaid would read as syntax become entity
 * codes (`#quot;`, `#91;`, ...), so a label never closes its shape early.
 */
export function escapeLabel(text: string): string {
  return text.replace(/[#"[\](){}<>|]/g, (c) => {
    switch (c) {
      case '"': return '#quot;';
      case '<': return '#lt;';
      case '>': return '#gt;';
      default: return `#${c.charCodeAt(0)};`;
    }
  });
}

/**
 * The same architecture as a Graphviz DOT graph (one cluster per layer), for the offline SVG.
 */
import { Architecture, DiagramNode, EdgeKind, NodeKind, nodesByLayer } from './model';

const NODE_ATTRIBUTES: Record<NodeKind, string> = {
  'resource': 'shape=box, style="rounded,filled", fillcolor="#f5f5f5", color="#666666"',
  'private-endpoint': 'shape=hexagon, style=filled, fillcolor="#e8f0fe", color="#3b6fd6", fontcolor="#1a3d8f"',
  'identity': 'shape=box, style="rounded,filled,bold", fillcolor="#fff4d6", color="#b7950b", fontcolor="#5c4a05"',
  'external': 'shape=box, style="rounded,dashed", color="#555555"',
};

const EDGE_ATTRIBUTES: Record<EdgeKind, string> = {
  'request': 'color="#c0392b", fontcolor="#c0392b", penwidth=2.5',
  'private-link': 'color="#3b6fd6", fontcolor="#3b6fd6"',
  'subnet': 'color="#999999", fontcolor="#777777", dir=none',
  'contains': 'color="#999999", fontcolor="#777777", dir=none',
  'identity': 'color="#b7950b", fontcolor="#8a6d08", style=dotted, dir=none',
  'role': 'color="#7d3c98", fontcolor="#7d3c98", style=dashed',
};

export function toDot(arch: Architecture): string {
  const out: string[] = [
    'digraph architecture {',
    `  graph [rankdir=LR, fontname="Helvetica", fontsize=14, labelloc=t, label=${quote(`Architecture: ${arch.environment}`)}, nodesep=0.25, ranksep=0.9, pad=0.3, newrank=true];`,
    '  node [fontname="Helvetica", fontsize=10, margin="0.15,0.06"];',
    '  edge [fontname="Helvetica", fontsize=9];',
  ];
  const byLayer = nodesByLayer(arch);
  for (const node of byLayer.get(undefined) ?? []) out.push(`  ${nodeText(node)}`);
  for (const layer of arch.layers) {
    out.push(`  subgraph cluster_${layer.id} {`);
    out.push(`    label=${quote(`${layer.role} layer: ${layer.resourceGroup}`)}; style="rounded,dashed"; color="#888888"; fontsize=12;`);
    for (const node of byLayer.get(layer.id) ?? []) out.push(`    ${nodeText(node)}`);
    out.push('  }');
  }
  for (const edge of arch.edges) {
    const label = edge.labels.length > 0 ? `label=${quote(edge.labels.join('\n'))}, ` : '';
    out.push(`  ${edge.from} -> ${edge.to} [${label}${EDGE_ATTRIBUTES[edge.kind]}];`);
  }
  out.push('}');
  return `${out.join('\n')}\n`;
}

function nodeText(node: DiagramNode): string {
  return `${node.id} [label=${quote(node.lines.join('\n'))}, ${NODE_ATTRIBUTES[node.kind]}];`;
}

/** A DOT double-quoted string; `\n` in the text becomes a centred line break. */
function quote(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

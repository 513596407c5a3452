import { blocks, isExpression, valueOf } from '../../graph';
import { compliant, nonCompliant, Outcome, Rule, unknown } from '../../rule';
import { containerName } from './_helpers';
import { FLOATING_IMAGE_TAGS } from '../../../catalog/ai-services';

/** Tags that move: an image pinned to one of them changes under the app. */
const FLOATING_TAGS = new Set(FLOATING_IMAGE_TAGS);
const DIGEST = /@sha256:[0-9a-f]{64}$/i;

interface ParsedImage { host: string; tag?: string; digest: boolean; digestExpression: boolean }

function parse(image: string): ParsedImage {
  const slash = image.indexOf('/');
  const first = slash < 0 ? '' : image.slice(0, slash);
  // A first segment with a dot, a port, "localhost" or an expression is a registry host; else Docker Hub.
  const host = first && (/[.:]/.test(first) || first === 'localhost' || isExpression(first)) ? first : 'docker.io';
  const digest = DIGEST.test(image);
  const at = image.lastIndexOf('@');
  const digestExpression = !digest && at >= 0 && image.slice(at).includes('${');
  const withoutDigest = image.replace(/@.*$/, '');
  const last = withoutDigest.slice(withoutDigest.lastIndexOf('/') + 1);
  const colon = last.lastIndexOf(':');
  return { host, digest, digestExpression, tag: colon >= 0 ? last.slice(colon + 1) : undefined };
}

const rule: Rule = {
  id: 'GAI-ACA-013',
  title: 'Container images come from the approved registry and are pinned',
  severity: 'warning',
  rationale: 'An image from a public registry or under a moving tag (`latest`) can change without a plan: supply-chain compromise or an untested build reaches production. The approved registry is the private one the app authenticates to (its `registry` blocks, or an in-plan Container Registry).',
  remediation: 'Reference images as `<registry login server>/<repository>@sha256:<digest>` (or an immutable version tag locked in the registry), with the registry declared in the app\'s `registry` block using a managed identity.',
  references: {},
  appliesTo: ['azurerm_container_app'],
  check(app, { graph }) {
    const approved = blocks(app, 'registry').map((r) => r.server).filter((s): s is string => typeof s === 'string');
    const approvedHosts = new Set(approved.filter((s) => !s.includes('${')).map((s) => s.toLowerCase()));
    const approvedExpressions = approved.filter(isExpression);
    const outcomes: Outcome[] = [];
    const all = [...blocks(app, 'template.container'), ...blocks(app, 'template.init_container')];
    all.forEach((container, i) => {
      const where = `container ${containerName(container, i)}`;
      const image = container.image;
      if (typeof image !== 'string' || image === '') {
        outcomes.push(nonCompliant(`${where} has no \`image\``));
        return;
      }
      if (/^\$\{[^}]*\}$/.test(image)) {
        outcomes.push(unknown(`${where}: \`image\` is only known after apply (${image}); expected <approved registry>/<repository>@sha256:<digest>`));
        return;
      }
      const { host, tag, digest, digestExpression } = parse(image);
      const hostIsAcrReference = graph.resolve(valueOf(host))?.type === 'azurerm_container_registry';
      const hostApproved = hostIsAcrReference || approvedHosts.has(String(host).toLowerCase()) || approvedExpressions.includes(host);
      if (!hostApproved) {
        outcomes.push(isExpression(host)
          ? unknown(`${where}: the registry of \`image\` is only known after apply (${host}); expected a registry declared in the app's \`registry\` blocks`)
          : nonCompliant(`${where}: \`image\` comes from ${host}, which is not a registry the app declares; expected the private registry`));
        return;
      }
      if (digest) {
        outcomes.push(compliant);
      } else if (digestExpression) {
        outcomes.push(unknown(`${where}: the digest of \`image\` is only known after apply (${image}); expected @sha256:<digest>`));
      } else if (tag !== undefined && tag.includes('${')) {
        outcomes.push(unknown(`${where}: the tag of \`image\` is only known after apply (${tag}); expected a digest or an immutable version tag`));
      } else if (tag === undefined || tag === '' || FLOATING_TAGS.has(tag.toLowerCase())) {
        outcomes.push(nonCompliant(`${where}: \`image\` ${tag ? `uses the moving tag "${tag}"` : 'has no tag (implies "latest")'}; expected @sha256:<digest> or an immutable version tag`));
      } else {
        outcomes.push(compliant);
      }
    });
    return outcomes.length > 0 ? outcomes : compliant;
  },
};

export default rule;

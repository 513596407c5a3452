import { IAspect, TerraformResource } from 'cdktf';
import { IConstruct } from 'constructs';

/**
 * Puts `tags` on every taggable resource in scope. A resource's own tags are kept, but cannot
 * override these (they carry ownership and cost allocation).
 */
export class RequiredTags implements IAspect {
  constructor(private readonly tags: Readonly<Record<string, string>>) {}

  visit(node: IConstruct): void {
    if (!(node instanceof TerraformResource) || !isTaggable(node)) return;
    node.tags = { ...(node.tagsInput ?? {}), ...this.tags };
  }
}

interface Taggable {
  tags: Record<string, string>;
  readonly tagsInput: Record<string, string> | undefined;
}

/** Generated provider classes declare a `tagsInput` accessor exactly when the resource has `tags`. */
function isTaggable(node: TerraformResource): node is TerraformResource & Taggable {
  return 'tagsInput' in node;
}

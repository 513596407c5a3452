import type { EnvironmentInput } from './schema';
import dev from './dev';
import staging from './staging';
import prod from './prod';

/** Every shipped environment, in promotion order. Add a forked environment here. */
export const ENVIRONMENTS: readonly EnvironmentInput[] = [dev, staging, prod];

// The manifest fixers, one per rule; each has the ManifestRule `fixes` signature.
export { envRefFixes } from './env-ref-fix';
export { envFromFixes, sameFileSecretKeys, type KnownSecretKeys } from './env-from-fix';
export { literalFixes } from './literal-fix';
export { subPathFixes } from './subpath-fix';
export { modeFixes } from './mode-fix';

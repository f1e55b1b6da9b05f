// What a file is — a manifest, code in one of the supported languages, or nothing we analyse — from
// its language id (editor) or its path (CLI, walks), and for JSON from its text. The one place that
// decides; walks, indexes, the CLI and the server all ask here.
import { codeLanguageOf, type CodeKind } from './code/languages';
import { looksLikeCompose } from './docker/compose/detect';
import { isJsonManifest } from './k8s/json-manifest';
import { springConfigFormat } from './spring/placeholders';

/**
 * `spring-config`: a Spring Boot application config (`application.properties`, `application-prod.yml`…),
 * whose placeholders read env vars. `dockerfile`: a Dockerfile (Containerfile). `compose`: a Docker
 * Compose file (by name, the Docker extension's `dockercompose` id, or a YAML text with a `services:` map).
 */
export type FileKind = 'manifest' | CodeKind | 'spring-config' | 'dockerfile' | 'compose' | 'unsupported';

const YAML_EXTENSIONS = /\.ya?ml$/i;
/** `Dockerfile`, `Dockerfile.prod`, `api.Dockerfile`, `build.dockerfile`, `Containerfile`. */
const DOCKERFILE_NAME = /(?:^|[\\/])(?:(?:Dockerfile|Containerfile)(?:\.[\w.-]+)?|[\w.-]+\.(?:Dockerfile|dockerfile|Containerfile))$/;
/** `compose.yaml`, `docker-compose.yml`, `docker-compose.prod.yml`, `compose-dev.yaml`, `compose.override.yml`. */
const COMPOSE_NAME = /(?:^|[\\/])(?:docker-)?compose(?:[.-][\w.-]+)?\.ya?ml$/i;
const JSON_EXTENSION = /\.json$/i;
const JSON_LANGUAGE_IDS = new Set(['json', 'jsonc']);

/**
 * Decides what a file is from its language id (editor) or its path (CLI). A JSON file is a manifest only
 * when its `text` is one (k8s/json-manifest.ts): without the text, or when it is not, it is unsupported.
 */
export function fileKindOf(path: string | undefined, languageId?: string, text?: string): FileKind {
  if (languageId !== 'helm' && springConfigFormat(path) !== undefined && !(text !== undefined && looksLikeKubernetesYaml(text))) return 'spring-config';
  if (languageId === 'dockerfile') return 'dockerfile';
  if (languageId === 'dockercompose') return 'compose';
  if (languageId === 'helm') return 'manifest';
  if (languageId === 'yaml') return isCompose(path, text) ? 'compose' : 'manifest';
  if (isJsonFile(path, languageId)) return text !== undefined && isJsonManifest(text) ? 'manifest' : 'unsupported';
  const code = codeLanguageOf(path, languageId);
  if (code) return code.kind;
  if (path !== undefined && YAML_EXTENSIONS.test(path)) return isCompose(path, text) ? 'compose' : 'manifest';
  if (path !== undefined && (languageId === undefined || languageId === 'plaintext') && DOCKERFILE_NAME.test(path)) return 'dockerfile';
  return 'unsupported';
}

function isCompose(path: string | undefined, text: string | undefined): boolean {
  return (path !== undefined && COMPOSE_NAME.test(path)) || (text !== undefined && looksLikeCompose(text));
}

/** A JSON file (language id `json`/`jsonc`, or a `.json` path with no other language id): its text decides whether it is a manifest. */
export function isJsonFile(path: string | undefined, languageId?: string): boolean {
  if (languageId !== undefined && JSON_LANGUAGE_IDS.has(languageId)) return true;
  if (languageId === 'yaml' || languageId === 'helm' || codeLanguageOf(path, languageId)) return false;
  return path !== undefined && JSON_EXTENSION.test(path);
}

/**
 * Files that are manifests or may be, once their text is read (YAML, JSON), and Compose files: the
 * files the workspace index reads, and that the CLI analyses after code.
 */
export function mayBeManifest(path: string | undefined, languageId?: string): boolean {
  return isIndexedKind(fileKindOf(path, languageId)) || isJsonFile(path, languageId);
}

/** Kinds the workspace index learns env var sources from: Kubernetes manifests and Compose files. */
export function isIndexedKind(kind: FileKind): kind is 'manifest' | 'compose' {
  return kind === 'manifest' || kind === 'compose';
}

const NOT_CODE: ReadonlySet<FileKind> = new Set(['manifest', 'unsupported', 'spring-config', 'dockerfile', 'compose']);

/** Python, TypeScript, JavaScript, Go or Java code. */
export function isCodeKind(kind: FileKind): kind is CodeKind {
  return !NOT_CODE.has(kind);
}

/** Files whose env reads join the workspace index like code's: code, and Spring configs' placeholders. */
export function readsEnvAsCode(kind: FileKind): boolean {
  return isCodeKind(kind) || kind === 'spring-config';
}

/**
 * A YAML text with top-level `apiVersion:` and `kind:` keys is a Kubernetes manifest whatever its file is
 * called (Argo CD keeps its Applications in `application.yaml`).
 */
function looksLikeKubernetesYaml(text: string): boolean {
  return /^apiVersion:/m.test(text) && /^kind:/m.test(text);
}

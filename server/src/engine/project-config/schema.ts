// The project configuration file's JSON Schema, written once here. `npm run generate:rules` derives
// from it the published schema (schemas/secret-hints.schema.json, which the extension contributes to
// VS Code for validation and completion) and the validator the server and the CLI run
// (schema-check.generated.ts, compiled by Ajv at generation time: nothing is compiled at run time).
// Rule ids come from the rule registry, so a new rule is known to the file without touching this one.
import type { Rule } from '../rule';
import { RULES } from '../rules';

/** The file names looked for in each folder, in this order (two in one folder is an error). */
export const PROJECT_CONFIG_NAMES = ['.secret-hints.yaml', '.secret-hints.yml', '.secret-hints.json'] as const;

/** A config file larger than this is refused (a real one is a few hundred bytes). */
export const MAX_PROJECT_CONFIG_BYTES = 256 * 1024;

/** A rule's severity setting, in VS Code's settings (package.json, generated) and in the project config. */
export const SEVERITY_SCHEMA = {
  type: 'string',
  enum: ['off', 'hint', 'information', 'warning', 'error'],
  enumDescriptions: [
    'Do not run the rule.',
    'Show findings as hints (faded, not in the Problems panel count).',
    'Show findings as information.',
    'Show findings as warnings.',
    'Show findings as errors.',
  ],
};

const PATTERNS = {
  type: 'array',
  items: { type: 'string' },
};

const GLOBS = {
  type: 'array',
  items: { type: 'string', pattern: '\\S', patternErrorMessage: 'Must be a glob pattern, not blank.' },
};

/** Shared definitions: the rules and name lists (referenced twice, validated by one generated function each). */
function definitions(rules: readonly Rule[]): Record<string, object> {
  return {
    severity: SEVERITY_SCHEMA,
    rules: {
      type: 'object',
      markdownDescription: 'Severity per rule id; `off` disables a rule. Rules not listed keep their severity from the editor settings, or their default.',
      properties: Object.fromEntries(
        rules.map((r) => [r.id, { $ref: '#/definitions/severity', markdownDescription: `${r.summary} Default: \`${r.defaultSeverity}\`.` }]),
      ),
      additionalProperties: false,
    },
    secretNames: {
      type: 'object',
      description: 'Variable names to treat as secrets, or never as secrets, besides the built-in vocabulary.',
      properties: {
        extra: {
          ...PATTERNS,
          markdownDescription: 'Regular expressions (case-insensitive) for variable names that hold secrets, e.g. `^STRIPE_`.',
        },
        ignore: {
          ...PATTERNS,
          markdownDescription: 'Regular expressions (case-insensitive) for variable names that are never secrets, e.g. `_PUBLIC_KEY$`.',
        },
      },
      additionalProperties: false,
    },
  };
}

/** The settings a file may set at its top level and in each override. */
const ANALYSIS_SETTINGS = {
  rules: { $ref: '#/definitions/rules' },
  secretNames: { $ref: '#/definitions/secretNames' },
  mountPath: {
    type: 'string',
    pattern: '^/',
    patternErrorMessage: 'Must be an absolute path inside the container (starting with /).',
    markdownDescription: 'Directory where fixes mount Secret files and where the code loader reads them (`<mountPath>/NAME`). Default: `/etc/secrets`.',
  },
  appsReadSecretFiles: {
    type: 'boolean',
    markdownDescription:
      'The applications deployed from here read their secrets from files (`<mountPath>/NAME`): the manifest fix that mounts a Secret and removes its env var is then preferred for any image.',
  },
  maxFileSizeKb: {
    type: 'integer',
    minimum: 1,
    description: 'Files larger than this (in KiB) are not analysed. Default: 4096.',
  },
};

/** The JSON Schema (draft-07, the dialect VS Code and the YAML extension read) of the project config. */
export function projectConfigSchema(rules: readonly Rule[]): object {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Secret Exposure Hints project configuration (.secret-hints.yaml)',
    markdownDescription:
      'Read by the editor extension and by `secret-hints scan` from the nearest folder above each file. What it sets wins over the editor settings; command-line options win over it.',
    type: 'object',
    properties: {
      $schema: { type: 'string', description: 'The schema this file follows (for editors).' },
      ...ANALYSIS_SETTINGS,
      exclude: {
        ...GLOBS,
        markdownDescription:
          'Glob patterns, relative to this file\u2019s folder, of files and folders that are never analysed, e.g. `charts/vendor/**`. They apply to files named on the command line too.',
      },
      overrides: {
        type: 'array',
        markdownDescription:
          'Settings for some files only: each entry applies to the files its `files` globs match (relative to this file\u2019s folder); later entries win.',
        items: {
          type: 'object',
          properties: {
            files: {
              ...GLOBS,
              minItems: 1,
              markdownDescription: 'Glob patterns, relative to this file\u2019s folder, of the files this entry applies to, e.g. `legacy/**/*.py`.',
            },
            ...ANALYSIS_SETTINGS,
          },
          required: ['files'],
          additionalProperties: false,
        },
      },
    },
    additionalProperties: false,
    definitions: definitions(rules),
  };
}

/** What the validator's messages and the completion read of a schema node. */
export interface SchemaNode {
  $ref?: string;
  type?: string;
  enum?: string[];
  enumDescriptions?: string[];
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  description?: string;
  markdownDescription?: string;
  patternErrorMessage?: string;
}

let rootSchema: (SchemaNode & { definitions?: Record<string, SchemaNode> }) | undefined;

/** The schema node itself when it is a `$ref` (its own description kept by the caller). */
export function resolveRef(node: SchemaNode | undefined): SchemaNode | undefined {
  rootSchema ??= projectConfigSchema(RULES);
  return node?.$ref ? resolveRef(rootSchema.definitions?.[node.$ref.replace('#/definitions/', '')]) : node;
}

/** The schema of the value at an instance path (through `properties`, `items` and `$ref`s); {} if none. */
export function schemaFor(path: readonly (string | number)[]): SchemaNode {
  rootSchema ??= projectConfigSchema(RULES);
  let at: SchemaNode | undefined = rootSchema;
  for (const part of path) at = resolveRef(typeof part === 'number' ? at?.items : at?.properties?.[part]);
  return at ?? {};
}

/** Keywords only editors read (VS Code's JSON service and the YAML extension): the validator ignores them. */
export const EDITOR_KEYWORDS = ['markdownDescription', 'enumDescriptions', 'patternErrorMessage'] as const;

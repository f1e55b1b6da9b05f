// The taint oracle of a file: what the flow asks about the world beyond the expression it evaluates —
// is this node a read of a secret (an env var, a config framework's read, the loader), is this name a
// secret's, which of the file's classes print a secret field. Names are decided once per file.
import { classifyName, secretNameParts } from '../../names';
import type { RuleEnv } from '../../rule';
import type { CodeContext } from '../context';
import { frameworkReadAt, frameworkReads } from '../frameworks';
import { envVarSecrecy, frameworkSecrecy } from '../secret-env';
import { callArguments, callee, dottedName, isCall, stringValue } from '../syntax';
import type { TaintOracle } from './taint';

export function oracleFor(ctx: CodeContext, env: RuleEnv): TaintOracle {
  const loaders = ctx.dialect.loaderCalls;
  const model = ctx.env;
  // The same names come up at every use of a variable: decide each once per file.
  const secretFields = () => ctx.memo('secret-fields', () => ctx.dialect.secretFields(ctx, (n) => nameKind(n) === 'secret'));
  const kinds = new Map<string, ReturnType<typeof classifyName>>();
  // Fields a framework fills from a secret (`StripeKey string \`envconfig:"STRIPE_SECRET_KEY"\``) hold one whatever their name.
  const bound = new Set(
    frameworkReads(ctx)
      .filter((r) => r.binds !== undefined && frameworkSecrecy(r, env).secret)
      .map((r) => r.binds!),
  );
  const nameKind = (name: string) => {
    let kind = kinds.get(name);
    if (kind === undefined) kinds.set(name, (kind = bound.has(name) ? 'secret' : classifyName(name, env.names)));
    return kind;
  };
  // Values of the file's types that hold a secret field, by the names declared with those types.
  const instances = () =>
    ctx.memo('secret-instances', () => {
      const fields = secretFields();
      const byName = new Map<string, string>();
      if (fields.size === 0 || !ctx.dialect.instancesOf) return byName;
      // Which type a name was declared with is not kept: any secret type's field stands for it.
      const field = fields.values().next().value as string;
      for (const name of ctx.dialect.instancesOf(ctx, [...fields.keys()])) byName.set(name, field);
      return byName;
    });
  return {
    dialect: ctx.dialect,
    isEnvObject: (n) => model.isEnvObject(n),
    isPlainEnvRead(n) {
      const read = model.readAt(n);
      return read !== undefined && !envVarSecrecy(read.name, env).secret;
    },
    directSecret(n) {
      const read = model.readAt(n);
      if (read) return envVarSecrecy(read.name, env).secret ? read.name : undefined;
      // A secret read through a config framework (`config("SECRET_KEY")`, `configService.get("JWT_SECRET")`).
      const through = frameworkReadAt(ctx, n);
      if (through) return frameworkSecrecy(through, env).secret ? through.name : undefined;
      if (!isCall(n)) return undefined;
      const called = dottedName(callee(n));
      return called !== undefined && loaders.includes(called) ? (stringValue(callArguments(n)[0]) ?? called) : undefined;
    },
    isSecretName: (name) => nameKind(name) === 'secret',
    secretFieldOf: (className) => secretFields().get(className),
    // Every name whose mention may start taint without sounding secret: the screen must see them.
    secretClasses: () => [...secretFields().keys(), ...instances().keys(), ...bound],
    instanceField: (name) => instances().get(name),
    nameKind,
    secretNameParts: secretNameParts(env.names),
    maskedNames: ctx.dialect.maskedNames(ctx),
  };
}

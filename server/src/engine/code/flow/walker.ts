// Local data flow: walks each scope (module, then every function with a copy of its enclosing
// scope's variables) in document order, binding assignment targets to the taint of their value
// (a clean reassignment kills it), and records at every log/print call the variables in force there.
// Also: loop variables over `environ.items()`/`Object.entries(process.env)`, and exceptions raised
// from a secret in a try body flowing into its `except … as e` / `catch (e)`.
import type { RuleEnv } from '../../rule';
import type { CodeContext } from '../context';
import { PYTHON_LOADER_NAME, JS_LOADER_NAME } from '../loader/templates';
import { envVarSecrecy } from '../secret-env';
import { findSinks, type Sink } from '../sinks';
import { callArguments, callee, dottedName, field, namedChildren, stringValue, unwrap, walk, type SyntaxNode } from '../syntax';
import { CLEAN, isKnownClean, isTainted, taintOf, type Taint, type TaintOracle, type Vars } from './taint';
import { isSecretName } from '../../names';

export interface SinkHit {
  sink: Sink;
  /** Variables in force at the call. */
  vars: Vars;
}

export interface Flow {
  hits: SinkHit[];
  oracle: TaintOracle;
}

const FUNCTION_TYPES = new Set(['function_definition', 'lambda', 'function_declaration', 'function_expression', 'function', 'arrow_function', 'method_definition', 'generator_function_declaration', 'generator_function']);

export function flowOf(ctx: CodeContext, env: RuleEnv): Flow {
  return ctx.memo('flow', () => new Walker(ctx, oracleFor(ctx, env)).run());
}

function oracleFor(ctx: CodeContext, env: RuleEnv): TaintOracle {
  const python = ctx.language.kind === 'python';
  const loader = python ? PYTHON_LOADER_NAME : JS_LOADER_NAME;
  const model = ctx.env;
  return {
    python,
    isEnvObject: (n) => model.isEnvObject(n),
    directSecret(n) {
      const read = model.readAt(n);
      if (read) return envVarSecrecy(read.name, env).secret ? read.name : undefined;
      if ((n.type === 'call' || n.type === 'call_expression') && dottedName(callee(n)) === loader) return stringValue(callArguments(n)[0]) ?? loader;
      return undefined;
    },
    isSecretName: (name) => isSecretName(name, env.names),
    maskedNames: python ? pydanticSecretNames(ctx.root) : new Set(),
  };
}

/** Fields and parameters annotated SecretStr/SecretBytes (their str() is `**********`). */
function pydanticSecretNames(root: SyntaxNode): Set<string> {
  const names = new Set<string>();
  walk(root, (n) => {
    const type = field(n, 'type');
    if (!type || !/\bSecret(Str|Bytes)\b/.test(type.text)) return;
    const target = field(n, 'left') ?? namedChildren(n).find((c) => c.type === 'identifier');
    if (target) names.add(target.text);
  });
  return names;
}

class Walker {
  private readonly hits: SinkHit[] = [];
  private readonly sinksByCall: Map<number, Sink>;
  /** Taint raised inside the innermost enclosing try bodies. */
  private readonly raised: (Taint | undefined)[] = [];

  constructor(
    private readonly ctx: CodeContext,
    private readonly oracle: TaintOracle,
  ) {
    this.sinksByCall = new Map(findSinks(ctx).map((s) => [s.call.id, s]));
  }

  run(): Flow {
    this.scope(this.ctx.root, new Map());
    return { hits: this.hits, oracle: this.oracle };
  }

  /** One scope in document order; nested functions afterwards, seeing the scope's final variables. */
  private scope(body: SyntaxNode, vars: Map<string, Taint>): void {
    const nested: SyntaxNode[] = [];
    for (const child of namedChildren(body)) this.visit(child, vars, nested);
    for (const fn of nested) {
      const inner = new Map(vars);
      // Parameters shadow outer variables (a secret-named parameter is still a secret by its name).
      for (const p of namedChildren(field(fn, 'parameters'))) walk(p, (n) => void (n.type === 'identifier' && inner.delete(n.text)));
      const single = field(fn, 'parameter');
      if (single) inner.delete(single.text);
      const fnBody = field(fn, 'body');
      if (fnBody) this.scope(fnBody.type === 'block' || fnBody.type === 'statement_block' ? fnBody : fn, inner);
    }
  }

  private visit(n: SyntaxNode, vars: Map<string, Taint>, nested: SyntaxNode[]): void {
    if (FUNCTION_TYPES.has(n.type)) {
      nested.push(n);
      return;
    }
    const children = () => {
      for (const c of namedChildren(n)) this.visit(c, vars, nested);
    };
    switch (n.type) {
      case 'assignment':
      case 'augmented_assignment':
      case 'assignment_expression':
      case 'augmented_assignment_expression': {
        const right = field(n, 'right');
        if (right) this.visit(right, vars, nested);
        const augmented = n.type.startsWith('augmented');
        this.bind(field(n, 'left'), this.valueTaint(right, vars), vars, augmented);
        return;
      }
      case 'variable_declarator': {
        const value = field(n, 'value');
        if (value) this.visit(value, vars, nested);
        this.bindDeclarator(n, value, vars);
        return;
      }
      case 'for_statement':
      case 'for_in_statement': {
        const right = field(n, 'right');
        if (right) this.visit(right, vars, nested);
        this.bindLoop(field(n, 'left'), right, vars);
        for (const c of namedChildren(n)) if (c.id !== right?.id && c.id !== field(n, 'left')?.id) this.visit(c, vars, nested);
        return;
      }
      case 'try_statement':
        return this.tryStatement(n, vars, nested);
      case 'raise_statement':
      case 'throw_statement': {
        children();
        const thrown = namedChildren(n)[0];
        if (this.raised.length > 0 && thrown) {
          const t = taintOf(thrown, vars, this.oracle);
          if (t?.secret) this.raised[this.raised.length - 1] = { secret: t.secret };
        }
        return;
      }
      case 'call':
      case 'call_expression': {
        children();
        const sink = this.sinksByCall.get(n.id);
        if (sink) this.hits.push({ sink, vars: new Map(vars) });
        return;
      }
      default:
        children();
    }
  }

  private tryStatement(n: SyntaxNode, vars: Map<string, Taint>, nested: SyntaxNode[]): void {
    const body = field(n, 'body');
    this.raised.push(undefined);
    if (body) this.visit(body, vars, nested);
    const raised = this.raised.pop();
    for (const c of namedChildren(n)) {
      if (c.id === body?.id) continue;
      const name = c.type === 'except_clause' ? exceptAlias(c) : c.type === 'catch_clause' ? field(c, 'parameter') : undefined;
      if (name) this.bind(name, raised, vars, false);
      this.visit(c, vars, nested);
    }
  }

  private bindDeclarator(n: SyntaxNode, value: SyntaxNode | undefined, vars: Map<string, Taint>): void {
    const name = field(n, 'name');
    if (name?.type === 'object_pattern' && value && this.oracle.isEnvObject(unwrap(value) ?? value)) {
      // const { DB_PASSWORD: pw, PORT } = process.env: each binding carries its own variable.
      for (const read of this.ctx.env.reads) {
        if (read.declaration?.id !== n.parent?.id || !read.binding) continue;
        const secret = this.oracle.directSecret(read.node);
        if (secret) vars.set(read.binding, { secret });
        else vars.delete(read.binding);
      }
      return;
    }
    this.bind(name, this.valueTaint(value, vars), vars, false);
  }

  /** The taint an assignment gives its target: CLEAN for values harmless whatever the target's name. */
  private valueTaint(value: SyntaxNode | undefined, vars: Vars): Taint | undefined {
    const t = taintOf(value, vars, this.oracle);
    if (isTainted(t)) return t;
    return isKnownClean(value) ? CLEAN : undefined;
  }

  /**
   * `for k, v in os.environ.items()` / `for (const [k, v] of Object.entries(process.env))`: the key is a
   * name, the value one entry of the environment. Iterating the mapping itself yields names only.
   */
  private bindLoop(left: SyntaxNode | undefined, right: SyntaxNode | undefined, vars: Map<string, Taint>): void {
    if (!left || !right) return;
    if (this.oracle.isEnvObject(unwrap(right) ?? right)) return this.bind(left, CLEAN, vars, false);
    const t = taintOf(right, vars, this.oracle);
    const names: SyntaxNode[] = [];
    walk(left, (c) => void (c.type === 'identifier' && names.push(c)));
    if (t?.env !== undefined && names.length >= 2) {
      vars.set(names[0].text, CLEAN);
      for (const n of names.slice(1)) vars.set(n.text, { env: t.env, envItem: true });
      return;
    }
    this.bind(left, t, vars, false);
  }

  /** Binds every name in a target (identifier, attribute chain, tuple/array/object pattern). */
  private bind(target: SyntaxNode | undefined, taint: Taint | undefined, vars: Map<string, Taint>, augmented: boolean): void {
    if (!target) return;
    const dotted = target.type === 'attribute' || target.type === 'member_expression' ? dottedName(target) : undefined;
    if (target.type === 'identifier' || dotted !== undefined) {
      const key = dotted ?? target.text;
      const next = augmented && !isTainted(taint) ? vars.get(key) : taint;
      if (next) vars.set(key, next);
      else vars.delete(key);
      return;
    }
    walk(target, (c) => {
      if (c.type === 'identifier' || c.type === 'shorthand_property_identifier_pattern') {
        if (taint) vars.set(c.text, taint);
        else vars.delete(c.text);
      }
    });
  }
}

/** `except ValueError as e` → e (Python 3.11+ grammar: as_pattern with an alias). */
function exceptAlias(clause: SyntaxNode): SyntaxNode | undefined {
  let found: SyntaxNode | undefined;
  walk(clause, (c) => {
    if (found || c.type === 'block') return false;
    if (c.type === 'as_pattern_target') found = c.namedChild(0) ?? undefined;
    return undefined;
  });
  return found;
}

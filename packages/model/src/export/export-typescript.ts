import type { ModelDocument, PortRef } from '../document/model-document.js';
import { definitionOf, planModel } from '../compile/model-plan.js';
import { nodeSeed } from '../compile/node-seed.js';
import { defaultTraining } from '../compile/compile-model.js';
import { defaultParams, nodeTypes } from '../node-types/registry.js';
import type { CodeForm } from '../node-types/node-type.js';

const reserved = new Set(
  'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package private protected public await any boolean number string symbol type of'.split(' '),
);
/** Members of Module a field must not shadow. */
const moduleMembers = new Set(['training', 'forward', 'train', 'eval', 'parameters', 'namedParameters', 'namedBuffers', 'namedChildren', 'namedModules', 'stateDict', 'loadStateDict', 'zeroGrad', 'parameterCount', 'takeBufferUpdates', 'applyBufferUpdates', 'constructor']);

const isIdentifier = (name: string) => /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) && !reserved.has(name);

function pascalCase(name: string): string {
  const words = name.match(/[A-Za-z0-9]+/g) ?? [];
  const joined = words.map((w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase()).join('');
  return /^[A-Za-z]/.test(joined) ? joined : `Model${joined}`;
}

/**
 * The document as readable TypeScript using @loom/nn: a Module subclass whose fields are the
 * layers (named by node id, with the seeds the compiler uses, so its weights and state-dict names
 * equal those of `compileModel(doc).module`), its `forward`, the loss, the optimizer factory and
 * the training settings.
 *
 * @example await writeFile('mlp.ts', exportTypeScript(templateDocument('mlp')));
 */
export function exportTypeScript(doc: ModelDocument): string {
  const plan = planModel(doc);
  const className = pascalCase(doc.name || 'Model');
  const nnImports = new Set<string>(['Module']);
  const graphImports = new Set<string>();
  const used = new Set<string>(['model', 'prediction', 'target', className]);
  const variable = (id: string) => {
    let name = id.replace(/[^A-Za-z0-9_$]/g, '_');
    if (!isIdentifier(name)) name = `_${name}`;
    while (used.has(name)) name = `${name}_`;
    used.add(name);
    return name;
  };
  const addImports = (form: CodeForm) => {
    form.imports.nn?.forEach((n) => nnImports.add(n));
    form.imports.graph?.forEach((n) => graphImports.add(n));
  };

  const values = new Map<string, string>(); // "node\0port" → expression
  const key = (ref: PortRef) => `${ref.node}\u0000${ref.port}`;
  const args = plan.sources.map((source) => {
    const name = variable(source.node);
    values.set(key(source), name);
    return `${name}: Tensor`;
  });

  const fields: string[] = [];
  const body: string[] = [];
  for (const node of plan.nodes) {
    if (moduleMembers.has(node.id)) throw new Error(`exportTypeScript: node id "${node.id}" would shadow Module.${node.id}; rename the node`);
    const { definition, params } = definitionOf(node);
    const form = definition.code!(params, { seed: nodeSeed(doc, node.id) });
    addImports(form);
    const field = isIdentifier(node.id) ? `this.${node.id}` : `this[${JSON.stringify(node.id)}]`;
    if (form.construct) fields.push(`  readonly ${isIdentifier(node.id) ? node.id : JSON.stringify(node.id)} = ${form.construct};`);
    const inputs = Object.fromEntries([...plan.analysis.graph.incoming.get(node.id)!].map(([port, edge]) => [port, values.get(key(edge.from))!]));
    const name = variable(node.id);
    const label = node.label && node.label !== node.id ? ` // ${node.label}` : '';
    body.push(`    const ${name} = ${form.call(field, inputs)};${label}`);
    if (form.outputs) for (const [port, pick] of Object.entries(form.outputs)) values.set(key({ node: node.id, port }), pick(name));
    else for (const port of definition.outputs) values.set(key({ node: node.id, port: port.name }), name);
  }
  body.push(`    return ${values.get(key(plan.output))};`);

  const lossParams = plan.loss ? definitionOf(plan.loss).params : undefined;
  const lossForm = lossParams && nodeTypes.definition('loss')!.code!(lossParams, { seed: 0 });
  if (lossForm) addImports(lossForm);
  const optimizerForm = nodeTypes.definition('optimizer')!.code!(plan.optimizer ? definitionOf(plan.optimizer).params : defaultParams('optimizer'), { seed: 0 });
  addImports(optimizerForm);
  const training = { ...defaultTraining, ...doc.training };

  const lines = [
    `// ${doc.name}${doc.description ? ` — ${doc.description}` : ''}`,
    '// Exported from a Loom model document. Layers are named by node id, so state dicts match the compiled document.',
    `import { ${[...nnImports].sort().join(', ')}, type Optimizer } from '@loom/nn';`,
    `import { ${[...[...graphImports].sort(), 'type Tensor'].join(', ')} } from '@loom/graph';`,
    '',
    `export class ${className} extends Module {`,
    ...fields,
    '',
    `  forward(${args.join(', ')}): Tensor {`,
    ...body,
    '  }',
    '}',
    '',
    '/** The training loss of a prediction against its target. */',
    `export function loss(prediction: Tensor, target: Tensor): Tensor {`,
    `  return ${lossForm ? lossForm.call('', { prediction: 'prediction', target: 'target' }) : 'prediction.sub(target).square().mean()'};`,
    '}',
    '',
    '/** The optimizer over a model’s parameters. */',
    `export function makeOptimizer(model: Module): Optimizer {`,
    `  return ${optimizerForm.call('', {})};`,
    '}',
    '',
    `export const training = { ${Object.entries(training).map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join(', ')} };`,
    '',
  ];
  return lines.join('\n');
}

/** The model document: JSON schema, node-type registry, validation, shape inference, compile to `nn.Module`, export. */
export {
  modelDocumentSchema,
  docNodeSchema,
  docEdgeSchema,
  currentDocumentVersion,
  type ModelDocument,
  type DocNode,
  type DocEdge,
  type PortRef,
  type ParamValue,
  type TrainingSettings,
  type DocLayout,
} from './document/model-document.js';
export { hasErrors, type Diagnostic } from './document/diagnostic.js';
export { parseDocument, type ParseResult } from './document/parse-document.js';
export { serializeDocument } from './document/serialize-document.js';
export { loadDocument } from './document/load-document.js';
export { migrateDocument, documentMigrations, type DocumentMigration } from './document/migrate-document.js';

export { batchDim, formatType, type Dim, type TensorType } from './analysis/tensor-type.js';
export { paramApplies } from './node-types/node-type.js';
export type { NodeType, NodeCategory, PortSpec, ParamSpec, NodeDefinition, AnyNodeDefinition, NodeRuntime, CodeForm, ParamsOf } from './node-types/node-type.js';
export { nodeTypes, nodeTypeDefinitions, defaultParams, NodeTypeRegistry, type NodeTypeName, type ParamsFor } from './node-types/registry.js';
export { datasetNames, datasetCatalog, type DatasetName, type DatasetParams } from './datasets/dataset-catalog.js';
export { validate } from './analysis/validate.js';
export { inferShapes } from './analysis/infer-shapes.js';
export { canConnect } from './analysis/can-connect.js';
export { ModelAnalysis, applyEdit, type DocumentEdit } from './analysis/model-analysis.js';
export { DocumentGraph } from './analysis/document-graph.js';
export { resolveParams, type ResolvedParams } from './analysis/resolve-params.js';
export { ShapeError } from './node-types/shape-error.js';
export { modelBuilder, ModelBuilder, type NodeHandle, type NodeOptions } from './builder/model-builder.js';
export { templates, templateDocument, type Template, type TemplateId } from './templates/templates.js';

export { compileModel, defaultTraining, type CompiledModel } from './compile/compile-model.js';
export { GraphModule, type GraphStep } from './compile/graph-module.js';
export { DocumentError } from './compile/document-error.js';
export { nodeSeed } from './compile/node-seed.js';
export { fitDocument, type FitDocumentOptions } from './compile/fit-document.js';
export { resolveDataset } from './datasets/resolve-dataset.js';
export type { DatasetProvider } from './datasets/dataset-provider.js';
export { exportTypeScript } from './export/export-typescript.js';

// --- ONNX export and import (owned by the ONNX work, issue #10; packages/model/src/onnx/**) ---
export { exportOnnx, onnxOpset } from './onnx/export-onnx.js';
export { importOnnx, onnxImporters } from './onnx/import-onnx.js';

import { z } from 'zod';

/** A parameter value as JSON holds it: numbers, strings, booleans, integer lists, or null for "unset". */
export const paramValueSchema = z.union([z.number(), z.string(), z.boolean(), z.array(z.number()), z.null()]);
/** A parameter value (see paramValueSchema). */
export type ParamValue = z.infer<typeof paramValueSchema>;

/** One end of an edge: a node id and one of its port names. */
export const portRefSchema = z.object({ node: z.string().min(1), port: z.string().min(1) });
/** A node id and port name. */
export type PortRef = z.infer<typeof portRefSchema>;

/** A node of the model: its type from the registry, its parameters, and an optional display label. */
export const docNodeSchema = z.object({
  id: z.string().min(1),
  type: z.string().min(1),
  params: z.record(z.string(), paramValueSchema),
  label: z.string().optional(),
});
/** A node of the document. */
export type DocNode = z.infer<typeof docNodeSchema>;

/** A connection from an output port (`from`) to an input port (`to`). */
export const docEdgeSchema = z.object({ id: z.string().min(1), from: portRefSchema, to: portRefSchema });
/** An edge from an output port to an input port. */
export type DocEdge = z.infer<typeof docEdgeSchema>;

/** How the document trains: epochs, batch size, seed, and the share of data held out for validation. */
export const trainingSettingsSchema = z.object({
  epochs: z.number().int().min(1),
  batchSize: z.number().int().min(1),
  seed: z.number().int().optional(),
  validationSplit: z.number().min(0).max(0.9).optional(),
});
/** Epochs, batch size, seed and validation split. */
export type TrainingSettings = z.infer<typeof trainingSettingsSchema>;

/** Where nodes sit on the editor's canvas: kept apart from the semantics, ignored by compile and validation. */
export const docLayoutSchema = z.object({
  positions: z.record(z.string(), z.object({ x: z.number(), y: z.number() })),
  viewport: z.object({ x: z.number(), y: z.number(), zoom: z.number() }).optional(),
});
/** Node positions and viewport for the editor. */
export type DocLayout = z.infer<typeof docLayoutSchema>;

/** The current document version; `migrateDocument` lifts older ones to it. */
export const currentDocumentVersion = 1;

/** The model document: one versioned JSON value shared by the editor, the code API, the CLI and exporters. */
export const modelDocumentSchema = z.object({
  format: z.literal('loom-model'),
  version: z.literal(currentDocumentVersion),
  name: z.string(),
  description: z.string().optional(),
  nodes: z.array(docNodeSchema),
  edges: z.array(docEdgeSchema),
  training: trainingSettingsSchema.optional(),
  layout: docLayoutSchema.optional(),
});
/** The model document (see modelDocumentSchema and CONTRACT.md). */
export type ModelDocument = z.infer<typeof modelDocumentSchema>;

/** The model document: JSON schema, node-type registry, validation, shape inference, compile to `nn. */
export const packageName = '@loom/model';

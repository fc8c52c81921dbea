import type { ModelDocument } from '../document/model-document.js';
import { charLstmTemplate } from './char-lstm.js';
import { cnnTemplate } from './cnn.js';
import { linearRegressionTemplate } from './linear-regression.js';
import { mlpTemplate } from './mlp.js';
import { transformerTemplate } from './transformer.js';

/** The textbook models shipped as starting points. */
export type TemplateId = 'linear-regression' | 'mlp' | 'cnn' | 'char-lstm' | 'transformer';

/** A shipped model: id, title, description and its document (treat as read-only; copy with `templateDocument`). */
export interface Template {
  id: TemplateId;
  title: string;
  description: string;
  document: ModelDocument;
}

const makers: Record<TemplateId, () => ModelDocument> = {
  'linear-regression': linearRegressionTemplate,
  mlp: mlpTemplate,
  cnn: cnnTemplate,
  'char-lstm': charLstmTemplate,
  transformer: transformerTemplate,
};

/** Every template, one per textbook model. */
export const templates: readonly Template[] = (Object.keys(makers) as TemplateId[]).map((id) => {
  const document = makers[id]();
  return { id, title: document.name, description: document.description ?? '', document };
});

/** A fresh copy of a template's document, safe to edit. */
export function templateDocument(id: TemplateId): ModelDocument {
  return makers[id]();
}

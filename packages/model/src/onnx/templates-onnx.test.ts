import { beforeAll, describe, expect, it } from 'vitest';
import { compileModel } from '../compile/compile-model.js';
import { templates } from '../templates/templates.js';
import { importOnnx } from './import-onnx.js';
import { exportOnnx } from './export-onnx.js';
import { checkDocumentAgainstOnnx } from './testing/check-document.js';
import { useCpu } from './testing/check-node.js';

describe('every template through ONNX', { timeout: 60_000 }, () => {
  beforeAll(useCpu);

  for (const template of templates)
    it(`exports the ${template.id} template with outputs within 1e-4 of Loom's, also after import and re-export`, async () => {
      const { exported, roundTrip, bytes } = await checkDocumentAgainstOnnx(template.document);
      console.log(`onnx ${template.id}: max abs error ${exported.toExponential(2)}, after import ${roundTrip.toExponential(2)}, ${bytes} bytes`);
      expect(exported).toBeLessThan(1e-4);
      expect(roundTrip).toBeLessThan(1e-4);
    });

  it('imports a template export into a document that compiles and loads the imported weights', async () => {
    const doc = templates.find((t) => t.id === 'cnn')!.document;
    const { document, stateDict } = importOnnx(await exportOnnx(doc, compileModel(doc).module.stateDict()));
    const compiled = compileModel(document);
    await compiled.module.loadStateDict(stateDict);
    expect(Object.keys(stateDict).sort()).toEqual(Object.keys(compiled.module.stateDict()).sort());
  });
});

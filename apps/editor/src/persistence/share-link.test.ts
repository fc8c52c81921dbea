import { describe, expect, it } from 'vitest';
import { addNode, emptyDocument } from '../store/document-ops.js';
import { decodeShareHash, encodeShareHash } from './share-link.js';

describe('share links', () => {
  it('round-trips a document through the URL hash', () => {
    let doc = emptyDocument('shared — ünïcode');
    for (let i = 0; i < 30; i++)
      doc = addNode(
        doc,
        'Linear',
        { inFeatures: 64, outFeatures: 64 },
        { x: i * 10, y: 0 },
      ).document;
    const hash = encodeShareHash(doc);
    expect(hash).toMatch(/^#model=[A-Za-z0-9_-]+$/);
    expect(decodeShareHash(hash)).toEqual({ ok: true, document: doc });
  });

  it('compresses a repetitive document well below its JSON size', () => {
    let doc = emptyDocument();
    for (let i = 0; i < 50; i++)
      doc = addNode(doc, 'Linear', { inFeatures: 64, outFeatures: 64 }, { x: i, y: 0 }).document;
    expect(encodeShareHash(doc).length).toBeLessThan(JSON.stringify(doc).length / 3);
  });

  it('returns null for a hash without a model', () => {
    expect(decodeShareHash('')).toBeNull();
    expect(decodeShareHash('#section')).toBeNull();
  });

  it('reports a damaged link instead of throwing', () => {
    const result = decodeShareHash('#model=not-really-deflate');
    expect(result?.ok).toBe(false);
  });

  it('reports a link whose content is not a model', () => {
    const hash = encodeShareHash({ nonsense: 1 } as never);
    const result = decodeShareHash(hash);
    expect(result).toMatchObject({ ok: false });
  });
});

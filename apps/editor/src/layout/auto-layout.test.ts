import { describe, expect, it } from 'vitest';
import { addNode, connect, emptyDocument } from '../store/document-ops.js';
import { layoutDocument } from './auto-layout.js';

// The first layout loads ELK's 1.6 MB bundle, which takes seconds when other test files share the CPU.
describe('auto-layout', { timeout: 30_000 }, () => {
  it('places each node to the right of the nodes feeding it, without overlaps', async () => {
    let doc = emptyDocument();
    const ids: string[] = [];
    for (const type of ['input', 'Linear', 'ReLU', 'Linear']) {
      const added = addNode(doc, type, {}, { x: 0, y: 0 });
      doc = added.document;
      ids.push(added.nodeId);
    }
    for (let i = 1; i < ids.length; i++)
      doc = connect(
        doc,
        { node: ids[i - 1]!, port: 'out' },
        { node: ids[i]!, port: 'in' },
      ).document;
    const positions = await layoutDocument(doc, {});
    const xs = ids.map((id) => positions[id]!.x);
    for (let i = 1; i < xs.length; i++) expect(xs[i]).toBeGreaterThanOrEqual(xs[i - 1]! + 200);
  });

  it('wraps a long chain into rows instead of one long line', async () => {
    let doc = emptyDocument();
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const added = addNode(doc, 'Linear', {}, { x: 0, y: 0 });
      doc = added.document;
      if (ids.length)
        doc = connect(
          doc,
          { node: ids[ids.length - 1]!, port: 'out' },
          { node: added.nodeId, port: 'in' },
        ).document;
      ids.push(added.nodeId);
    }
    const positions = await layoutDocument(doc, {}, 1.6);
    const xs = ids.map((id) => positions[id]!.x);
    const ys = new Set(ids.map((id) => positions[id]!.y));
    expect(ys.size).toBeGreaterThan(1);
    expect(Math.max(...xs) - Math.min(...xs)).toBeLessThan(12 * 200);
  });
});

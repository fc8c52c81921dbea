import { describe, expect, it, vi } from 'vitest';
import { createNodePreviewStore } from './node-preview-store.js';

describe('createNodePreviewStore', () => {
  it('tells subscribers about new previews and answers per node', () => {
    const store = createNodePreviewStore();
    const heard = vi.fn();
    const stop = store.subscribe(heard);
    store.publish(new Map([['fc1', { nodeId: 'fc1', key: 'k', shape: [1, 128] }]]));
    expect(heard).toHaveBeenCalledTimes(1);
    expect(store.get('fc1')?.shape).toEqual([1, 128]);
    expect(store.get('fc2')).toBeUndefined();
    stop();
    store.publish(new Map());
    expect(heard).toHaveBeenCalledTimes(1);
  });

  it('keeps the held object for an unchanged key, so unchanged cards do not re-render', () => {
    const store = createNodePreviewStore();
    const first = { nodeId: 'a', key: 'k1', shape: [1, 2] };
    store.publish(new Map([['a', first]]));
    store.publish(new Map([['a', { ...first }]]));
    expect(store.get('a')).toBe(first);
    const changed = { nodeId: 'a', key: 'k2', shape: [1, 2] };
    store.publish(new Map([['a', changed]]));
    expect(store.get('a')).toBe(changed);
  });

  it('holds nodes pending until the next publish or settle', () => {
    const store = createNodePreviewStore();
    store.markPending(['a', 'b']);
    expect(store.isPending('a')).toBe(true);
    expect(store.isPending('c')).toBe(false);
    store.publish(new Map());
    expect(store.isPending('a')).toBe(false);
    store.markPending(['b']);
    store.settle();
    expect(store.isPending('b')).toBe(false);
  });
});

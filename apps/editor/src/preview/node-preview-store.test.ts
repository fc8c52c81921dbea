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
});

import { describe, expect, it, beforeAll } from 'vitest';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { runCli } from '../run-cli.js';

function capture() {
  const io = { stdout: '', stderr: '' };
  return { io, sinks: { out: (t: string) => void (io.stdout += t), err: (t: string) => void (io.stderr += t) } };
}

async function loom(...args: string[]) {
  const { io, sinks } = capture();
  const code = await runCli(args, sinks);
  return { code, ...io };
}

describe('loom commands on the MLP template', { timeout: 60_000 }, () => {
  let dir: string;
  let model: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'loom-cli-'));
    model = join(dir, 'mlp.json');
    expect((await loom('templates', 'mlp', '--out', model)).code).toBe(0);
  }, 60_000);

  it('trains one short epoch, prints accuracy and writes a checkpoint that eval reloads', async () => {
    const checkpoint = join(dir, 'mlp.ckpt');
    const train = await loom('train', model, '--epochs', '1', '--limit', '2000', '--batch-size', '64', '--out', checkpoint);
    expect(train.stderr).toBe('');
    expect(train.code).toBe(0);
    expect(train.stdout).toMatch(/epoch 1\/1 .*loss \d\.\d{4}.*acc \d+\.\d%/);
    expect(train.stdout).toMatch(/samples\/s/);
    const trained = Number(/test accuracy (\d+\.\d+)%/.exec(train.stdout)?.[1]);
    expect(trained).toBeGreaterThan(50); // far above chance (10%) after 2,000 digits
    expect(existsSync(checkpoint)).toBe(true);

    const evaluated = await loom('eval', model, '--checkpoint', checkpoint, '--limit', '2000');
    expect(evaluated.code).toBe(0);
    const accuracy = Number(/accuracy (\d+\.\d+)%/.exec(evaluated.stdout)?.[1]);
    expect(accuracy).toBeCloseTo(trained, 1); // the same weights on the same 2,000 test digits
  });

  it('stops training when its signal aborts and still saves the checkpoint', async () => {
    const controller = new AbortController();
    let stdout = '';
    const checkpoint = join(dir, 'stopped.ckpt');
    const io = {
      out: (t: string) => {
        stdout += t;
        if (/^epoch 1\/5 \[/m.test(stdout)) controller.abort(); // the first progress line
      },
      err: () => {},
      signal: controller.signal,
    };
    expect(await runCli(['train', model, '--epochs', '5', '--limit', '2000', '--out', checkpoint], io)).toBe(0);
    expect(stdout).toContain('interrupted');
    expect(stdout).not.toContain('epoch 2/5');
    expect(existsSync(checkpoint)).toBe(true);
  });

  it('exits non-zero on a malformed model, naming the field', async () => {
    const doc = JSON.parse(await readFile(model, 'utf8'));
    const index = doc.nodes.findIndex((n: { type: string }) => n.type === 'Linear');
    doc.nodes[index].params.outFeatures = 0;
    const bad = join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify(doc));
    const result = await loom('train', bad, '--limit', '100');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`nodes[${index}].params.outFeatures`);
  });

  it('exits non-zero on a file that is not JSON, naming the file', async () => {
    const bad = join(dir, 'broken.json');
    await writeFile(bad, '{ "format": ');
    const result = await loom('eval', bad, '--checkpoint', 'x.ckpt');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('broken.json: not valid JSON');
  });

  it('exports an ONNX file that onnxruntime loads and runs on a batch of digits', async () => {
    const onnx = join(dir, 'mlp.onnx');
    const result = await loom('export', model, '--onnx', onnx);
    expect(result.code).toBe(0);
    const session = await ort.InferenceSession.create(await readFile(onnx));
    const outputs = await session.run({ input: new ort.Tensor('float32', new Float32Array(3 * 784), [3, 1, 28, 28]) });
    expect(outputs.output.dims).toEqual([3, 10]);
    await session.release();
  });

  it('imports the exported ONNX file back into a model document with its weights', async () => {
    const onnx = join(dir, 'mlp-for-import.onnx');
    expect((await loom('export', model, '--onnx', onnx)).code).toBe(0);
    const out = join(dir, 'imported.json');
    const result = await loom('import', onnx, '--out', out);
    expect(result.code).toBe(0);
    const doc = JSON.parse(await readFile(out, 'utf8'));
    // A Loom export carries its document: the dataset, loss and optimizer come back with the layers.
    expect(doc.nodes.map((n: { type: string }) => n.type)).toEqual(['dataset', 'Flatten', 'Linear', 'ReLU', 'Linear', 'ReLU', 'Linear', 'loss', 'optimizer']);
    expect(existsSync(join(dir, 'imported.ckpt'))).toBe(true);
    expect((await loom('eval', out, '--checkpoint', join(dir, 'imported.ckpt'), '--limit', '500')).code).toBe(0);
    expect((await loom('export', out, '--checkpoint', join(dir, 'imported.ckpt'), '--onnx', join(dir, 'again.onnx'))).code).toBe(0);
  });

  it('lists the templates and refuses an unknown one, listing the ids', async () => {
    expect((await loom('templates')).stdout).toMatch(/^mlp\s/m);
    const result = await loom('templates', 'nope');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('linear-regression, mlp, cnn, char-lstm, transformer');
  });
});

import { describe, expect, it } from 'vitest';
import { readScenarioFile, type ScenarioFile } from './read-file';

/** A file whose stated size lies (it grew after it was chosen): the stream brings more than `size`. */
function growing(
  name: string,
  size: number,
  chunks: number,
  chunk: number,
): ScenarioFile & { pulled(): number } {
  let pulled = 0;
  return {
    name,
    size,
    pulled: () => pulled,
    stream: () =>
      new ReadableStream<Uint8Array>({
        pull(controller) {
          if (pulled >= chunks) return controller.close();
          pulled++;
          controller.enqueue(new Uint8Array(chunk).fill(0x23));
        },
      }),
  };
}

describe('reading an opened scenario file', () => {
  it('reads UTF-8 text whole, counting its bytes', async () => {
    const text = '# Café: a scenario\nkind: List\n';
    const read = await readScenarioFile(new File([text], 'cafe.yaml'), 1024);
    expect(read).toMatchObject({ ok: true, text, bytes: new TextEncoder().encode(text).length });
    // The bytes as read go to the worker in place of the text.
    expect(read.ok && Buffer.concat(read.utf8).toString('utf8')).toBe(text);
  });

  it('gives the event loop back while it decodes, so a big file is not one long task', async () => {
    // 64 chunks, each taking 2 ms to arrive already buffered: reads resolve as microtasks, so only the
    // reader's own yielding lets a timer queued before it run before the file is read.
    let pulled = 0;
    const slow: ScenarioFile = {
      name: 'dump.yaml',
      size: 64 * 1024,
      stream: () =>
        new ReadableStream<Uint8Array>({
          pull(controller) {
            if (pulled++ >= 64) return controller.close();
            const until = performance.now() + 2;
            while (performance.now() < until);
            controller.enqueue(new TextEncoder().encode('a: b\n'.repeat(200)));
          },
        }),
    };
    const order: string[] = [];
    setTimeout(() => order.push('timer'), 0);
    const read = await readScenarioFile(slow, 1024 * 1024);
    order.push('read');
    expect(read.ok).toBe(true);
    expect(order).toEqual(['timer', 'read']);
  });

  it('decodes a character cut between two chunks', async () => {
    const bytes = new TextEncoder().encode('name: café\n');
    const cut = bytes.indexOf(0xc3) + 1;
    const split: ScenarioFile = {
      name: 'cut.yaml',
      size: bytes.length,
      stream: () =>
        new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(bytes.slice(0, cut));
            controller.enqueue(bytes.slice(cut));
            controller.close();
          },
        }),
    };
    expect(await readScenarioFile(split)).toMatchObject({ ok: true, text: 'name: café\n' });
  });

  it('refuses a file over the cap by its size, naming the file and the cap, without reading it', async () => {
    const file = growing('big.yaml', 3 * 1024 * 1024, 10, 1024);
    const read = await readScenarioFile(file, 2 * 1024 * 1024);
    expect(read).toEqual({
      ok: false,
      message:
        'big.yaml is 3.1 MB, more than the 2 MiB Podpath opens, so it was not opened; the scenario you had is still loaded.',
    });
    expect(file.pulled()).toBe(0);
  });

  it('stops reading once the bytes pass the cap, whatever the size said', async () => {
    const file = growing('dump.yaml', 10, 100, 256 * 1024);
    const read = await readScenarioFile(file, 1024 * 1024);
    expect(read.ok).toBe(false);
    expect(!read.ok && read.message).toMatch(/^dump\.yaml is larger than the 1 MiB Podpath opens/);
    // Four chunks fit, the fifth passes the cap: nothing after it is pulled.
    expect(file.pulled()).toBeLessThanOrEqual(6);
  });

  it('refuses a binary file by name rather than read it as garbage', async () => {
    const read = await readScenarioFile(
      new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0xff, 0xfe])], 'cat.png'),
    );
    expect(read).toEqual({
      ok: false,
      message: 'cat.png was not opened: it is not UTF-8 text. The scenario you had is still loaded.',
    });
  });
});

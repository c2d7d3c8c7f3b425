import { describe, expect, it } from 'vitest';
import { createActor, SimulatedClock } from 'xstate';
import { BASE_HOP_MS, playbackMachine, selectPlayState, selectReducedMotion } from './playback';

function start(length = 5) {
  const clock = new SimulatedClock();
  const actor = createActor(playbackMachine, { clock, input: {} }).start();
  actor.send({ type: 'trace.loaded', length });
  return { actor, clock };
}

describe('playback machine', () => {
  it('waits in empty until a trace arrives, then is paused on the first hop', () => {
    const actor = createActor(playbackMachine).start();
    expect(actor.getSnapshot().value).toBe('empty');
    expect(actor.getSnapshot().can({ type: 'playback.play' })).toBe(false);
    actor.send({ type: 'trace.loaded', length: 3 });
    expect(actor.getSnapshot().value).toBe('paused');
    expect(actor.getSnapshot().context.hop).toBe(0);
  });

  it('plays hop by hop at the chosen speed and finishes on the last hop', () => {
    const { actor, clock } = start(3);
    actor.send({ type: 'playback.speed', speed: 2 });
    actor.send({ type: 'playback.play' });
    expect(actor.getSnapshot().value).toBe('playing');
    clock.increment(BASE_HOP_MS / 2);
    expect(actor.getSnapshot().context.hop).toBe(1);
    expect(actor.getSnapshot().value).toBe('playing');
    clock.increment(BASE_HOP_MS / 2);
    expect(actor.getSnapshot().context.hop).toBe(2);
    expect(actor.getSnapshot().value).toBe('finished');
  });

  it('steps forward through stepping back to paused, and back again', () => {
    const { actor, clock } = start(4);
    actor.send({ type: 'playback.step.forward' });
    expect(actor.getSnapshot().value).toBe('stepping');
    expect(actor.getSnapshot().context.hop).toBe(1);
    clock.increment(BASE_HOP_MS);
    expect(actor.getSnapshot().value).toBe('paused');
    actor.send({ type: 'playback.step.back' });
    expect(actor.getSnapshot().context.hop).toBe(0);
    expect(actor.getSnapshot().can({ type: 'playback.step.back' })).toBe(false);
  });

  it('clamps speed to 0.25×–4× and seeks anywhere on the timeline', () => {
    const { actor } = start(10);
    actor.send({ type: 'playback.speed', speed: 16 });
    expect(actor.getSnapshot().context.speed).toBe(4);
    actor.send({ type: 'playback.speed', speed: 0.01 });
    expect(actor.getSnapshot().context.speed).toBe(0.25);
    actor.send({ type: 'playback.seek', hop: 6 });
    expect(actor.getSnapshot().context.hop).toBe(6);
    actor.send({ type: 'playback.seek', hop: 99 });
    expect(actor.getSnapshot().value).toBe('finished');
    expect(actor.getSnapshot().context.hop).toBe(9);
  });

  it('replays from the start when play is pressed at the end, and restarts to hop 0', () => {
    const { actor } = start(3);
    actor.send({ type: 'playback.seek', hop: 2 });
    expect(actor.getSnapshot().can({ type: 'playback.step.forward' })).toBe(false);
    actor.send({ type: 'playback.restart' });
    expect(actor.getSnapshot().context.hop).toBe(0);
    actor.send({ type: 'playback.seek', hop: 2 });
    actor.send({ type: 'playback.play' });
    expect(actor.getSnapshot().value).toBe('playing');
    expect(actor.getSnapshot().context.hop).toBe(0);
  });

  it('restores a shared step when a trace is loaded at a given hop', () => {
    const actor = createActor(playbackMachine).start();
    actor.send({ type: 'trace.loaded', length: 8, hop: 5 });
    expect(actor.getSnapshot().context.hop).toBe(5);
    actor.send({ type: 'trace.loaded', length: 8, hop: 7 });
    expect(actor.getSnapshot().value).toBe('finished');
  });

  it('makes a single step immediate under reduced motion', () => {
    const { actor, clock } = start(4);
    actor.send({ type: 'playback.motion', reduced: true });
    actor.send({ type: 'playback.step.forward' });
    clock.increment(0);
    expect(actor.getSnapshot().value).toBe('paused');
  });

  it('owns reduced motion: starts from its input, follows the media query in any state', () => {
    const clock = new SimulatedClock();
    const actor = createActor(playbackMachine, { clock, input: { reducedMotion: true } }).start();
    expect(selectReducedMotion(actor.getSnapshot())).toBe(true);
    // Changed before any trace (the query can flip while the page loads): kept, not dropped.
    actor.send({ type: 'playback.motion', reduced: false });
    expect(selectReducedMotion(actor.getSnapshot())).toBe(false);
    actor.send({ type: 'playback.motion', reduced: true });
    actor.send({ type: 'trace.loaded', length: 4 });
    actor.send({ type: 'playback.play' });
    // Flipped while playing: the mode stays, only the motion setting changes.
    actor.send({ type: 'playback.motion', reduced: false });
    expect(selectPlayState(actor.getSnapshot())).toBe('playing');
    expect(selectReducedMotion(actor.getSnapshot())).toBe(false);
    actor.send({ type: 'playback.pause' });
    // With motion back on, a step shows its motion again: it lasts a hop, not zero.
    actor.send({ type: 'playback.step.forward' });
    clock.increment(0);
    expect(selectPlayState(actor.getSnapshot())).toBe('stepping');
    clock.increment(BASE_HOP_MS);
    expect(selectPlayState(actor.getSnapshot())).toBe('paused');
    expect(actor.getSnapshot().context.hop).toBe(1);
  });
});

// Playback modes, in the shape of XState's stopwatch example: the machine owns playing / paused /
// stepping / finished, the hop cursor and whether motion is reduced (main.tsx is the one reader of the
// media query). The store mirrors only the cursor and speed for drawing; play state and reduced motion are
// read from the machine (selectPlayState, selectReducedMotion). Buttons ask
// `snapshot.can(event)`, so a control is enabled exactly when the machine would take the event.
import { assign, setup, type Actor, type SnapshotFrom } from 'xstate';

export const SPEEDS = [0.25, 0.5, 1, 2, 4] as const;
/** Time one hop takes at 1×; long enough to read the device name as the packet passes. */
export const BASE_HOP_MS = 700;

export interface PlaybackContext {
  hop: number;
  length: number;
  speed: number;
  reducedMotion: boolean;
}

export type PlaybackEvent =
  | { type: 'trace.loaded'; length: number; hop?: number }
  | { type: 'playback.play' }
  | { type: 'playback.pause' }
  | { type: 'playback.step.forward' }
  | { type: 'playback.step.back' }
  | { type: 'playback.restart' }
  | { type: 'playback.seek'; hop: number }
  | { type: 'playback.speed'; speed: number }
  | { type: 'playback.motion'; reduced: boolean };

function clampHop(hop: number, length: number): number {
  return Math.max(0, Math.min(Math.max(0, length - 1), Math.round(hop)));
}

export const playbackMachine = setup({
  types: {
    context: {} as PlaybackContext,
    events: {} as PlaybackEvent,
    input: {} as { speed?: number; reducedMotion?: boolean } | undefined,
  },
  guards: {
    hasTrace: ({ context }) => context.length > 0,
    canAdvance: ({ context }) => context.hop < context.length - 1,
    canGoBack: ({ context }) => context.hop > 0,
    /** After this advance there is still a hop to go: keep playing. */
    moreAfterNext: ({ context }) => context.hop + 1 < context.length - 1,
    seeksToEnd: ({ context, event }) =>
      event.type === 'playback.seek' &&
      context.length > 0 &&
      clampHop(event.hop, context.length) === context.length - 1,
    loadedAtEnd: ({ event }) =>
      event.type === 'trace.loaded' &&
      event.length > 0 &&
      clampHop(event.hop ?? 0, event.length) === event.length - 1,
    loadedEmpty: ({ event }) => event.type === 'trace.loaded' && event.length === 0,
  },
  actions: {
    advance: assign({ hop: ({ context }) => Math.min(context.hop + 1, Math.max(0, context.length - 1)) }),
    retreat: assign({ hop: ({ context }) => Math.max(0, context.hop - 1) }),
    rewind: assign({ hop: 0 }),
    seek: assign({
      hop: ({ context, event }) =>
        event.type === 'playback.seek' ? clampHop(event.hop, context.length) : context.hop,
    }),
    load: assign(({ event }) =>
      event.type === 'trace.loaded'
        ? { length: event.length, hop: clampHop(event.hop ?? 0, event.length) }
        : {},
    ),
    setSpeed: assign({
      speed: ({ context, event }) =>
        event.type === 'playback.speed'
          ? Math.max(SPEEDS[0], Math.min(SPEEDS[SPEEDS.length - 1]!, event.speed))
          : context.speed,
    }),
    setMotion: assign({
      reducedMotion: ({ context, event }) =>
        event.type === 'playback.motion' ? event.reduced : context.reducedMotion,
    }),
  },
  delays: {
    hopDelay: ({ context }) => BASE_HOP_MS / context.speed,
    /** A single step shows its motion, unless motion is reduced: then the step is immediate. */
    stepDelay: ({ context }) => (context.reducedMotion ? 0 : BASE_HOP_MS / context.speed),
  },
}).createMachine({
  id: 'playback',
  context: ({ input }) => ({
    hop: 0,
    length: 0,
    speed: input?.speed ?? 1,
    reducedMotion: input?.reducedMotion ?? false,
  }),
  initial: 'empty',
  on: {
    'trace.loaded': [
      { guard: 'loadedEmpty', target: '.empty', actions: 'load' },
      { guard: 'loadedAtEnd', target: '.finished', actions: 'load' },
      { target: '.paused', actions: 'load' },
    ],
    'playback.speed': { actions: 'setSpeed' },
    'playback.motion': { actions: 'setMotion' },
  },
  states: {
    empty: {},
    paused: {
      on: {
        'playback.play': { guard: 'canAdvance', target: 'playing' },
        'playback.step.forward': [{ guard: 'canAdvance', target: 'stepping', actions: 'advance' }],
        'playback.step.back': { guard: 'canGoBack', actions: 'retreat' },
        'playback.restart': { guard: 'canGoBack', actions: 'rewind' },
        'playback.seek': [
          { guard: 'seeksToEnd', target: 'finished', actions: 'seek' },
          { guard: 'hasTrace', actions: 'seek' },
        ],
      },
    },
    playing: {
      after: {
        hopDelay: [
          { guard: 'moreAfterNext', target: 'playing', reenter: true, actions: 'advance' },
          { target: 'finished', actions: 'advance' },
        ],
      },
      on: {
        'playback.pause': { target: 'paused' },
        'playback.step.back': { target: 'paused', actions: 'retreat' },
        'playback.restart': { target: 'paused', actions: 'rewind' },
        'playback.seek': [
          { guard: 'seeksToEnd', target: 'finished', actions: 'seek' },
          { target: 'paused', actions: 'seek' },
        ],
      },
    },
    stepping: {
      after: {
        stepDelay: [{ guard: 'canAdvance', target: 'paused' }, { target: 'finished' }],
      },
      on: {
        'playback.play': { guard: 'canAdvance', target: 'playing' },
        'playback.pause': { target: 'paused' },
        'playback.step.forward': {
          guard: 'canAdvance',
          target: 'stepping',
          reenter: true,
          actions: 'advance',
        },
        'playback.step.back': { target: 'paused', actions: 'retreat' },
        'playback.restart': { target: 'paused', actions: 'rewind' },
        'playback.seek': [
          { guard: 'seeksToEnd', target: 'finished', actions: 'seek' },
          { target: 'paused', actions: 'seek' },
        ],
      },
    },
    finished: {
      on: {
        // Play at the end replays from the first hop, as media players do.
        'playback.play': { guard: 'hasTrace', target: 'playing', actions: 'rewind' },
        'playback.step.back': { guard: 'canGoBack', target: 'paused', actions: 'retreat' },
        'playback.restart': { target: 'paused', actions: 'rewind' },
        'playback.seek': [
          { guard: 'seeksToEnd', actions: 'seek' },
          { target: 'paused', actions: 'seek' },
        ],
      },
    },
  },
});

export type PlaybackState = 'empty' | 'paused' | 'playing' | 'stepping' | 'finished';

export type PlaybackSnapshot = SnapshotFrom<typeof playbackMachine>;
export type PlaybackActor = Actor<typeof playbackMachine>;

/** The machine is the only owner of these two: components read them through these selectors. */
export const selectPlayState = (s: PlaybackSnapshot): PlaybackState => s.value as PlaybackState;
export const selectReducedMotion = (s: PlaybackSnapshot): boolean => s.context.reducedMotion;

// The session reaches components through context (one per page; tests may mount several).
import { createContext, useContext } from 'react';
import { useSelector } from '@xstate/react';
import { useStore } from 'zustand';
import type { PlaybackSnapshot } from './machines/playback';
import type { Session } from './session/session';
import type { PodpathState } from './store/state';

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside <SessionContext.Provider>');
  return session;
}

export function useApp<T>(selector: (s: PodpathState) => T): T {
  return useStore(useSession().store, selector);
}

/** Reads the playback machine, the one owner of play state and reduced motion. */
export function usePlayback<T>(selector: (s: PlaybackSnapshot) => T): T {
  return useSelector(useSession().playback, selector);
}

import { useEffect, useState } from 'preact/hooks';
import type { PanelSnapshot, PanelState } from './model/panel-state';

/** The state's current snapshot; the component re-renders when it changes. */
export function useSnapshot(state: PanelState): PanelSnapshot {
  const [snapshot, setSnapshot] = useState(() => state.snapshot());
  useEffect(() => {
    const update = () => {
      setSnapshot(state.snapshot());
    };
    update();
    return state.subscribe(update);
  }, [state]);
  return snapshot;
}

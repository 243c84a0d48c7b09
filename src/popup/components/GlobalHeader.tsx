import { Switch } from './Switch';

interface GlobalHeaderProps {
  readonly enabled: boolean;
  readonly busy: boolean;
  readonly onChange: (on: boolean) => void;
}

/** Title and the global switch, which is written at once. */
export function GlobalHeader({ enabled, busy, onChange }: GlobalHeaderProps) {
  return (
    <header class="top">
      <h1>Trace Capture</h1>
      <Switch checked={enabled} disabled={busy} onChange={onChange}>
        <span class="visually-hidden">Trace Capture </span>on
      </Switch>
    </header>
  );
}

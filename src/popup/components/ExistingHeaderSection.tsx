import type { ExistingHeaderPolicy } from '../../core/propagation';
import { RadioGroup, type RadioOption } from './RadioGroup';

interface ExistingHeaderSectionProps {
  readonly policy: ExistingHeaderPolicy;
  readonly onChange: (policy: ExistingHeaderPolicy) => void;
}

const POLICIES: readonly RadioOption<ExistingHeaderPolicy>[] = [
  { value: 'keep', label: 'Keep' },
  { value: 'replace', label: 'Replace' },
];

const EXPLAIN: Record<ExistingHeaderPolicy, string> = {
  keep: 'A trace context the page’s own SDK set is kept; only baggage entries are added.',
  replace: 'The extension starts its own context and overwrites the page’s trace headers.',
};

/** What happens when the page already set a traceparent. */
export function ExistingHeaderSection({ policy, onChange }: ExistingHeaderSectionProps) {
  return (
    <section>
      <RadioGroup
        label="Existing traceparent"
        name="existing-header"
        options={POLICIES}
        value={policy}
        onChange={onChange}
      >
        <p class="hint">{EXPLAIN[policy]}</p>
      </RadioGroup>
    </section>
  );
}

import type { SamplingMode } from '../../core/propagation';
import type { DraftSampling } from '../model';
import { FieldError } from './FieldError';
import { RadioGroup, type RadioOption } from './RadioGroup';

interface SamplingSectionProps {
  readonly sampling: DraftSampling;
  readonly ratioError: string | null;
  readonly onMode: (mode: SamplingMode) => void;
  readonly onRatio: (text: string) => void;
}

const MODES: readonly RadioOption<SamplingMode>[] = [
  { value: 'always', label: 'Always' },
  { value: 'never', label: 'Never' },
  { value: 'ratio', label: 'Ratio' },
];

/** The sampled flag of new traces; a ratio is decided from the trace id like the OTel SDK does. */
export function SamplingSection({ sampling, ratioError, onMode, onRatio }: SamplingSectionProps) {
  return (
    <section>
      <RadioGroup
        label="Sampling"
        name="sampling"
        options={MODES}
        value={sampling.mode}
        onChange={onMode}
      >
        {sampling.mode === 'ratio' && (
          <div class="field inline">
            <label for="sampling-ratio">Sampling ratio</label>
            <input
              id="sampling-ratio"
              type="number"
              min={0}
              max={1}
              step={0.01}
              inputMode="decimal"
              value={sampling.ratio}
              aria-invalid={ratioError !== null}
              aria-describedby={ratioError === null ? undefined : 'sampling-ratio-error'}
              onInput={(event) => {
                onRatio(event.currentTarget.value);
              }}
            />
          </div>
        )}
        {sampling.mode === 'ratio' && <FieldError id="sampling-ratio-error" message={ratioError} />}
      </RadioGroup>
    </section>
  );
}

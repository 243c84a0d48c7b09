import {
  MAX_INTERVAL_SECONDS,
  MIN_INTERVAL_SECONDS,
  type ExportCompression,
  type ExportProtocol,
} from '../../core/config/parse-export';
import type { DraftExport, ExportReview } from '../model';
import { Checkbox } from './Checkbox';
import { FieldError } from './FieldError';
import { RadioGroup, type RadioOption } from './RadioGroup';

interface ExportSettingsProps {
  readonly settings: DraftExport;
  readonly review: ExportReview;
  /** "Resource attributes: set them in the settings JSON …", which the popup does not edit. */
  readonly attributesHint: string;
  readonly onChange: <K extends keyof DraftExport>(name: K, value: DraftExport[K]) => void;
}

const PROTOCOLS: readonly RadioOption<ExportProtocol>[] = [
  { value: 'json', label: 'JSON' },
  { value: 'protobuf', label: 'Protobuf' },
];

const COMPRESSIONS: readonly RadioOption<ExportCompression>[] = [
  { value: 'none', label: 'None' },
  { value: 'gzip', label: 'gzip' },
];

const describedBy = (error: boolean, errorId: string, hintId?: string) =>
  error ? errorId : hintId;

/** Where and how spans are exported as OTLP/HTTP; saved with the other settings. */
export function ExportSettings({
  settings,
  review,
  attributesHint,
  onChange,
}: ExportSettingsProps) {
  const headersInvalid = review.headers.length > 0;
  return (
    <section aria-labelledby="export-settings-title">
      <h2 id="export-settings-title">Export settings</h2>
      <div class="field">
        <label for="export-endpoint">Endpoint</label>
        <input
          id="export-endpoint"
          type="text"
          inputMode="url"
          value={settings.endpoint}
          placeholder="http://localhost:4318/v1/traces"
          spellcheck={false}
          autocomplete="off"
          aria-invalid={review.endpoint !== null}
          aria-describedby={describedBy(review.endpoint !== null, 'export-endpoint-error')}
          onInput={(event) => {
            onChange('endpoint', event.currentTarget.value);
          }}
        />
        <FieldError id="export-endpoint-error" message={review.endpoint} />
      </div>
      <div class="export-choices">
        <RadioGroup
          label="Protocol"
          name="export-protocol"
          options={PROTOCOLS}
          value={settings.protocol}
          onChange={(value) => {
            onChange('protocol', value);
          }}
        />
        <RadioGroup
          label="Compression"
          name="export-compression"
          options={COMPRESSIONS}
          value={settings.compression}
          onChange={(value) => {
            onChange('compression', value);
          }}
        />
      </div>
      <div class="field">
        <label for="export-service">Service name</label>
        <input
          id="export-service"
          type="text"
          value={settings.serviceName}
          spellcheck={false}
          autocomplete="off"
          aria-invalid={review.serviceName !== null}
          aria-describedby={describedBy(review.serviceName !== null, 'export-service-error')}
          onInput={(event) => {
            onChange('serviceName', event.currentTarget.value);
          }}
        />
        <FieldError id="export-service-error" message={review.serviceName} />
      </div>
      <div class="field">
        <label for="export-headers">Export headers</label>
        <textarea
          id="export-headers"
          rows={3}
          value={settings.headers}
          placeholder="x-api-key: your-key"
          spellcheck={false}
          autocomplete="off"
          aria-invalid={headersInvalid}
          aria-describedby={describedBy(
            headersInvalid,
            'export-headers-errors',
            'export-headers-hint',
          )}
          onInput={(event) => {
            onChange('headers', event.currentTarget.value);
          }}
        />
        {headersInvalid && (
          <div id="export-headers-errors">
            {review.headers.map((error, i) => (
              <FieldError
                key={error}
                id={`export-headers-error-${String(i + 1)}`}
                message={error}
              />
            ))}
          </div>
        )}
        <p id="export-headers-hint" class="hint">
          One <code>Name: value</code> per line, e.g. an API key. Kept in this browser’s extension
          storage (storage.local) only: never synced, never given to a page.
        </p>
      </div>
      <div class="field inline wrap">
        <Checkbox
          checked={settings.auto}
          onChange={(on) => {
            onChange('auto', on);
          }}
        >
          Export automatically
        </Checkbox>
        <label for="export-interval">Interval (seconds)</label>
        <input
          id="export-interval"
          type="number"
          min={MIN_INTERVAL_SECONDS}
          max={MAX_INTERVAL_SECONDS}
          step={1}
          inputMode="numeric"
          value={settings.interval}
          aria-invalid={review.interval !== null}
          aria-describedby={describedBy(review.interval !== null, 'export-interval-error')}
          onInput={(event) => {
            onChange('interval', event.currentTarget.value);
          }}
        />
      </div>
      <FieldError id="export-interval-error" message={review.interval} />
      <p class="hint">{attributesHint}</p>
    </section>
  );
}

// Over the dimmed stage while the scenario text has errors: the first error with its place, so the user
// sees why the drawing is an older version and where to look, without leaving the diagram.
import { useApp } from '../app-context';
import { selectDiagnostics, selectDrawnSummary, selectScenarioInvalid } from '../store/selectors';

export function StageError() {
  const invalid = useApp(selectScenarioInvalid);
  const diagnostics = useApp(selectDiagnostics);
  const drawn = useApp(selectDrawnSummary);
  if (!invalid) return null;
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const first = errors[0];
  const more = errors.length - 1;
  return (
    <div className="stage-error" data-testid="stage-error">
      <p>
        <strong>
          The scenario has {errors.length} error{errors.length === 1 ? '' : 's'}
        </strong>
        {drawn ? ', so this is the last version that loaded.' : ', so there is nothing to draw yet.'} Playback
        waits until it loads again.
      </p>
      {first && (
        <p className="stage-error-first">
          {first.line > 0 && `Line ${first.line}, column ${first.column}: `}
          {first.message}
          {more > 0 && ` (and ${more} more in the Scenario tab)`}
        </p>
      )}
    </div>
  );
}

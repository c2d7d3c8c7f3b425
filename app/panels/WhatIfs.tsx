// What-ifs without touching YAML by hand: scale a Deployment, mark a pod not ready, delete a pod. Each is
// an edit of the scenario text (see whatif/yaml-edits), so the editor, share links and autosave follow.
import { useState } from 'react';
import { useApp, useSession } from '../app-context';
import { selectScenarioText, selectSummary } from '../store/selectors';
import { editScenario } from '../store/store';
import {
  deletePod,
  deploymentKeys,
  deploymentReplicas,
  isBarePod,
  scaleDeployment,
  setPodReady,
} from '../whatif/yaml-edits';

export function WhatIfs() {
  const session = useSession();
  const text = useApp(selectScenarioText);
  const summary = useApp(selectSummary);
  const [podKey, setPodKey] = useState('');
  const [note, setNote] = useState<string | null>(null);
  let deployments: string[] = [];
  try {
    deployments = deploymentKeys(text);
  } catch {
    deployments = [];
  }
  const pod = summary?.pods.find((p) => p.key === podKey) ?? summary?.pods[0];
  const apply = (next: string | null, failure: string) => {
    if (next === null) setNote(failure);
    else {
      setNote(null);
      editScenario(session.store, next);
    }
  };
  const owned = pod ? !isBarePod(text, pod.key) : false;
  return (
    <div className="what-ifs">
      {deployments.map((d) => {
        const replicas = deploymentReplicas(text, d) ?? 1;
        return (
          <div key={d} className="scale" role="group" aria-label={`Scale ${d}`}>
            <span>
              Deployment {d}: <output aria-label={`Replicas of ${d}`}>{replicas}</output> replicas
            </span>
            <button
              type="button"
              aria-label={`Scale ${d} down`}
              disabled={replicas <= 0}
              onClick={() => apply(scaleDeployment(text, d, replicas - 1), 'could not edit the Deployment')}
            >
              −
            </button>
            <button
              type="button"
              aria-label={`Scale ${d} up`}
              onClick={() => apply(scaleDeployment(text, d, replicas + 1), 'could not edit the Deployment')}
            >
              +
            </button>
          </div>
        );
      })}
      {summary && pod && (
        <div role="group" aria-label="Pod what-ifs">
          <label>
            Pod{' '}
            <select value={pod.key} onChange={(e) => setPodKey(e.target.value)}>
              {summary.pods.map((p) => (
                <option key={p.key} value={p.key}>
                  {p.key}
                  {p.ready ? '' : ' (not ready)'}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            disabled={owned}
            onClick={() => apply(setPodReady(text, pod.key, !pod.ready), 'could not edit the pod')}
          >
            {pod.ready ? 'Mark not ready' : 'Mark ready'}
          </button>
          <button
            type="button"
            disabled={owned}
            onClick={() => apply(deletePod(text, pod.key), 'could not delete the pod')}
          >
            Delete pod
          </button>
          {owned && (
            <p className="muted">
              This pod belongs to a Deployment, whose ReplicaSet would replace it; scale the Deployment
              instead.
            </p>
          )}
        </div>
      )}
      {note && <p role="alert">{note}</p>}
    </div>
  );
}

// What-ifs without touching YAML by hand: scale a Deployment, mark a pod not ready, delete a pod (for a
// Deployment's replica: scale down, since its ReplicaSet would replace a deleted pod). Each is an edit of
// the scenario text (engine/scenario/yaml-edits), so the editor, share links and autosave follow. What the
// panel offers is derived once per text (whatif/what-if-choices); an edit runs only when its button is pressed.
import { useMemo, useState } from 'react';
import { useApp, useSession } from '../app-context';
import { tooBigToEdit } from '../open-file/too-big-to-edit';
import { selectOpenedFile, selectScenarioText, selectSummary } from '../store/selectors';
import { editScenario } from '../store/store';
import { deletePod, replicaNotReady, scaleDeployment, setPodReady } from '../../engine/index';
import { whatIfChoices } from '../whatif/what-if-choices';

export function WhatIfs() {
  const opened = useApp(selectOpenedFile);
  // The what-ifs are edits of the text: a file too big to edit here would be parsed again on the main
  // thread for each, so they are not offered for it.
  if (tooBigToEdit(opened))
    return (
      <p className="what-ifs muted">
        What-ifs edit the scenario&apos;s text, so they are off for a file too big to edit here.
      </p>
    );
  return <WhatIfChoicesPanel />;
}

function WhatIfChoicesPanel() {
  const session = useSession();
  const text = useApp(selectScenarioText);
  const summary = useApp(selectSummary);
  const [podKey, setPodKey] = useState('');
  const [note, setNote] = useState<string | null>(null);
  const { deployments, pod, owner, ownerReplicas, siblings, canSplit, bare } = useMemo(
    () => whatIfChoices(text, summary?.pods ?? [], podKey),
    [text, summary, podKey],
  );
  const apply = (next: string | null, failure: string) => {
    if (next === null) setNote(failure);
    else {
      setNote(null);
      editScenario(session.store, next);
    }
  };
  const markReplicaNotReady = () => {
    const index = siblings.findIndex((p) => p.key === pod?.key);
    apply(
      owner && pod ? replicaNotReady(text, owner, pod.key, index, pod.node) : null,
      'could not edit the Deployment',
    );
  };
  return (
    <div className="what-ifs">
      {deployments.map(({ key: d, replicas }) => {
        return (
          <div key={d} className="scale" role="group" aria-label={`Scale ${d}`}>
            <span>
              Deployment {d}: <output aria-label={`Replicas of ${d}`}>{replicas}</output> replica
              {replicas === 1 ? '' : 's'}
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
          {owner ? (
            <>
              <button
                type="button"
                disabled={!canSplit}
                aria-describedby="replica-what-if"
                onClick={markReplicaNotReady}
              >
                Mark not ready
              </button>
              <button
                type="button"
                disabled={ownerReplicas <= 0}
                aria-describedby="replica-what-if"
                onClick={() =>
                  apply(scaleDeployment(text, owner, ownerReplicas - 1), 'could not edit the Deployment')
                }
              >
                Scale down instead of deleting
              </button>
              <p className="muted" id="replica-what-if">
                This pod is a replica of Deployment {owner}. Deleting it would only make its ReplicaSet create
                a replacement, so scale down instead (the ReplicaSet removes a replica of its choosing).
                Marking it not ready takes one replica off the Deployment and writes this pod as a Pod of its
                own whose Ready condition is False.
                {!canSplit &&
                  ` That works for the first or last replica (${siblings[0]?.key ?? '–'}, ${siblings[siblings.length - 1]?.key ?? '–'}) only: host-local hands out addresses in file order, so splitting off a middle replica would give its siblings other addresses.`}
              </p>
            </>
          ) : !bare ? (
            <p className="muted">
              {pod.key} is not a Pod document of the file: a StatefulSet, a DaemonSet or an add-on Podpath
              installs makes it. Edit what makes it in the YAML (a StatefulSet&apos;s replicas, a
              DaemonSet&apos;s nodeSelector) to change it.
            </p>
          ) : (
            <>
              <button
                type="button"
                onClick={() => apply(setPodReady(text, pod.key, !pod.ready), 'could not edit the pod')}
              >
                {pod.ready ? 'Mark not ready' : 'Mark ready'}
              </button>
              <button
                type="button"
                onClick={() => apply(deletePod(text, pod.key), 'could not delete the pod')}
              >
                Delete pod
              </button>
            </>
          )}
        </div>
      )}
      {note && <p role="alert">{note}</p>}
    </div>
  );
}

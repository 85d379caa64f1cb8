import { CopyButton } from "@/components/ui/copy-button";
import { OUTPUT_KEYS, outputVar, SEED_VARIABLES } from "@/lib/lab/contract";
import { SEED_CORRECTIONS } from "@/lib/lab/shell-env";
import styles from "./overview.module.css";

const ENV_COMMAND = 'eval "$(npm run --silent lab -- env)"';
const SEED_NAME: Record<string, string> = Object.fromEntries(Object.entries(SEED_VARIABLES).map(([name, key]) => [key, name]));

/** The stack outputs the seed's commands need, each with the variable `npm run lab -- env` sets. */
function OutputRows({ keys, outputs, caption, testId }: { keys: string[]; outputs: Record<string, string>; caption: string; testId?: string }) {
  return (
    <div className="table-scroll">
      <table className="data-table" data-testid={testId}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Shell variable</th>
            <th scope="col">Value</th>
            <td />
          </tr>
        </thead>
        <tbody>
          {keys.map((key) => (
            <tr key={key}>
              <th scope="row">
                <code>{outputVar(key)}</code>
                {SEED_NAME[key] && <span className={styles.alias}>also {SEED_NAME[key]}, as the seed names it</span>}
              </th>
              <td>
                <code className={styles.outputValue}>{outputs[key]}</code>
              </td>
              <td className={styles.copyCell}>
                <CopyButton text={outputs[key]} label={`Copy ${outputVar(key)}`} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

// The listener port completes the ALB's address (http://$ALB_DNS:$LISTENER_PORT).
const MAIN_KEYS: readonly string[] = [OUTPUT_KEYS[0], "ListenerPort", ...OUTPUT_KEYS.slice(1)];

export function OutputsTable({ outputs }: { outputs: Record<string, string> }) {
  const main = MAIN_KEYS.filter((k) => outputs[k] !== undefined);
  const rest = Object.keys(outputs)
    .filter((k) => !MAIN_KEYS.includes(k))
    .sort();
  return (
    <div className={styles.outputs}>
      <OutputRows keys={main} outputs={outputs} caption="The stack outputs the seed's commands use, with their shell variables" testId="outputs-table" />
      {rest.length > 0 && (
        <details className={styles.disclosure}>
          <summary>All other stack outputs ({rest.length})</summary>
          <OutputRows keys={rest} outputs={outputs} caption="Other stack outputs" />
        </details>
      )}
      <div className={styles.envLine}>
        <p>
          Run the seed's commands against this target: load every variable into your shell with{" "}
        </p>
        <pre>
          <code>{ENV_COMMAND}</code>
        </pre>
        <CopyButton text={ENV_COMMAND} label="Copy the env command" />
      </div>
      <details className={styles.disclosure}>
        <summary>Two of the seed's commands need a correction</summary>
        {SEED_CORRECTIONS.map((c) => (
          <div key={c.what} className={styles.correction}>
            <p>
              <strong>{c.what}.</strong> {c.why}
            </p>
            <p className={styles.correctionLabel}>The seed writes</p>
            <pre>
              <code>{c.seed}</code>
            </pre>
            <p className={styles.correctionLabel}>Use instead</p>
            {c.working.map((w) => (
              <pre key={w}>
                <code>{w}</code>
              </pre>
            ))}
          </div>
        ))}
      </details>
    </div>
  );
}

import { Suspense } from "react";
import { Panel } from "@/components/ui/panel";
import { currentTarget } from "@/lib/aws/clients";
import { deployedBreakerParams } from "@/lib/data/resilience-sdk";
import { BREAKER_PARAMETER_NAMES, type BreakerParams, readBreakerParams } from "@/lib/lab/breaker-params";
import { BreakerParamsForm } from "./breaker-params-form";
import styles from "./resilience.module.css";

/**
 * Settings → Breaker parameters: the resilience stack's FailureThreshold, WindowSeconds,
 * OpenSeconds and SuccessThreshold, saved for the next deploy or update.
 */
export async function BreakerParamsSection() {
  const saved = await readBreakerParams();
  return (
    <Panel
      title="Breaker parameters"
      description="When a breaker opens, how long it stays open and what closes it. They are parameters of the resilience stack: saved here, used at the next deploy or update."
    >
      <BreakerParamsForm saved={saved} />
      <Suspense fallback={<p className={styles.deployed}>Reading the deployed values…</p>}>
        <Deployed saved={saved} />
      </Suspense>
    </Panel>
  );
}

async function Deployed({ saved }: { saved: BreakerParams }) {
  const deployed = await deployedBreakerParams(await currentTarget());
  if (!deployed) return <p className={styles.deployed}>The resilience stack is not deployed on this target yet.</p>;
  const differs = (Object.keys(BREAKER_PARAMETER_NAMES) as (keyof BreakerParams)[]).filter((k) => deployed[k] !== saved[k]);
  return (
    <p className={styles.deployed}>
      Deployed now: {deployed.failureThreshold} failures within {deployed.windowSeconds} s, OPEN {deployed.openSeconds} s, {deployed.successThreshold} successful probes to close.
      {differs.length ? ` ${differs.map((k) => BREAKER_PARAMETER_NAMES[k]).join(", ")} change at the next deploy.` : " The saved values match."}
    </p>
  );
}

// One table for every benchmark: value, baseline, ratio, target, met.
import type { Metric, Result } from "./util.ts";

const fmt = (x: number | null | undefined, unit = "") => {
  if (x === null || x === undefined || Number.isNaN(x)) return "—";
  const abs = Math.abs(x);
  const s = abs >= 1000 ? x.toFixed(0) : abs >= 100 ? x.toFixed(0) : abs >= 10 ? x.toFixed(1) : x.toFixed(2);
  return unit ? `${s} ${unit}` : s;
};

function row(m: Metric): string[] {
  const target = m.target ? `${m.target.on === "ratio" ? "ratio " : ""}${m.target.op === "<=" ? "≤" : "≥"} ${m.target.value}${m.target.on === "ratio" ? "" : ` ${m.unit}`}` : "";
  return [
    m.label,
    fmt(m.value, m.unit),
    m.baseline ? `${fmt(m.baseline.value, m.unit)} (${m.baseline.label})` : "",
    m.ratio !== undefined ? `${m.ratio.toFixed(2)}×` : "",
    target,
    m.met === undefined ? "" : m.met ? "✓" : "✗",
  ];
}

export function tableLines(results: Result[]): string[] {
  const head = ["metric", "value", "baseline (same run)", "ratio", "target", "met"];
  const rows: (string[] | string)[] = [];
  for (const r of results) {
    rows.push(`${r.name}${r.ms ? ` (${(r.ms / 1000).toFixed(1)} s)` : ""}${r.error ? ` — FAILED: ${r.error}` : ""}`);
    for (const m of r.metrics) rows.push(row(m));
  }
  const widths = head.map((h, i) => Math.max(h.length, ...rows.filter((r) => Array.isArray(r)).map((r) => (r as string[])[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
  const out = [line(head), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`];
  for (const r of rows) out.push(Array.isArray(r) ? line(r) : line([`**${r}**`, ...widths.slice(1).map(() => "")]));
  return out;
}

export function printTable(results: Result[]) {
  console.log(tableLines(results).join("\n"));
  for (const r of results) for (const n of r.notes ?? []) console.log(`  · ${r.name}: ${n}`);
}

// The commented starter kpi.json written by "KPI: Create kpi.json".

export function starterKpiFile(): string {
  return `// Objectives and KPIs for this repository, measured from its git history.
// Every property has hover help; metric definitions are in the extension's docs/metrics.md.
{
  "objectives": [
    {
      "id": "flow",
      "name": "Ship small changes often",
      "kpis": [
        {
          "id": "commit-frequency",
          "name": "Commit frequency",
          // Non-merge commits per week over the window.
          "metric": "commitFrequency",
          "target": { "direction": "atLeast", "value": 10 },
          "window": "4w"
        }
      ]
    },
    {
      "id": "quality",
      "name": "Fix bugs quickly",
      "kpis": [
        {
          "id": "bugfix-turnaround",
          "name": "Bug-fix turnaround",
          // Median hours from the first commit that mentions #N to the commit that closes it.
          "metric": "bugFixTurnaround",
          "target": { "direction": "atMost", "value": 72 },
          "window": "12w"
        }
      ]
    }
  ]
}
`;
}

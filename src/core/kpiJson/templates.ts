// Starter kpi.json files for "KPI: Create kpi.json". Each is valid, commented JSON with
// comments, and starts its time frames on the day it is created.

export const TEMPLATE_IDS = ['delivery', 'quality', 'review', 'growth'] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

export interface Template {
  readonly id: TemplateId;
  readonly title: string;
  readonly detail: string;
  text(today: string): string;
}

const HEADER = `// Objectives and KPIs for this repository, measured from its git history by the
// Engineering KPIs extension. Hover any property for help; metric definitions are in the
// extension's docs/metrics.md. Values are team-level: there is no per-person ranking.`;

export const TEMPLATES: readonly Template[] = [
  {
    id: 'delivery',
    title: 'Engineering delivery (DORA-style)',
    detail: 'Deployment frequency, lead time, change failure rate, with flow guardrails',
    text: (today) => `${HEADER}
{
  "repository": {
    // Release tags mark deployments. Without matching tags, delivery metrics show no value.
    "releaseTagPattern": "v*"
  },
  "objectives": [
    {
      "id": "delivery",
      "name": "Deliver small changes to users often and safely",
      "type": "operational",
      "timeframe": { "start": "${today}", "duration": "1q" },
      "review": "biweekly",
      "kpis": [
        {
          "id": "deploys",
          "name": "Deployment frequency",
          "metric": "deploymentFrequency",
          "target": { "direction": "increaseTo", "value": 2 },
          "window": "4w",
          "indicator": "leading",
          // Speed needs a quality guardrail: shipping faster must not ship more failures.
          "guardrail": "change-failure"
        },
        {
          "id": "lead-time",
          "name": "Lead time for changes",
          "metric": "leadTime",
          "target": { "direction": "decreaseTo", "value": 72 },
          "window": "12w",
          "indicator": "lagging",
          "guardrail": "change-failure"
        },
        {
          "id": "change-failure",
          "name": "Change failure rate",
          "metric": "changeFailureRate",
          "target": { "direction": "atMost", "value": 15 },
          "window": "12w",
          "indicator": "lagging"
        }
      ]
    }
  ]
}
`,
  },
  {
    id: 'quality',
    title: 'Code quality',
    detail: 'Fix share, revert rate and bug-fix turnaround',
    text: (today) => `${HEADER}
{
  "objectives": [
    {
      "id": "quality",
      "name": "Spend less time fixing and more time building",
      "type": "functional",
      "timeframe": { "start": "${today}", "duration": "2q" },
      "review": "monthly",
      "kpis": [
        {
          "id": "fix-share",
          "name": "Share of changes that are fixes",
          "metric": "fixShare",
          "target": { "direction": "decreaseTo", "value": 20, "warning": 5 },
          "window": "8w"
        },
        {
          "id": "revert-rate",
          "name": "Revert rate",
          "metric": "revertRate",
          "target": { "direction": "atMost", "value": 2 },
          "window": "8w"
        },
        {
          "id": "bugfix-turnaround",
          "name": "Bug-fix turnaround",
          // Median hours from the first commit that mentions #N to the change that closes it.
          "metric": "bugFixTurnaround",
          "target": { "direction": "decreaseTo", "value": 48 },
          "window": "12w",
          "guardrail": "revert-rate"
        }
      ]
    }
  ]
}
`,
  },
  {
    id: 'review',
    title: 'Review flow',
    detail: 'Review coverage, change size and integration frequency',
    text: (today) => `${HEADER}
{
  "objectives": [
    {
      "id": "review-flow",
      "name": "Every change reviewed, and small enough to review well",
      "type": "operational",
      "timeframe": { "start": "${today}", "duration": "1q" },
      "review": "biweekly",
      "kpis": [
        {
          "id": "review-coverage",
          "name": "Review coverage",
          // Changes that arrived through a merge or carry Reviewed-by / Co-authored-by.
          "metric": "reviewCoverage",
          "target": { "direction": "atLeast", "value": 90 },
          "window": "4w"
        },
        {
          "id": "change-size",
          "name": "Change size (median lines)",
          "metric": "changeSize",
          "target": { "direction": "atMost", "value": 200 },
          "window": "4w",
          "guardrail": "review-coverage"
        },
        {
          "id": "integration",
          "name": "Integration frequency",
          "metric": "integrationFrequency",
          "target": { "direction": "increaseTo", "value": 10 },
          "window": "4w",
          "indicator": "leading",
          "guardrail": "review-coverage"
        }
      ]
    }
  ]
}
`,
  },
  {
    id: 'growth',
    title: 'Personal growth plan',
    detail: 'An aspirational OKR with a leading habit and a manual key result',
    text: (today) => `${HEADER}
{
  "objectives": [
    {
      "id": "growth",
      "name": "Grow into reviewing and mentoring",
      "type": "functional",
      // OKR mode: aspirational key results scored 0.0 to 1.0; 0.7 or more is success.
      "mode": "okr",
      "timeframe": { "start": "${today}", "duration": "2q" },
      "review": "monthly",
      "kpis": [
        {
          "id": "coding-days",
          "name": "Steady practice: coding days per week",
          "metric": "codingDays",
          "target": { "direction": "increaseTo", "value": 4 },
          "window": "4w",
          "indicator": "leading",
          "guardrail": "reverts"
        },
        {
          "id": "reverts",
          "name": "Revert rate stays low",
          "metric": "revertRate",
          "target": { "direction": "atMost", "value": 5 },
          "window": "8w"
        },
        {
          "id": "mentoring",
          "name": "Mentoring sessions held per month",
          // Recorded by hand with "KPI: Record Value" into .kpi/values.jsonl.
          "manual": true,
          "unit": "sessions",
          "target": { "direction": "increaseTo", "value": 4, "baseline": 0 },
          "window": "5w"
        }
      ]
    }
  ]
}
`,
  },
];

export function templateById(id: TemplateId): Template {
  return TEMPLATES.find((t) => t.id === id)!;
}

// What the demo repository is made of: the team, what they write (commit messages, bugs,
// files), the kpi.json at its root, and the seeded randomness. scripts/demo-repo.mjs
// turns these into a git history.

/** The first day (YYYY-MM-DD) of the calendar quarter that contains `now` (epoch ms), in UTC. */
export function quarterStart(now) {
  const d = new Date(now);
  return new Date(Date.UTC(d.getUTCFullYear(), Math.floor(d.getUTCMonth() / 3) * 3, 1)).toISOString().slice(0, 10);
}

/**
 * The demo's kpi.json at `now` (epoch ms): two objectives for the calendar quarter that
 * contains `now`, each with a type, an owner (a team), a review cadence and the KPIs that
 * measure it; every speed KPI has a quality guardrail, no target states a baseline (the
 * extension takes the value before the quarter). The SMART checks find nothing to say.
 * Comments are whole-line `//` comments only (see kpiConfig).
 */
export function kpiJson(now) {
  const quarter = `{ "start": "${quarterStart(now)}", "duration": "1q" }`;
  return `// Engineering KPIs for harbor. The Engineering KPIs extension evaluates these
// against this repository's git history; edit a target and the views update.
{
  // Set to true to keep every KPI's value at each review in .kpi/history.jsonl.
  "reviewHistory": false,
  "objectives": [
    {
      "id": "flow",
      "name": "Ship small changes often",
      "type": "operational",
      "mode": "kpi",
      // This quarter, reviewed every other week in the team's retro.
      "timeframe": ${quarter},
      "review": "biweekly",
      "owner": "Harbor team",
      "kpis": [
        {
          "id": "commit-frequency",
          "name": "Commit frequency",
          // Non-merge commits per week, over the last four complete weeks.
          "metric": "commitFrequency",
          "target": { "direction": "increaseTo", "value": 12 },
          "unit": "/week",
          "window": "4w",
          "indicator": "leading",
          // More, smaller commits must not mean more of them undone.
          "guardrail": "revert-rate"
        },
        {
          "id": "revert-rate",
          "name": "Revert rate",
          // Share of the changes landed on main that revert an earlier change.
          "metric": "revertRate",
          "target": { "direction": "atMost", "value": 5 },
          "unit": "%",
          "window": "4w",
          "indicator": "lagging"
        }
      ]
    },
    {
      "id": "bugs",
      "name": "Fix bugs quickly",
      "type": "functional",
      // Aspirational key results, scored 0 to 1: 0.7 is a good quarter.
      "mode": "okr",
      "timeframe": ${quarter},
      "review": "monthly",
      "owner": "Harbor maintainers",
      "kpis": [
        {
          "id": "bugfix-turnaround",
          "name": "Bug-fix turnaround",
          // Median hours from the first commit about a bug to the fix landing on main.
          "metric": "bugFixTurnaround",
          "target": { "direction": "decreaseTo", "value": 60 },
          "unit": "h",
          "window": "12w",
          "indicator": "lagging",
          // Faster fixes, but still reviewed by a second person.
          "guardrail": "review-coverage"
        },
        {
          "id": "review-coverage",
          "name": "Review coverage",
          // Share of the changes landed on main that a second person saw: merged pull
          // requests, and commits with a Reviewed-by or Co-authored-by trailer.
          "metric": "reviewCoverage",
          "target": { "direction": "increaseTo", "value": 80 },
          "unit": "%",
          "window": "4w",
          "indicator": "leading"
        }
      ]
    }
  ]
}
`;
}

/** kpi.json with a syntax error (an unclosed array), for diagnostics tests. */
export const BROKEN_KPI_JSON = `{
  "objectives": [
    { "name": "Ship small changes often", "kpis": [
      { "id": "commit-frequency", "name": "Commit frequency", "metric": "commitFrequency" }
  ]
}
`;

/** A kpi.json text as data, when its comments are whole-line `//` comments only. */
export function kpiConfig(text) {
  return JSON.parse(text.replace(/^\s*\/\/.*$/gm, ''));
}

export const TEAM = [
  { name: 'Maya Chen', email: 'maya.chen@example.com', handle: 'maya', tz: '+0200' },
  { name: 'Tomás Ortega', email: 'tomas.ortega@example.com', handle: 'tomas', tz: '-0300' },
  { name: 'Priya Raman', email: 'priya.raman@example.com', handle: 'priya', tz: '+0530' },
  { name: 'Jonas Berg', email: 'jonas.berg@example.com', handle: 'jonas', tz: '+0100' },
];
export const GITHUB = { name: 'GitHub', email: 'noreply@github.com', tz: '+0000' };

// ---------------------------------------------------------------- bots and identities

/** Dependabot's own identity; its commits are committed by GitHub. */
export const DEPENDABOT = { name: 'dependabot[bot]', email: '49699333+dependabot[bot]@users.noreply.github.com', tz: '+0000', bot: true };
/** The GitHub organisation in "Merge pull request #N from harbor-dev/..." for bot branches. */
export const ORG = 'harbor-dev';

/**
 * Dependency bumps Dependabot opened: package, from, to, days before now it opened the pull
 * request, and how it landed ('merge': a merge commit by a person; 'squash': the bot's commit
 * itself on main with "(#N)").
 */
export const DEPENDENCY_BUMPS = [
  ['undici', '6.21.1', '6.21.2', 68, 'merge'],
  ['pg', '8.13.1', '8.13.3', 33, 'merge'],
  ['zod', '3.24.1', '3.24.2', 19, 'squash'],
  ['typescript', '5.8.3', '5.8.4', 6, 'merge'],
];

/** Subject and body the way Dependabot writes them (no issue references). */
export function dependabotMessage(pkg, from, to) {
  const repo =
    { undici: 'nodejs/undici', pg: 'brianc/node-postgres', zod: 'colinhacks/zod', typescript: 'microsoft/TypeScript' }[pkg] ??
    `${pkg}/${pkg}`;
  const subject = `chore(deps): bump ${pkg} from ${from} to ${to}`;
  const body = [
    `Bumps [${pkg}](https://github.com/${repo}) from ${from} to ${to}.`,
    `- [Release notes](https://github.com/${repo}/releases)`,
    `- [Commits](https://github.com/${repo}/compare/v${from}...v${to})`,
    '',
    '---',
    'updated-dependencies:',
    `- dependency-name: ${pkg}`,
    `  dependency-version: ${to}`,
    '  dependency-type: direct:production',
    '  update-type: version-update:semver-patch',
    '...',
    '',
    'Signed-off-by: dependabot[bot] <support@github.com>',
  ].join('\n');
  return { subject, body };
}

/**
 * For the first weeks Jonas committed from an old laptop whose git config said "jberg" and a
 * personal address; .mailmap (added when the team noticed) folds that identity into his.
 */
export const OLD_IDENTITY = { handle: 'jonas', name: 'jberg', email: 'jberg@berg-laptop.example', weeks: 5 };
export const MAILMAP = `# Map old commit identities to the current ones (git shortlog, git log --use-mailmap).
Jonas Berg <jonas.berg@example.com> <jberg@berg-laptop.example>
`;

// ---------------------------------------------------------------- randomness

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function makeRandom(seed) {
  const next = mulberry32(seed);
  const r = {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
    poisson(lambda) {
      const l = Math.exp(-lambda);
      let k = 0;
      let p = 1;
      do {
        k += 1;
        p *= next();
      } while (p > l);
      return k - 1;
    },
    /** Cycles through a shuffled copy, so messages repeat only after all were used. */
    deck(list) {
      let cards = [];
      return () => {
        if (cards.length === 0) {
          cards = [...list];
          for (let i = cards.length - 1; i > 0; i--) {
            const j = Math.floor(next() * (i + 1));
            [cards[i], cards[j]] = [cards[j], cards[i]];
          }
        }
        return cards.pop();
      };
    },
  };
  return r;
}

// ---------------------------------------------------------------- what people write

export const WORK = [
  ['feat(api): add cursor pagination to GET /shipments', 'src/api/pagination.ts'],
  ['feat(api): filter shipments by carrier and status', 'src/api/routes.ts'],
  ['feat(api): expose ETA confidence in shipment payload', 'src/api/serializers.ts'],
  ['feat(api): rate-limit anonymous tracking lookups', 'src/api/auth.ts'],
  ['feat(web): sortable columns in the shipment table', 'src/web/ShipmentTable.tsx'],
  ['feat(web): show carrier logos on the dashboard', 'src/web/Dashboard.tsx'],
  ['feat(web): remember the last used filters', 'src/web/filters.ts'],
  ['feat(scheduler): retry failed carrier polls with backoff', 'src/scheduler/queue.ts'],
  ['feat(scheduler): nightly cleanup of delivered shipments', 'src/scheduler/cron.ts'],
  ['feat(db): index shipments by tracking number', 'src/db/schema.ts'],
  ['feat(config): read carrier credentials from env', 'src/config/load.ts'],
  ['feat(notify): email customers when a parcel is delayed', 'src/notify/email.ts'],
  ['feat(notify): webhook signatures with HMAC-SHA256', 'src/notify/webhooks.ts'],
  ['feat(carriers): DHL tracking adapter', 'src/carriers/dhl.ts'],
  ['feat(carriers): normalise UPS status codes', 'src/carriers/ups.ts'],
  ['refactor(api): split routes by resource', 'src/api/routes.ts'],
  ['refactor(carriers): share the HTTP client between adapters', 'src/carriers/http.ts'],
  ['refactor(scheduler): inject the clock for testability', 'src/scheduler/cron.ts'],
  ['refactor(web): extract useShipments hook', 'src/web/useShipments.ts'],
  ['perf(db): batch status updates in one transaction', 'src/db/shipments.ts'],
  ['perf(api): cache carrier lookups for 60 s', 'src/api/cache.ts'],
  ['test(api): cover pagination edge cases', 'test/api/pagination.test.ts'],
  ['test(scheduler): fake timers for retry backoff', 'test/scheduler/queue.test.ts'],
  ['test(carriers): recorded DHL responses', 'test/carriers/dhl.test.ts'],
  ['test(config): env precedence over file values', 'test/config/load.test.ts'],
  ['docs: describe the webhook payload', 'docs/webhooks.md'],
  ['docs: local development with docker compose', 'docs/development.md'],
  ['docs(api): document rate limits', 'docs/api.md'],
  ['chore(deps): bump undici to 6.21.1', 'package.json'],
  ['chore(deps): bump typescript to 5.8.3', 'package.json'],
  ['chore: tidy eslint warnings in src/web', 'src/web/Dashboard.tsx'],
  ['ci: cache npm downloads between runs', '.github/workflows/ci.yml'],
  ['ci: run integration tests against postgres 16', '.github/workflows/ci.yml'],
  ['fix(web): typo in the empty-state message', 'src/web/ShipmentTable.tsx'],
  ['fix(api): trailing slash on /shipments/ returned 404', 'src/api/routes.ts'],
  ['style: format with prettier 3', 'src/api/routes.ts'],
];

export const BUGS = [
  ['config', 'crash when config file is empty', 'handle empty config file', 'src/config/load.ts', 'empty-config'],
  ['scheduler', 'cron runs twice on DST change', 'compute next run in UTC', 'src/scheduler/cron.ts', 'dst-double-run'],
  ['api', 'pagination cursor skips items with equal timestamps', 'tie-break cursor on id', 'src/api/pagination.ts', 'cursor-ties'],
  ['web', 'table loses sort order after refresh', 'keep sort state across refresh', 'src/web/ShipmentTable.tsx', 'sort-reset'],
  ['carriers', 'UPS adapter throws on missing ETA', 'treat missing ETA as unknown', 'src/carriers/ups.ts', 'ups-missing-eta'],
  ['notify', 'duplicate delay emails', 'deduplicate delay notifications', 'src/notify/email.ts', 'duplicate-emails'],
  ['db', 'status update deadlock under load', 'lock shipments in id order', 'src/db/shipments.ts', 'update-deadlock'],
  ['api', '500 on unknown carrier filter', 'reject unknown carriers with 400', 'src/api/routes.ts', 'unknown-carrier'],
  ['notify', 'webhook retries ignore Retry-After', 'honour Retry-After on webhook retries', 'src/notify/webhooks.ts', 'retry-after'],
  ['carriers', 'DHL timestamps parsed as local time', 'parse DHL timestamps as UTC', 'src/carriers/dhl.ts', 'dhl-timezone'],
  ['web', 'filters reset when switching tabs', 'persist filters per tab', 'src/web/filters.ts', 'filters-reset'],
  ['scheduler', 'backoff grows without bound', 'cap retry backoff at 15 minutes', 'src/scheduler/queue.ts', 'backoff-cap'],
  ['config', 'env override ignored for port', 'apply PORT from env', 'src/config/load.ts', 'port-env'],
  ['api', 'rate limiter counts OPTIONS requests', 'skip preflight in rate limiter', 'src/api/auth.ts', 'preflight-limit'],
  ['db', 'migration 0007 fails on empty table', 'guard migration 0007', 'src/db/schema.ts', 'migration-0007'],
  ['web', 'dashboard flickers on slow networks', 'keep previous data while loading', 'src/web/Dashboard.tsx', 'dashboard-flicker'],
];

export function fileText(file, title) {
  if (file.endsWith('.md')) return `- ${title}\n`;
  if (file.endsWith('.json')) return `    "note-${title.length}": "${title.replace(/"/g, "'")}",\n`;
  if (file.endsWith('.yml')) return `      # ${title}\n`;
  const ident = title
    .replace(/^[a-z]+(\([a-z]+\))?: /, '')
    .replace(/[^A-Za-z0-9]+(.)?/g, (_, c) => (c ? c.toUpperCase() : ''))
    .replace(/^./, (c) => c.toLowerCase());
  return `\n// ${title}\nexport function ${ident.slice(0, 40) || 'change'}(input: string): string {\n  return input.trim();\n}\n`;
}

export const INITIAL_FILES = {
  'README.md': '# harbor\n\nTracks parcels across carriers and tells customers when they will arrive.\n',
  '.gitignore': 'node_modules/\ndist/\ncoverage/\n',
  'package.json': '{\n  "name": "harbor",\n  "version": "0.0.1",\n  "private": true\n}\n',
  'CHANGELOG.md': '# Changelog\n',
  'src/index.ts': "import { startServer } from './api/server';\n\nstartServer();\n",
  'src/api/server.ts': 'export function startServer(): void {\n  // listen on PORT\n}\n',
};

/** Follow-up commits on a feature branch: "refactor(web): address review comments". */
export function followUp(title, k) {
  const scope = /\(([a-z]+)\)/.exec(title)?.[1] ?? 'app';
  const topic = title.split(': ')[1] ?? title;
  return [
    `refactor(${scope}): address review comments`,
    `test(${scope}): cover ${topic.toLowerCase()}`,
    `docs(${scope}): ${topic.toLowerCase()} in the README`,
  ][k - 1];
}

// Runs axe-core against the current page for WCAG 2.0–2.2 A and AA and best practice and hands the
// violations back to Selenium. Injected after axe.min.js by tests/browser/site.py.
const done = arguments[arguments.length - 1];
axe
  .run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] } })
  .then((results) =>
    done(
      results.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ")),
      })),
    ),
  )
  .catch((error) => done([{ id: "axe-error", impact: "critical", help: String(error), nodes: [] }]));

/** The report's only stylesheet, inlined (no fonts or files fetched: system fonts only). */
export const STYLE = `
:root { color-scheme: light; --pass: #1a7f37; --fail: #cf222e; --inc: #9a6700; --ev: #fff3bf; --tgt: #ffd33d; }
body { font: 14px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 1200px; padding: 1rem 1.5rem; color: #1f2328; }
h1 { font-size: 1.4rem; margin: 0 0 .5rem; } h2 { font-size: 1.1rem; border-bottom: 1px solid #d0d7de; padding-bottom: .2rem; margin-top: 1.6rem; }
code, pre, .console, .tree { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
.verdict { display: inline-block; padding: .3rem .9rem; border-radius: 4px; color: #fff; font-weight: 700; font-size: 1.2rem; letter-spacing: .05em; }
.verdict.pass { background: var(--pass); } .verdict.fail { background: var(--fail); } .verdict.inconclusive { background: var(--inc); }
.meta { color: #57606a; margin: .4rem 0; }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; vertical-align: top; padding: .25rem .5rem; border-bottom: 1px solid #eaeef2; }
.status { font-weight: 700; text-transform: uppercase; font-size: .8rem; }
.status.pass { color: var(--pass); } .status.fail { color: var(--fail); } .status.inconclusive { color: var(--inc); } .status.skip { color: #8c959f; }
.diagnosis { border-left: 4px solid var(--fail); padding: .3rem .8rem; margin: .6rem 0; background: #fff8f8; }
.remedy { margin-top: .3rem; } .remedy::before { content: "Remedy: "; font-weight: 700; }
.known { border-left: 4px solid var(--inc); padding: .3rem .8rem; background: #fffbe6; margin: .4rem 0; }
a.ev { font-family: ui-monospace, monospace; margin-right: .4rem; }
.tree, .tree ul { list-style: none; padding-left: 1.1rem; margin: 0; } .tree summary { cursor: pointer; }
.dev.unconfigured { color: var(--inc); font-weight: 600; } .dev.missing { color: var(--fail); font-weight: 700; text-decoration: line-through; }
.flag { color: var(--fail); font-weight: 700; }
.console { background: #f6f8fa; border: 1px solid #d0d7de; padding: .4rem 0; overflow-x: auto; }
.console .l { white-space: pre; padding: 0 .6rem; scroll-margin-top: 40vh; }
.console .l .ln { display: inline-block; width: 4.5em; color: #8c959f; text-decoration: none; user-select: none; }
.console .l.evidence { background: var(--ev); } .console .l:target { background: var(--tgt); outline: 2px solid #bf8700; }
.change.regression td:first-child { color: var(--fail); font-weight: 700; } .change.allowed td:first-child { color: var(--inc); }
.gate-note { font-weight: 700; color: var(--fail); margin: .4rem 0; }
/* Several inputs: the summary is written last (the page streams) and shown first. */
body.multi { display: flex; flex-direction: column; } body.multi > .summary { order: -1; }
.summary ul { columns: 2; margin: .3rem 0; } .summary li.fail a { color: var(--fail); } .summary li.inconclusive a { color: var(--inc); }
`;

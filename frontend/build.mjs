// Builds the site's CSS from GOV.UK Frontend's Sass (system font stack, no GDS Transport, no crown)
// and copies the GOV.UK Frontend script and images beside it. Output goes to static/build/,
// which is generated at set-up and never committed.
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import * as sass from "sass";

const out = "static/build";
const govuk = "node_modules/govuk-frontend/dist/govuk";
mkdirSync(out, { recursive: true });

console.log("frontend: compiling static/scss/main.scss");
const result = sass.compile("static/scss/main.scss", {
  loadPaths: ["node_modules"],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import"],
});
writeFileSync(`${out}/main.css`, result.css);

console.log("frontend: copying GOV.UK Frontend script and images");
// The bundle names its source map; ship the map too so production's manifest storage finds it.
cpSync(`${govuk}/all.bundle.js`, `${out}/govuk-frontend.js`);
cpSync(`${govuk}/all.bundle.js.map`, `${out}/all.bundle.js.map`);
cpSync(`${govuk}/assets/images`, `${out}/images`, { recursive: true });
cpSync("node_modules/axe-core/axe.min.js", `${out}/axe.min.js`);
console.log("frontend: built into static/build/");

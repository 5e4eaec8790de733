// Runs first, before the page paints: tells GOV.UK Frontend's CSS that JavaScript is available.
document.body.classList.add("js-enabled");
if ("noModule" in HTMLScriptElement.prototype) {
  document.body.classList.add("govuk-frontend-supported");
}

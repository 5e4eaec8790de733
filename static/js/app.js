// Starts GOV.UK Frontend's components. Every page works without this; it only enhances.
if (window.GOVUKFrontend) {
  window.GOVUKFrontend.initAll();
}

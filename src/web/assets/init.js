// GOV.UK Frontend and MoJ Frontend behaviours (error summary focus, service navigation menu,
// sortable tables). Every page works without them: forms post and redirect.
import { initAll } from '/assets/js/govuk-frontend.min.js';
import { initAll as initMoj } from '/assets/js/moj-frontend.min.js';

initAll();
initMoj();

// "Print this page" buttons (`data-app-print`) are rendered hidden: printing needs JavaScript, so
// they appear only here, where they work. No inline handlers: the CSP forbids them.
for (const button of document.querySelectorAll('[data-app-print]')) {
  button.addEventListener('click', () => window.print());
  button.hidden = false;
}

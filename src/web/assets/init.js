// GOV.UK Frontend and MoJ Frontend behaviours (error summary focus, service navigation menu,
// sortable tables). Every page works without them: forms post and redirect.
import { initAll } from '/assets/js/govuk-frontend.min.js';
import { initAll as initMoj } from '/assets/js/moj-frontend.min.js';

initAll();
initMoj();

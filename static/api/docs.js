// Swagger UI for /api/docs/, started from a file rather than an inline script so that the portal's CSP holds.
"use strict";
(function () {
  const root = document.getElementById("swagger-ui");
  const csrfToken = root.dataset.csrfToken;
  window.ui = SwaggerUIBundle({
    url: root.dataset.schemaUrl,
    dom_id: "#swagger-ui",
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    layout: "BaseLayout",
    deepLinking: true,
    // No call to the public validator at swagger.io: nothing leaves the portal.
    validatorUrl: null,
    requestInterceptor: (request) => {
      // "Try it out" runs with the signed-in session; writes carry the CSRF token as the portal's own scripts do.
      if (!request.headers.Authorization) {
        request.headers["X-CSRFToken"] = csrfToken;
      }
      return request;
    },
  });
})();

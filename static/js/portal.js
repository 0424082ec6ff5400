// Small behaviours every page may use without inline JavaScript, which the Content-Security-Policy refuses:
//   <button type="button" data-print>            prints the page
//   <select data-autosubmit>                       submits its form when changed
//   <form data-confirm="ยืนยันการลบ?">              asks before submitting
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-print]")) {
      event.preventDefault();
      window.print();
    }
  });
  document.addEventListener("change", function (event) {
    const field = event.target.closest("[data-autosubmit]");
    if (field && field.form) {
      field.form.requestSubmit ? field.form.requestSubmit() : field.form.submit();
    }
  });
  document.addEventListener("submit", function (event) {
    const question = event.target.getAttribute && event.target.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });
})();

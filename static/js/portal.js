// Small behaviours every page may use without inline JavaScript, which the Content-Security-Policy refuses:
//   <button type="button" data-print>            prints the page
//   <select data-autosubmit>                       submits its form when changed
//   <form data-confirm="ยืนยันการลบ?">              asks before submitting
// and every form that posts is sent once: a second click while the first submission is on its way is ignored.
(function () {
  "use strict";
  // A click again after this long is a retry of a submission that never got an answer, and is sent.
  const RESEND_AFTER_MS = 20000;
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
  // On a slow link a second click on "บันทึก" sent the form again: the server saved both (two events, two cases)
  // and the browser showed only the second answer. Forms whose own script sends them (check-in, the grid) have
  // prevented the default already and are left alone.
  document.addEventListener("submit", function (event) {
    const form = event.target;
    if (event.defaultPrevented || !form.getAttribute || (form.getAttribute("method") || "").toLowerCase() !== "post") {
      return;
    }
    const sentAt = Number(form.dataset.sentAt || 0);
    if (sentAt && Date.now() - sentAt < RESEND_AFTER_MS) {
      event.preventDefault();
      return;
    }
    form.dataset.sentAt = String(Date.now());
    form.setAttribute("aria-busy", "true");
  });
  // Back to a page the browser kept (the back button): its forms can be sent again.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-sent-at]").forEach(function (form) {
      delete form.dataset.sentAt;
      form.removeAttribute("aria-busy");
    });
  });
})();

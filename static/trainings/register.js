// "Select all" for the search results of the registration page.
document.querySelectorAll("[data-check-all]").forEach((box) => {
  box.addEventListener("change", () => {
    const name = box.dataset.checkAll;
    box.closest("form").querySelectorAll(`input[name="${name}"]`).forEach((b) => { b.checked = box.checked; });
  });
});

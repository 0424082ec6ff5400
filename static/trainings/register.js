// The registration page's checkbox lists: filter by typing, tick every person shown, and a count of those chosen.
// Without this script the lists are plain checkboxes and still register whoever is ticked.
(function () {
  const fold = (text) => text.normalize("NFC").toLocaleLowerCase("th").replace(/\s+/g, " ").trim();

  document.querySelectorAll("[data-picker]").forEach((picker) => {
    const tools = picker.querySelector("[data-picker-tools]");
    const filter = picker.querySelector("[data-picker-filter]");
    const count = picker.querySelector("[data-picker-count]");
    const items = Array.from(picker.querySelectorAll("[data-picker-item]"));
    const boxOf = (item) => item.querySelector('input[type="checkbox"]:not(:disabled)');
    const shown = () => items.filter((item) => !item.hidden);
    const texts = new Map(items.map((item) => [item, fold(item.textContent)]));

    function update() {
      const chosen = items.filter((item) => boxOf(item) && boxOf(item).checked).length;
      const visible = shown().length;
      // The words come from the template, in the page's language.
      const pattern = visible === items.length ? count.dataset.allShown : count.dataset.someShown;
      count.textContent = pattern.replace("{chosen}", chosen).replace("{shown}", visible).replace("{total}", items.length);
    }

    filter.addEventListener("input", () => {
      const words = fold(filter.value).split(" ").filter(Boolean);
      items.forEach((item) => {
        const text = texts.get(item);
        // A ticked person stays in view: hiding them would hide who is about to be registered.
        item.hidden = !(words.every((w) => text.includes(w)) || (boxOf(item) && boxOf(item).checked));
      });
      update();
    });
    // Enter in the filter must not send the form with whatever happens to be ticked.
    filter.addEventListener("keydown", (event) => { if (event.key === "Enter") event.preventDefault(); });
    picker.querySelector("[data-picker-all]").addEventListener("click", () => {
      shown().forEach((item) => { const box = boxOf(item); if (box) box.checked = true; });
      update();
    });
    picker.querySelector("[data-picker-none]").addEventListener("click", () => {
      items.forEach((item) => { const box = boxOf(item); if (box) box.checked = false; });
      update();
    });
    picker.addEventListener("change", (event) => { if (event.target.matches('input[type="checkbox"]')) update(); });
    tools.hidden = false;
    update();
  });
})();

// Material gives its two hidden checkboxes (navigation drawer, search) autocomplete="off" so that
// Firefox does not restore them as ticked; that attribute is not valid HTML on checkboxes, so the
// hub removes it (hooks/msdz_theme.py) and clears a restored state here instead.
window.addEventListener("pageshow", () => {
  for (const id of ["__drawer", "__search"]) {
    const toggle = document.getElementById(id);
    if (toggle && toggle.checked) {
      toggle.checked = false;
      toggle.dispatchEvent(new Event("change"));
    }
  }
});

// „Steckbrief drucken“ (templates/_macros.md: print_button) opens the browser's print dialog.
document.addEventListener("click", (event) => {
  if (event.target instanceof Element && event.target.closest("[data-hub-print]")) {
    window.print();
  }
});

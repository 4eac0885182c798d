// The header menu on a phone: the language switcher, the account links and the main menu fold behind one
// "Menu" button (CSS decides from the width; this file only says the script is there and toggles the state).
// Without this file nothing is folded. The button says whether the menu is open (aria-expanded); Escape closes
// it and gives the focus back to the button.
(function () {
  "use strict";
  var header = document.querySelector("[data-menu]");
  var toggle = header && header.querySelector("[data-menu-toggle]");
  if (!toggle) {
    return;
  }
  document.documentElement.classList.add("menu-js");

  function setOpen(open) {
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    header.classList.toggle("menu-open", open);
  }

  toggle.addEventListener("click", function () {
    setOpen(toggle.getAttribute("aria-expanded") !== "true");
  });
  header.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
      setOpen(false);
      toggle.focus();
    }
  });
})();

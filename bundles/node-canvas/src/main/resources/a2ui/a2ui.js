// Talon A2UI placeholder renderer: a small, original stand-in that renders A2UI-like messages as plain
// text, cards and buttons. Hosts call window.talonA2ui.push(messages) / .reset(); messages can also arrive
// through window.postMessage({a2ui: [...]}) from the embedding app.
(function () {
  "use strict";
  var root = document.getElementById("a2ui-root");

  function text(value) {
    return document.createTextNode(value == null ? "" : String(value));
  }

  function render(component) {
    var kind = component && (component.type || component.kind);
    var el;
    if (kind === "button") {
      el = document.createElement("button");
      el.className = "a2ui-button";
      el.appendChild(text(component.label || component.text));
    } else if (kind === "card" || Array.isArray(component && component.children)) {
      el = document.createElement("section");
      el.className = "a2ui-card";
      if (component.title) {
        var h = document.createElement("h2");
        h.appendChild(text(component.title));
        el.appendChild(h);
      }
      (component.children || []).forEach(function (c) { el.appendChild(render(c)); });
    } else {
      el = document.createElement("p");
      el.appendChild(text(component && (component.text || component.label) || JSON.stringify(component)));
    }
    return el;
  }

  function reset() {
    root.textContent = "";
    var p = document.createElement("p");
    p.className = "a2ui-empty";
    p.appendChild(text("No A2UI surface yet."));
    root.appendChild(p);
  }

  function push(messages) {
    if (typeof messages === "string") {
      messages = messages.split("\n").filter(Boolean).map(function (line) { return JSON.parse(line); });
    }
    if (root.querySelector(".a2ui-empty")) {
      root.textContent = "";
    }
    (messages || []).forEach(function (m) { root.appendChild(render(m.component || m)); });
  }

  window.talonA2ui = { push: push, reset: reset };
  window.addEventListener("message", function (event) {
    if (event.source === window.parent && event.data && event.data.a2ui) {
      push(event.data.a2ui);
    }
  });
})();

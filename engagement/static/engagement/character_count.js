/*
 * The idea form's long texts, as a progressive enhancement (the form works without it): under
 * each text area with a limit, how many characters are used of how many; and when a pasted
 * text does not fit, it is cut where the limit is (as the browser would) and the form says so,
 * with how much was left out, instead of cutting it silently.
 */
(function () {
  "use strict";
  var form = document.querySelector("form.idea-form[data-count-text]");
  if (!form) return;
  var numbers = new Intl.NumberFormat(document.documentElement.lang || undefined);
  var fill = function (template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, name) {
      return numbers.format(values[name]);
    });
  };

  form.querySelectorAll("textarea[maxlength]").forEach(function (area) {
    var limit = Number(area.getAttribute("maxlength"));
    var count = document.createElement("p");
    count.className = "form-field__count";
    count.id = area.id + "-count";
    var notice = document.createElement("p");
    notice.className = "form-field__cut";
    notice.id = area.id + "-cut";
    notice.setAttribute("role", "status");
    area.insertAdjacentElement("afterend", notice);
    area.insertAdjacentElement("afterend", count);
    var described = (area.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
    area.setAttribute("aria-describedby", described.concat([count.id, notice.id]).join(" "));

    var show = function () {
      count.textContent = fill(form.dataset.countText, { count: area.value.length, limit: limit });
      count.classList.toggle("form-field__count--full", area.value.length >= limit);
    };
    area.addEventListener("input", show);
    area.addEventListener("paste", function (event) {
      var pasted = (event.clipboardData || window.clipboardData).getData("text");
      var start = area.selectionStart;
      var end = area.selectionEnd;
      var room = limit - (area.value.length - (end - start));
      if (pasted.length <= room) {
        notice.textContent = "";
        return;
      }
      event.preventDefault();
      area.setRangeText(pasted.slice(0, Math.max(room, 0)), start, end, "end");
      area.dispatchEvent(new Event("input", { bubbles: true }));
      notice.textContent = fill(form.dataset.cutText, { left: pasted.length - Math.max(room, 0) });
    });
    show();
  });
})();

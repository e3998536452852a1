// 总结助手网页版:文本框随内容长高;提交后回到原来的位置,或跳到刚添加的一项、第一处错误。
(function () {
  "use strict";
  function grow(area) { area.style.height = "auto"; area.style.height = area.scrollHeight + 2 + "px"; }
  document.addEventListener("input", function (event) {
    if (event.target.tagName === "TEXTAREA") { grow(event.target); }
  });
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("textarea").forEach(grow);
    var form = document.getElementById("facts-form");
    if (!form) { return; }
    var pane = document.getElementById("preview-pane");
    // Nothing is kept on the server: leaving the page with unsent changes asks first.
    var changed = false;
    form.addEventListener("input", function () { changed = true; });
    window.addEventListener("beforeunload", function (event) {
      if (changed) { event.preventDefault(); event.returnValue = ""; }
    });
    // Removing an entry that has something written in it asks first.
    form.addEventListener("click", function (event) {
      var button = event.target.closest("button.remove");
      if (!button) { return; }
      var entry = button.closest(".item, li");
      var filled = entry && Array.prototype.some.call(entry.querySelectorAll("input,textarea"), function (box) {
        return box.value.trim() !== "";
      });
      if (filled && !window.confirm("这一项已经填了内容,确定删除吗?")) { event.preventDefault(); }
    });
    form.addEventListener("submit", function () {
      changed = false;
      sessionStorage.setItem("zongjie-scroll", JSON.stringify([window.scrollX, window.scrollY, pane ? pane.scrollTop : 0]));
    });
    var target = null;
    if (Number(form.dataset.errors) > 0) { target = document.getElementById("error-summary"); }
    else if (form.dataset.focus) { target = document.getElementById("f-" + form.dataset.focus); }
    var saved = sessionStorage.getItem("zongjie-scroll");
    sessionStorage.removeItem("zongjie-scroll");
    if (saved) {
      var at = JSON.parse(saved);
      window.scrollTo(at[0], at[1]);
      if (pane) { pane.scrollTop = at[2]; }
    }
    if (target) {
      var box = target.getBoundingClientRect();
      if (box.top < 60 || box.bottom > window.innerHeight) { target.scrollIntoView({block: "center"}); }
      var input = target.matches("input,textarea,select") ? target : target.querySelector("input,textarea,select");
      if (input && !(Number(form.dataset.errors) > 0)) { input.focus({preventScroll: true}); }
    }
  });
})();

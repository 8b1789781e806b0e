/* Checklists a team can work through on screen: ticks are kept in this browser only
 * (localStorage, per page), nothing is sent anywhere. */
(function () {
  "use strict";
  var boxes = document.querySelectorAll(".task-list-item input[type=checkbox]");
  if (!boxes.length) { return; }
  var key = "kb-sjekkliste:" + location.pathname;
  var saved = {};
  try { saved = JSON.parse(localStorage.getItem(key) || "{}"); } catch (error) { saved = {}; }
  boxes.forEach(function (box, index) {
    box.checked = saved[index] === true;
    box.addEventListener("change", function () {
      saved[index] = box.checked;
      try { localStorage.setItem(key, JSON.stringify(saved)); } catch (error) { /* private mode */ }
    });
  });
})();

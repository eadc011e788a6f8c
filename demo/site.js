// The demo's own script: content that arrives after load, as on a real site.
document.getElementById("more").addEventListener("click", function () {
  var q = document.createElement("blockquote");
  q.textContent = "\u201cBest service in town, call them: 555-310-4554.\u201d \u2014 Pat R.";
  document.getElementById("more-reviews").appendChild(q);
});

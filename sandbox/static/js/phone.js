/* The phone emulator: dials *152*00# against this workspace's USSD callback (no libraries). */
(function () {
  "use strict";
  var app = document.getElementById("phone-app");
  if (!app) { return; }
  var d = app.dataset;
  var screen = document.getElementById("screen-text");
  var count = document.getElementById("screen-count");
  var input = document.getElementById("phone-input");
  var form = document.getElementById("phone-form");
  var callButton = document.getElementById("call-button");
  var phoneField = document.getElementById("phone-number");
  var inboxList = document.getElementById("inbox-list");
  var inboxEmpty = document.getElementById("inbox-empty");
  var session = null; /* {id, inputs} while a USSD session is open */
  var busy = false;

  function show(text, isProtocol) {
    screen.textContent = text;
    count.textContent = isProtocol ? text.length + 4 + "/182 " + d.labelChars : "";
  }

  function setInSession(open) {
    callButton.textContent = open ? d.labelSend : d.labelCall;
    input.setAttribute("inputmode", open ? "text" : "tel");
  }

  /* *152*00# → "", *152*00*9*2# → "9*2" (a dialled shortcut); null for another code. */
  function shortcutOf(dialled) {
    var code = dialled.replace(/\s+/g, "");
    var match = /^\*152\*00((?:\*[^#]*)?)#$/.exec(code);
    return match ? match[1].replace(/^\*/, "") : null;
  }

  function send(text) {
    busy = true;
    show(d.msgSending, false);
    var body = new URLSearchParams({
      sessionId: session.id, serviceCode: d.serviceCode,
      phoneNumber: phoneField.value.trim(), text: text, networkCode: "64004"
    });
    return fetch(d.ussdUrl, { method: "POST", body: body, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.text();
      })
      .then(function (reply) {
        var ended = reply.indexOf("END ") === 0 || reply.indexOf("CON ") !== 0;
        show(reply.replace(/^(CON|END) /, ""), true);
        if (ended) { hangUp(false); }
      })
      .catch(function () { show(d.msgFailed, false); hangUp(false); })
      .then(function () { busy = false; input.focus(); });
  }

  function hangUp(showMessage) {
    session = null;
    setInSession(false);
    if (showMessage) { show(d.msgEnded, false); }
    refreshInbox();
  }

  function dial() {
    var shortcut = shortcutOf(input.value);
    if (shortcut === null) { show(d.msgWrongCode, false); return; }
    if (!phoneField.value.trim()) { show(d.msgBadPhone, false); phoneField.focus(); return; }
    var inputs = shortcut ? shortcut.split("*") : [];
    busy = true;
    show(d.msgSending, false);
    /* The server keeps this number in the browser's session: the inbox shows only its SMS. */
    var body = new URLSearchParams({ phone: phoneField.value.trim() });
    fetch(d.dialUrl, {
      method: "POST", body: body, credentials: "same-origin", headers: { "X-CSRFToken": d.csrf }
    })
      .then(function (response) {
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.json();
      })
      .then(function (dialled) {
        session = { id: dialled.sessionId, inputs: inputs };
        input.value = "";
        setInSession(true);
        return send(session.inputs.join("*"));
      })
      .catch(function () { busy = false; show(d.msgBadPhone, false); phoneField.focus(); });
  }

  function answer() {
    session.inputs.push(input.value);
    input.value = "";
    send(session.inputs.join("*"));
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (busy) { return; }
    if (session) { answer(); } else { dial(); }
  });

  app.querySelectorAll(".key-digit").forEach(function (key) {
    key.addEventListener("click", function () {
      input.value += key.dataset.key;
      input.focus();
    });
  });
  document.getElementById("delete-button").addEventListener("click", function () {
    input.value = input.value.slice(0, -1);
    input.focus();
  });
  document.getElementById("end-button").addEventListener("click", function () {
    input.value = "";
    if (session) { hangUp(true); } else { show(d.msgIdle, false); }
  });

  function renderInbox(messages) {
    inboxList.textContent = "";
    messages.slice().reverse().forEach(function (m) {
      var item = document.createElement("li");
      item.className = "inbox-item inbox-" + m.direction;
      var head = document.createElement("p");
      head.className = "inbox-head";
      head.textContent = (m.direction === "outbound" ? d.labelFrom : d.labelTo) + " · " + m.at;
      var text = document.createElement("p");
      text.className = "inbox-text";
      text.textContent = m.text;
      item.appendChild(head);
      item.appendChild(text);
      inboxList.appendChild(item);
    });
    inboxEmpty.hidden = messages.length > 0;
  }

  function refreshInbox() {
    return fetch(d.inboxUrl, { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : []; })
      .then(renderInbox)
      .catch(function () { renderInbox([]); });
  }

  document.getElementById("inbox-refresh").addEventListener("click", refreshInbox);

  /* Texting the short code 15200 from this phone ("Sema na Kiongozi"); the answer lands in
     the inbox. The server keeps the number in the browser's session, as when dialling. */
  var smsForm = document.getElementById("sms-form");
  var smsText = document.getElementById("sms-text");
  var smsStatus = document.getElementById("sms-status");
  smsForm.addEventListener("submit", function (event) {
    event.preventDefault();
    if (!smsText.value.trim()) { smsStatus.textContent = d.msgSmsEmpty; smsText.focus(); return; }
    var body = new URLSearchParams();
    body.set("phone", phoneField.value);
    body.set("text", smsText.value);
    smsStatus.textContent = d.msgSending;
    fetch(d.smsUrl, {
      method: "POST", body: body, credentials: "same-origin", headers: { "X-CSRFToken": d.csrf }
    })
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        smsText.value = "";
        smsStatus.textContent = d.msgSmsSent;
        return refreshInbox();
      })
      .catch(function () { smsStatus.textContent = d.msgBadPhone; phoneField.focus(); });
  });

  refreshInbox();
}());

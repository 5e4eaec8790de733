// The chat widget (templates/chatbot/widget.html). Without this script the widget is a box with
// the complaint form and the contact page; with it, an "Ask a question" button opens a panel that
// talks to the assistant over the /ws/chat/ WebSocket. No inline scripts or styles (strict CSP).
(function () {
  "use strict";

  var MAX_CHARS = 2000;
  var OPEN_KEY = "app-chat-open";
  var RECONNECT_DELAYS = [1000, 2000, 5000, 10000];

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  // Paragraphs split on blank lines; lines starting "- " or "* " become a bulleted list.
  function renderText(container, text) {
    text.split(/\n\s*\n/).forEach(function (block) {
      var lines = block.split("\n").filter(function (line) { return line.trim() !== ""; });
      if (!lines.length) return;
      var bullets = lines.every(function (line) { return /^\s*[-*\u2022]\s+/.test(line); });
      if (bullets) {
        var list = el("ul", "govuk-list govuk-list--bullet app-chat__text");
        lines.forEach(function (line) {
          list.appendChild(el("li", null, line.replace(/^\s*[-*\u2022]\s+/, "")));
        });
        container.appendChild(list);
        return;
      }
      var paragraph = el("p", "app-chat__text");
      lines.forEach(function (line, index) {
        if (index) paragraph.appendChild(document.createElement("br"));
        paragraph.appendChild(document.createTextNode(line));
      });
      container.appendChild(paragraph);
    });
  }

  // Our own pages, http(s) sites, and numbers to call or text (the safety replies).
  function safeUrl(url) {
    if (typeof url !== "string") return null;
    if (url.charAt(0) === "/" && url.charAt(1) !== "/") return url;
    if (/^(tel:\+?[0-9]+|sms:[0-9]+(\?body=[A-Za-z]+)?)$/.test(url)) return url;
    return /^https?:\/\//i.test(url) ? url : null;
  }

  function ChatWidget(root) {
    this.root = root;
    this.launcher = root.querySelector(".app-chat__launcher");
    this.fallback = root.querySelector(".app-chat__fallback");
    this.panel = root.querySelector(".app-chat__panel");
    this.log = root.querySelector(".app-chat__log");
    this.status = root.querySelector(".app-chat__status");
    this.form = root.querySelector(".app-chat__form");
    this.input = root.querySelector(".app-chat__input");
    this.error = root.querySelector("#app-chat-input-error");
    this.formGroup = root.querySelector(".app-chat__form-group");
    this.closeButton = root.querySelector(".app-chat__close");
    this.wsPath = root.getAttribute("data-ws-path");
    this.historyUrl = root.getAttribute("data-history-url");
    this.socket = null;
    this.queue = [];
    this.reconnects = 0;
    this.historyLoaded = false;
  }

  ChatWidget.prototype.init = function () {
    if (!this.launcher || !this.panel || !window.WebSocket) return;
    var widget = this;
    // The chat replaces the no-JavaScript box; its panel repeats the same two links.
    this.fallback.hidden = true;
    this.launcher.hidden = false;
    this.launcher.addEventListener("click", function () {
      if (widget.panel.hidden) widget.open(); else widget.close();
    });
    this.closeButton.addEventListener("click", function () { widget.close(); });
    this.root.addEventListener("keydown", function (event) {
      if ((event.key === "Escape" || event.key === "Esc") && !widget.panel.hidden) {
        event.preventDefault();
        widget.close();
      }
    });
    this.form.addEventListener("submit", function (event) {
      event.preventDefault();
      widget.submit();
    });
    // Enter sends; Shift+Enter starts a new line.
    this.input.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        widget.submit();
      }
    });
    if (window.sessionStorage && sessionStorage.getItem(OPEN_KEY) === "1") this.open({ focus: false });
  };

  ChatWidget.prototype.open = function (options) {
    var focus = !options || options.focus !== false;
    var widget = this;
    this.launcher.setAttribute("aria-expanded", "true");
    this.remember(true);
    this.loadHistory().then(function () {
      widget.panel.hidden = false;
      widget.scrollToEnd();
      if (focus) widget.input.focus();
      widget.connect();
    });
  };

  ChatWidget.prototype.close = function () {
    this.panel.hidden = true;
    this.launcher.setAttribute("aria-expanded", "false");
    this.remember(false);
    this.launcher.focus();
  };

  ChatWidget.prototype.remember = function (open) {
    try {
      if (open) sessionStorage.setItem(OPEN_KEY, "1"); else sessionStorage.removeItem(OPEN_KEY);
    } catch (e) { /* storage may be disabled: the widget just starts closed */ }
  };

  // The conversation so far (it lives in the session, so a reload carries on where it was).
  ChatWidget.prototype.loadHistory = function () {
    var widget = this;
    if (this.historyLoaded || !window.fetch) return Promise.resolve();
    this.historyLoaded = true;
    return fetch(this.historyUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : { messages: [] }; })
      .then(function (data) {
        (data.messages || []).forEach(function (message) {
          if (message.sender === "user") widget.addUserMessage(message.text);
          else widget.addBotMessage({ text: message.text, links: message.links || [], buttons: [] });
        });
      })
      .catch(function () { /* no history: start afresh */ });
  };

  ChatWidget.prototype.socketUrl = function () {
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    return scheme + window.location.host + this.wsPath;
  };

  ChatWidget.prototype.connect = function () {
    if (this.socket && this.socket.readyState <= 1) return;
    var widget = this;
    var socket = new WebSocket(this.socketUrl());
    this.socket = socket;
    socket.addEventListener("open", function () {
      widget.reconnects = 0;
      widget.setStatus("");
      while (widget.queue.length) socket.send(widget.queue.shift());
    });
    socket.addEventListener("message", function (event) {
      var data;
      try { data = JSON.parse(event.data); } catch (e) { return; }
      widget.setStatus("");
      if (data.type === "error") widget.addErrorMessage(data);
      else if (data.type === "safety") widget.addSafetyMessage(data);
      else if (data.type === "bot") widget.addBotMessage(data);
    });
    socket.addEventListener("close", function () {
      if (widget.socket !== socket) return;
      widget.socket = null;
      if (widget.panel.hidden) return;
      if (widget.reconnects >= RECONNECT_DELAYS.length) {
        widget.setStatus("");
        widget.addErrorMessage({
          text: "The chat has lost its connection. Reload the page to try again, or use the links below.",
          links: []
        });
        return;
      }
      widget.setStatus("Reconnecting to the assistant\u2026");
      window.setTimeout(function () { widget.connect(); }, RECONNECT_DELAYS[widget.reconnects++]);
    });
  };

  ChatWidget.prototype.submit = function () {
    var text = this.input.value.trim();
    if (!text) return this.showError("Enter your question");
    if (text.length > MAX_CHARS) {
      return this.showError("Your question must be 2,000 characters or fewer (it has " +
        text.length.toLocaleString("en-GB") + ")");
    }
    this.clearError();
    this.input.value = "";
    this.send(text, text);
  };

  // `shown` is what the family sees they said; `message` is what goes to the assistant (a quick
  // reply shows its title but sends its payload).
  ChatWidget.prototype.send = function (shown, message) {
    // Choices offered earlier belong to an earlier question: once the family says anything new,
    // they go, so an old "Tell me more" can never answer the question being asked now.
    var old = this.log.querySelectorAll(".app-chat__quick-replies");
    for (var i = 0; i < old.length; i++) old[i].parentNode.removeChild(old[i]);
    this.addUserMessage(shown);
    this.setStatus("The assistant is replying\u2026");
    var frame = JSON.stringify({ message: message });
    if (this.socket && this.socket.readyState === 1) this.socket.send(frame);
    else { this.queue.push(frame); this.connect(); }
  };

  ChatWidget.prototype.showError = function (text) {
    this.error.textContent = "";
    this.error.appendChild(el("span", "govuk-visually-hidden", "Error: "));
    this.error.appendChild(document.createTextNode(text));
    this.error.hidden = false;
    this.formGroup.classList.add("govuk-form-group--error");
    this.input.classList.add("govuk-textarea--error");
    this.input.setAttribute("aria-describedby", "app-chat-input-hint app-chat-input-error");
    this.input.focus();
  };

  ChatWidget.prototype.clearError = function () {
    this.error.hidden = true;
    this.formGroup.classList.remove("govuk-form-group--error");
    this.input.classList.remove("govuk-textarea--error");
    this.input.setAttribute("aria-describedby", "app-chat-input-hint");
  };

  // The status line is a live region that is always there (an element that appears with its text
  // is not announced): screen readers hear "The assistant is replying" as it is set.
  ChatWidget.prototype.setStatus = function (text) {
    this.status.textContent = text;
  };

  ChatWidget.prototype.addUserMessage = function (text) {
    var message = el("div", "app-chat__message app-chat__message--user");
    message.appendChild(el("p", "app-chat__sender", "You"));
    renderText(message, text);
    this.append(message);
  };

  ChatWidget.prototype.addBotMessage = function (data) {
    var message = el("div", "app-chat__message app-chat__message--bot");
    message.appendChild(el("p", "app-chat__sender", "Assistant"));
    if (data.text) renderText(message, data.text);
    this.addLinks(message, data.links);
    this.addQuickReplies(message, data.buttons);
    this.append(message);
  };

  // The routes to help for a crisis or safeguarding concern: set apart, and read out at once.
  ChatWidget.prototype.addSafetyMessage = function (data) {
    var message = el("div", "app-chat__message app-chat__message--safety");
    message.setAttribute("role", "alert");
    message.appendChild(el("p", "app-chat__sender", "Help now"));
    if (data.text) renderText(message, data.text);
    this.addLinks(message, data.links);
    this.append(message);
  };

  ChatWidget.prototype.addErrorMessage = function (data) {
    var message = el("div", "app-chat__message app-chat__message--error");
    message.appendChild(el("p", "app-chat__sender", "Problem"));
    renderText(message, data.text || "Something went wrong.");
    this.addLinks(message, data.links);
    this.append(message);
  };

  ChatWidget.prototype.addLinks = function (message, links) {
    var valid = (links || []).filter(function (link) { return link && link.title && safeUrl(link.url); });
    if (!valid.length) return;
    var list = el("ul", "govuk-list app-chat__links");
    valid.forEach(function (link) {
      var item = el("li");
      var anchor = el("a", "govuk-link", link.title);
      anchor.href = safeUrl(link.url);
      item.appendChild(anchor);
      list.appendChild(item);
    });
    message.appendChild(list);
  };

  ChatWidget.prototype.addQuickReplies = function (message, buttons) {
    var widget = this;
    var valid = (buttons || []).filter(function (button) { return button && button.title && button.payload; });
    if (!valid.length) return;
    var group = el("div", "govuk-button-group app-chat__quick-replies");
    valid.forEach(function (button) {
      var node = el("button", "govuk-button govuk-button--secondary", button.title);
      node.type = "button";
      node.addEventListener("click", function () {
        // A choice is made once: the options go, and focus returns to the question box.
        group.parentNode.removeChild(group);
        widget.send(button.title, button.payload);
        widget.input.focus();
      });
      group.appendChild(node);
    });
    message.appendChild(group);
  };

  ChatWidget.prototype.append = function (node) {
    this.log.appendChild(node);
    this.scrollToEnd();
  };

  ChatWidget.prototype.scrollToEnd = function () {
    this.log.scrollTop = this.log.scrollHeight;
  };

  var roots = document.querySelectorAll('[data-module="app-chat"]');
  for (var i = 0; i < roots.length; i++) new ChatWidget(roots[i]).init();
})();

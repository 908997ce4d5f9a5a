/*
 * The search box in the header, answered by Pagefind (https://pagefind.app).
 *
 * Why not the theme's lunr search: lunr needs its whole index before the first answer, and at
 * 2,000 requirements that index is 9 MB, fetched on every first page load. Pagefind splits its
 * index into chunks and fetches only the ones a query needs, on the first query. `make bench`
 * measures that download.
 *
 * Ranking: every indexed page carries a filter `rang1` … `rang5` (generator/site/pages.py, SEARCH_RANKS):
 * 1 the requirements in force in the current year, 2 a proposed year's requirements, 3 questions
 * and answers and region comparisons, 4 requirement history, 5 the rest. One search per rank,
 * in that order, so the rule that binds a provider now comes first; Pagefind's relevance orders
 * the pages within a rank. Within a page, the requirement (heading) that matches best is linked.
 *
 * The markup is the theme's own (md-search-result__*), so results look like Material's.
 */
(function () {
  "use strict";

  var RANKS = ["1", "2", "3", "4", "5"];
  // Pages listed at first, and added per "Visa fler": each listed page's excerpt is a fragment
  // to fetch, so the first query stays small (at most 500 KB at 2,000 requirements, make bench).
  var SHOWN = 6;
  var SECTIONS = 3; // headings shown per page

  var root = document.querySelector("[data-ffu-search]");
  var configElement = document.getElementById("__config");
  if (!root || !configElement) return;
  var input = root.querySelector("[data-ffu-search-query]");
  var form = root.querySelector("form");
  var meta = root.querySelector(".md-search-result__meta");
  var list = root.querySelector(".md-search-result__list");
  var toggle = document.getElementById("__search");
  var base = new URL(JSON.parse(configElement.textContent).base.replace(/\/?$/, "/"), location.href);
  var initial = meta.textContent;
  var loading = null;
  var latest = 0;
  var timer = null;

  function open() {
    if (toggle && !toggle.checked) toggle.checked = true;
  }

  function close() {
    if (toggle) toggle.checked = false;
    input.blur();
  }

  function load() {
    if (location.protocol === "file:") {
      return Promise.reject(new Error("file"));
    }
    if (loading === null) {
      loading = import(new URL("pagefind/pagefind.js", base).href).then(function (pagefind) {
        return pagefind.options({ baseUrl: base.pathname, excerptLength: 22 }).then(function () {
          return pagefind;
        });
      });
      loading.catch(function () {
        loading = null;
      });
    }
    return loading;
  }

  function countText(n) {
    return n === 0 ? "Inga sökresultat" : n + " sökresultat";
  }

  // Pagefind's excerpt is HTML with <mark> around the matched words. It is parsed inert (a
  // template runs no script and loads nothing) and only its text and marks are kept.
  function excerpt(html) {
    var template = document.createElement("template");
    template.innerHTML = html || "";
    var p = document.createElement("p");
    template.content.childNodes.forEach(function (node) {
      if (node.nodeType === Node.ELEMENT_NODE && node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        p.appendChild(mark);
      } else {
        p.appendChild(document.createTextNode(node.textContent || ""));
      }
    });
    return p;
  }

  function score(section) {
    return (section.weighted_locations || []).reduce(function (sum, l) {
      return sum + (l.balanced_score || 0);
    }, 0);
  }

  function link(url, heading, level, context, text) {
    var a = document.createElement("a");
    a.href = url;
    a.className = "md-search-result__link";
    var article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    if (level === 1) {
      var icon = document.createElement("div");
      icon.className = "md-search-result__icon md-icon";
      article.appendChild(icon);
    }
    var h = document.createElement(level === 1 ? "h1" : "h2");
    h.textContent = heading;
    article.appendChild(h);
    if (context) {
      var small = document.createElement("p");
      small.className = "ffu-search-context";
      small.textContent = context;
      article.appendChild(small);
    }
    article.appendChild(excerpt(text));
    a.appendChild(article);
    return a;
  }

  function item(page) {
    var li = document.createElement("li");
    li.className = "md-search-result__item";
    var title = (page.meta && page.meta.title) || page.url;
    // A section under the page heading itself is the page, not one requirement on it.
    var sections = (page.sub_results || []).filter(function (s) {
      return s.url !== page.url && !(s.anchor && s.anchor.element === "h1");
    });
    sections.sort(function (a, b) {
      return score(b) - score(a);
    });
    sections = sections.slice(0, SECTIONS);
    if (sections.length) {
      // The best-matching requirement on the page is the result; the page names where it is.
      li.appendChild(link(sections[0].url, sections[0].title, 1, title, sections[0].excerpt));
      sections.slice(1).forEach(function (s) {
        li.appendChild(link(s.url, s.title, 2, null, s.excerpt));
      });
    } else {
      li.appendChild(link(page.url, title, 1, null, page.excerpt));
    }
    return li;
  }

  // Lists results[from … from + SHOWN], then a button for the rest.
  function more(id, results, from) {
    var shown = results.slice(from, from + SHOWN);
    return Promise.all(
      shown.map(function (r) {
        return r.data();
      }),
    ).then(function (pages) {
      if (id !== latest) return;
      var button = list.querySelector(".ffu-search-more");
      if (button) button.parentNode.remove();
      pages.forEach(function (page) {
        list.appendChild(item(page));
      });
      meta.textContent = countText(results.length);
      var rest = results.length - from - SHOWN;
      if (rest > 0) {
        var li = document.createElement("li");
        li.className = "md-search-result__item";
        button = document.createElement("button");
        button.type = "button";
        button.className = "md-search-result__more ffu-search-more";
        button.textContent = "Visa " + Math.min(rest, SHOWN) + " till av " + rest;
        button.addEventListener("click", function () {
          var next = list.children.length - 1;
          more(id, results, from + SHOWN).then(function () {
            var link = list.children[next] && list.children[next].querySelector("a");
            if (link) link.focus();
          });
        });
        li.appendChild(button);
        list.appendChild(li);
      }
    });
  }

  function search(query) {
    var id = ++latest;
    query = query.trim();
    if (!query) {
      meta.textContent = initial;
      list.replaceChildren();
      return;
    }
    meta.textContent = "Söker …";
    load()
      .then(function (pagefind) {
        return pagefind.filters().then(function (present) {
          return Promise.all(
            RANKS.filter(function (rank) {
              return present["rang" + rank];
            }).map(function (rank) {
              var filters = {};
              filters["rang" + rank] = "ja";
              return pagefind.search(query, { filters: filters });
            }),
          );
        });
      })
      .then(function (searches) {
        if (id !== latest) return null;
        var results = [];
        searches.forEach(function (s) {
          if (s) results = results.concat(s.results);
        });
        list.replaceChildren();
        return more(id, results, 0);
      })
      .catch(function (error) {
        if (id !== latest) return;
        list.replaceChildren();
        meta.textContent =
          error && error.message === "file"
            ? "Sökningen fungerar inte när sidorna öppnas direkt från mappen: webbläsaren låter inte " +
              "sidorna läsa sökindexet från disken. Öppna webbplatsen från en webbserver, till exempel " +
              "med kommandot ffu serve, eller hitta kraven via innehållsförteckningarna."
            : "Sökningen kunde inte laddas. Försök igen, eller hitta kraven via innehållsförteckningarna.";
      });
  }

  input.addEventListener("focus", open);
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      search(input.value);
    }, 120);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = list.querySelector("a");
    if (first) location.href = first.href;
  });
  form.addEventListener("reset", function () {
    setTimeout(function () {
      search("");
      input.focus();
    });
  });
  if (toggle) {
    toggle.addEventListener("change", function () {
      if (toggle.checked) input.focus();
    });
  }
  root.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      close();
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      var links = Array.prototype.slice.call(list.querySelectorAll("a"));
      if (!links.length) return;
      var at = links.indexOf(document.activeElement);
      var next = event.key === "ArrowDown" ? at + 1 : at - 1;
      if (next < 0) {
        input.focus();
      } else {
        links[Math.min(next, links.length - 1)].focus();
      }
      event.preventDefault();
    }
  });
})();

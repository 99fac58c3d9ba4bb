/* portal-gen: the tiers page's "how far am I?" calculator.
 *
 * The form ships hidden and only this script shows it: without JavaScript the page reads as
 * it always has (the table, the cards, how to qualify). Every sentence comes from the JSON
 * portal-gen wrote into the form, already in the site's language; amounts are formatted by
 * the browser's Intl in the site's locale and currency, as the page's own amounts are. The
 * number a customer types is never sent anywhere: this script makes no request at all.
 */
(function () {
  "use strict";

  /* The catalogs' %(name)s placeholders, filled in one pass, so that a tier's name that
     happens to hold "%(amount)s" shows as typed. */
  function fill(text, values) {
    return text.replace(/%\((\w+)\)s/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  }

  function setUp(form) {
    if (form.dataset.ready) {
      return; // Material's instant navigation may run us again on the same page
    }
    form.dataset.ready = "yes";
    var data = JSON.parse(form.querySelector(".portal-tier-calculator__data").textContent);
    var input = form.querySelector("input");
    var result = form.querySelector(".portal-tier-calculator__result");
    var number = new Intl.NumberFormat(data.locale, { maximumFractionDigits: 2 });
    /* Whole amounts without cents ("$500"), as portal-gen writes them on the page. */
    var money = new Intl.NumberFormat(data.locale, {
      style: "currency",
      currency: data.currency,
      trailingZeroDisplay: "stripIfInteger",
    });
    var plural = new Intl.PluralRules(data.locale);

    /* The locale's own separators, so that "1.500,50" reads right on a German site and
       "1,500.50" on an American one; spaces and the currency sign may be typed too. */
    var symbols = {};
    number.formatToParts(12345.6).forEach(function (part) {
      symbols[part.type] = part.value;
    });
    money.formatToParts(1).forEach(function (part) {
      if (part.type === "currency") {
        symbols.currency = part.value;
      }
    });

    function parse(text) {
      var cleaned = text.replace(/[\s\u00a0\u202f]/g, "");
      if (symbols.currency) {
        cleaned = cleaned.split(symbols.currency).join("");
      }
      cleaned = cleaned.split(data.currency).join("");
      if (symbols.group) {
        cleaned = cleaned.split(symbols.group).join("");
      }
      cleaned = cleaned.split(symbols.decimal || ".").join(".");
      return /^\d+(\.\d+)?$/.test(cleaned) ? Number(cleaned) : null;
    }

    /* An amount still to go: money in the site's currency, or "3 visits" in its language. */
    function amount(value) {
      if (data.money) {
        return money.format(value);
      }
      var forms = data.units || { one: "%(count)s", other: "%(count)s" };
      return fill(forms[plural.select(value)] || forms.other, { count: number.format(value) });
    }

    function line(text) {
      var paragraph = document.createElement("p");
      paragraph.textContent = text;
      result.appendChild(paragraph);
    }

    function update() {
      result.replaceChildren();
      var typed = input.value.trim();
      if (!typed) {
        return;
      }
      var value = parse(typed);
      if (value === null) {
        var highest = data.tiers[data.tiers.length - 1].threshold;
        line(fill(data.texts.invalid, { example: number.format(highest) }));
        return;
      }
      /* Tiers come from the lowest threshold up: the last one reached is the customer's. */
      var current = null;
      var next = null;
      data.tiers.forEach(function (tier) {
        if (tier.threshold <= value) {
          current = tier;
        } else if (next === null) {
          next = tier;
        }
      });
      line(current ? fill(data.texts.tier, { tier: current.name }) : data.texts.none);
      if (current && current.fee) {
        line(fill(data.texts.fee, { tier: current.name, fee: current.fee }));
      }
      if (next === null) {
        line(data.texts.top);
        return;
      }
      line(fill(data.texts.next, { amount: amount(next.threshold - value), tier: next.name }));
      if (next.fee) {
        line(fill(data.texts.fee, { tier: next.name, fee: next.fee }));
      }
      if (next.adds.length) {
        line(fill(data.texts.adds, { tier: next.name }));
        var list = document.createElement("ul");
        next.adds.forEach(function (perk) {
          var item = document.createElement("li");
          item.textContent = perk;
          list.appendChild(item);
        });
        result.appendChild(list);
      }
    }

    input.addEventListener("input", update);
    /* Enter would reload the page and lose what was typed: there is nothing to submit. */
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      update();
    });
    form.hidden = false;
    update(); // a value the browser kept from before a reload
  }

  function start() {
    document.querySelectorAll("form.portal-tier-calculator").forEach(setUp);
  }

  start();
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(start); // Material's instant navigation swaps pages in place
  }
})();

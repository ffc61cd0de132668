package io.jenkins.plugins.mlops.core.report;

import java.util.List;
import java.util.Map;

/**
 * The pieces every view is made of: marks, fact lists, tables, number cells, differences, alias chips. Each class
 * name is one the stylesheet styles; each piece also reads without the stylesheet (a mark has a word, a difference
 * says "better" or "worse", a chart draws itself with presentation attributes).
 */
final class Parts {

    private Parts() {
    }

    /** The mark's icon and its word: {@code [✓] Passed}. */
    static void mark(Html h, Mark m) {
        mark(h, m, m.word());
    }

    /** The mark's icon with another word, e.g. {@code [✗] Gate failed}. */
    static void mark(Html h, Mark m, String word) {
        h.open("span", "class", "mlops-mark mlops-mark-" + m.css());
        icon(h, m, 16);
        h.element("span", word, "class", "mlops-mark-word");
        h.close();
    }

    /** A round icon whose inner shape differs per mark: check, cross, dash, dotted ring. */
    static void icon(Html h, Mark m, int size) {
        h.open("svg", "xmlns", "http://www.w3.org/2000/svg", "class", "mlops-icon", "width", String.valueOf(size),
                "height", String.valueOf(size), "viewBox", "0 0 16 16", "aria-hidden", "true", "focusable", "false");
        switch (m) {
            case PASSED -> {
                h.empty("circle", "cx", "8", "cy", "8", "r", "8", "fill", "#1a7f37");
                h.empty("path", "d", "M4.4 8.3 L6.9 10.8 L11.6 5.6", "stroke", "#ffffff", "stroke-width", "2",
                        "fill", "none", "stroke-linecap", "round", "stroke-linejoin", "round");
            }
            case FAILED -> {
                h.empty("circle", "cx", "8", "cy", "8", "r", "8", "fill", "#d1242f");
                h.empty("path", "d", "M5.3 5.3 L10.7 10.7 M10.7 5.3 L5.3 10.7", "stroke", "#ffffff",
                        "stroke-width", "2", "fill", "none", "stroke-linecap", "round");
            }
            case SKIPPED -> {
                h.empty("circle", "cx", "8", "cy", "8", "r", "8", "fill", "#8c959f");
                h.empty("path", "d", "M4.8 8 L11.2 8", "stroke", "#ffffff", "stroke-width", "2",
                        "stroke-linecap", "round");
            }
            case UNKNOWN -> h.empty("circle", "cx", "8", "cy", "8", "r", "6.8", "fill", "none", "stroke", "#8c959f",
                    "stroke-width", "2", "stroke-dasharray", "2.6 2");
        }
        h.close();
    }

    /** A label/value list; values that are null are left out. */
    static void facts(Html h, List<String[]> rows) {
        h.open("dl", "class", "mlops-facts");
        for (String[] r : rows) {
            if (r[1] == null) {
                continue;
            }
            h.element("dt", r[0]);
            h.open("dd");
            if (r.length > 2 && "code".equals(r[2])) {
                h.element("code", r[1], "title", r.length > 3 ? r[3] : null);
            } else {
                h.text(r[1]);
            }
            h.close();
        }
        h.close();
    }

    static String[] fact(String label, String value) {
        return new String[] {label, value};
    }

    /** A fact shown as code, with a tooltip (the full value of a shortened digest). */
    static String[] code(String label, String value, String tooltip) {
        return new String[] {label, value, "code", tooltip};
    }

    static void tableStart(Html h, String caption, String... headers) {
        h.open("div", "class", "mlops-table-wrap");
        h.open("table", "class", "mlops-table");
        if (caption != null) {
            h.element("caption", caption);
        }
        h.open("thead").open("tr");
        for (String header : headers) {
            boolean num = header.startsWith("#");
            h.element("th", num ? header.substring(1) : header, "scope", "col", "class", num ? "mlops-num" : null);
        }
        h.close().close();
        h.open("tbody");
    }

    static void tableEnd(Html h) {
        h.close().close().close();
    }

    /** A right-aligned number rounded for people, with its exact value as a tooltip. */
    static void numberCell(Html h, Double v) {
        h.element("td", Display.number(v), "class", "mlops-num", "title", Display.exact(v));
    }

    /** A metric or parameter name. */
    static void nameCell(Html h, String name) {
        h.open("td").element("code", name, "class", "mlops-name").close();
    }

    /**
     * A difference with its sign, its relative size and, where the metric's direction is known, "better" or
     * "worse" in words (the colour repeats it): {@code +0.0123 (+1.5%) worse}.
     */
    static void differenceCell(Html h, Double difference, Double base, Direction direction) {
        h.open("td", "class", "mlops-num");
        difference(h, difference, base, direction);
        h.close();
    }

    static void difference(Html h, Double difference, Double base, Direction direction) {
        if (difference == null) {
            h.text("-");
            return;
        }
        Boolean better = direction.isImprovement(difference);
        String css = better == null ? "mlops-diff" : better ? "mlops-diff mlops-better" : "mlops-diff mlops-worse";
        h.open("span", "class", css, "title", Display.exact(difference));
        h.text(Display.signed(difference));
        String pct = base == null ? null : Display.percentChange(base + difference, base);
        if (pct != null) {
            h.element("span", " (" + pct + ")", "class", "mlops-pct");
        }
        if (better != null) {
            h.element("span", better ? " better" : " worse", "class", "mlops-verdict-word");
        }
        h.close();
    }

    /** {@code [0.79, 0.83] 95%}; {@code -} when there is no interval. */
    static String interval(Double low, Double high, Double confidence) {
        if (low == null || high == null) {
            return "-";
        }
        String level = confidence == null ? "" : " " + Display.number(confidence * 100) + "%";
        return "[" + Display.number(low) + ", " + Display.number(high) + "]" + level;
    }

    /** Alias chips; a link to the alias' version when {@code href} is given. */
    static void aliases(Html h, List<String> aliases) {
        for (String a : aliases) {
            h.element("span", a, "class", "mlops-chip" + ("production".equals(a) ? " mlops-chip-production" : ""));
            h.text(" ");
        }
    }

    /** A link when {@code href} is known, else the text. */
    static void link(Html h, String text, String href) {
        String safe = Hrefs.safe(href);
        if (safe == null) {
            h.text(text);
        } else {
            h.element("a", text, "href", safe);
        }
    }

    /** {@code Parameters} as a two-column table. */
    static void params(Html h, Map<String, Object> params) {
        tableStart(h, null, "Parameter", "Value");
        params.forEach((k, v) -> {
            h.open("tr");
            nameCell(h, k);
            if (v instanceof Number n) {
                numberCell(h, n.doubleValue());
            } else {
                h.element("td", Display.value(v));
            }
            h.close();
        });
        tableEnd(h);
    }

    /**
     * Metric / value, with an Interval column when the map carries {@code <metric>.ci_low}/{@code .ci_high}
     * (the gate's bootstrap intervals), which are folded into their metric's row rather than listed as metrics.
     */
    static void metrics(Html h, Map<String, Double> metrics) {
        boolean intervals = metrics.keySet().stream().anyMatch(k -> k.endsWith(GateSection.CI_LOW));
        if (intervals) {
            tableStart(h, null, "Metric", "#Value", "#Interval");
        } else {
            tableStart(h, null, "Metric", "#Value");
        }
        metrics.forEach((k, v) -> {
            if (k.endsWith(GateSection.CI_LOW) || k.endsWith(GateSection.CI_HIGH)) {
                return;
            }
            h.open("tr");
            nameCell(h, k);
            numberCell(h, v);
            if (intervals) {
                h.element("td", interval(metrics.get(k + GateSection.CI_LOW), metrics.get(k + GateSection.CI_HIGH), null),
                        "class", "mlops-num");
            }
            h.close();
        });
        tableEnd(h);
    }

    /** A grey note line. */
    static void note(Html h, String text) {
        h.element("p", text, "class", "mlops-note");
    }
}

package io.jenkins.plugins.mlops.core.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Line charts as inline SVG. Everything that makes a chart readable is an SVG presentation attribute (stroke, fill,
 * sizes, fonts): Jenkins' Content-Security-Policy for archived files blocks {@code style} attributes and elements but
 * not presentation attributes, so the chart looks the same with or without the stylesheet. Tooltips are SVG
 * {@code <title>} elements and links are SVG {@code <a>}, neither needs a script.
 */
final class Charts {

    static final int WIDTH = 560;
    static final int HEIGHT = 200;
    private static final int LEFT = 58;
    private static final int RIGHT = 20;
    private static final int TOP = 14;
    /** With a legend above the plot, the plot starts lower. */
    private static final int TOP_WITH_LEGEND = 26;
    private static final int BOTTOM = 30;

    static final String[] PALETTE = {"#1f6feb", "#e8710a", "#8250df", "#0f9d8f", "#d03592", "#6e7781"};
    static final String FAILED = "#d1242f";
    static final String PRODUCTION = "#1a7f37";
    private static final String GRID = "#e4e6eb";
    private static final String AXIS_TEXT = "#59636e";
    private static final String FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";

    private Charts() {
    }

    /** One point: x and y, where it links, its tooltip, and whether it is drawn as a failed gate (a cross). */
    record Point(double x, double y, String href, String tooltip, boolean failed) {
    }

    /** A named line. */
    record Series(String name, String colour, List<Point> points) {
    }

    /** A horizontal reference line (the production model's value) with its caption. */
    record Reference(double y, String caption) {
    }

    /**
     * @param label       what the chart shows, for screen readers and as its tooltip
     * @param xLabels     for a chart over builds: the label of x = 0, 1, 2...; null for a numeric x axis
     * @param xName       the numeric x axis' name ({@code epoch}); ignored when xLabels is given
     * @param series      the lines
     * @param reference   a reference line, or null
     */
    record Spec(String label, List<String> xLabels, String xName, List<Series> series, Reference reference) {
    }

    /** A short sample of the reference line, for a legend outside the chart. */
    static void referenceSwatch(Html h) {
        h.open("svg", "xmlns", "http://www.w3.org/2000/svg", "class", "mlops-swatch", "width", "22", "height", "8",
                "viewBox", "0 0 22 8", "aria-hidden", "true");
        h.empty("line", "x1", "0", "x2", "22", "y1", "4", "y2", "4", "stroke", PRODUCTION, "stroke-width", "2",
                "stroke-dasharray", "6 4");
        h.close();
    }

    static void line(Html h, Spec spec) {
        double[] xr = range(spec, true);
        double[] yr = range(spec, false);
        double[] yTicks = ticks(yr[0], yr[1], 4);
        double yMin = Math.min(yr[0], yTicks[0]);
        double yMax = Math.max(yr[1], yTicks[yTicks.length - 1]);
        double xMin = xr[0];
        double xMax = xr[1];
        boolean wholeX = spec.xLabels() == null && spec.series().stream().flatMap(x -> x.points().stream())
                .allMatch(p -> p.x() == Math.rint(p.x()));
        double[] xt = null;
        if (spec.xLabels() == null) {
            // Epochs and steps are whole numbers: no tick at epoch 1.5.
            xt = wholeX ? wholeTicks(xMin, xMax, 6) : ticks(xMin, xMax, 6);
            xMin = Math.min(xMin, xt[0]);
            xMax = Math.max(xMax, xt[xt.length - 1]);
        } else {
            // Room at both ends, so that the first and last points (and their crosses) are not cut off.
            xMin -= 0.4;
            xMax += 0.4;
        }
        Scale sx = new Scale(xMin, xMax, LEFT, WIDTH - RIGHT);
        Scale sy = new Scale(yMin, yMax, HEIGHT - BOTTOM, spec.series().size() > 1 ? TOP_WITH_LEGEND : TOP);

        h.open("svg", "xmlns", "http://www.w3.org/2000/svg", "class", "mlops-chart", "width", String.valueOf(WIDTH),
                "height", String.valueOf(HEIGHT), "viewBox", "0 0 " + WIDTH + " " + HEIGHT, "role", "img",
                "aria-label", spec.label(), "font-family", FONT, "font-size", "11");
        h.element("title", spec.label());

        // Grid and y axis labels.
        for (double t : yTicks) {
            if (t < yMin - 1e-12 || t > yMax + 1e-12) {
                continue;
            }
            String y = f(sy.at(t));
            h.empty("line", "class", "mlops-grid", "x1", f(LEFT), "x2", f(WIDTH - RIGHT), "y1", y, "y2", y,
                    "stroke", GRID, "stroke-width", "1");
            h.open("text", "class", "mlops-axis", "x", f(LEFT - 8), "y", f(sy.at(t) + 4), "text-anchor", "end",
                    "fill", AXIS_TEXT).text(Display.number(clean(t))).close();
        }
        h.empty("line", "class", "mlops-axis-line", "x1", f(LEFT), "x2", f(WIDTH - RIGHT), "y1", f(HEIGHT - BOTTOM),
                "y2", f(HEIGHT - BOTTOM), "stroke", "#9aa1a9", "stroke-width", "1");

        // X axis labels: every build's label when they fit, else an even selection that keeps the newest one.
        if (spec.xLabels() != null) {
            int n = spec.xLabels().size();
            int every = Math.max(1, (int) Math.ceil(n / 10.0));
            for (int i = 0; i < n; i++) {
                if ((n - 1 - i) % every == 0) {
                    h.open("text", "class", "mlops-axis", "x", f(sx.at(i)), "y", f(HEIGHT - BOTTOM + 16),
                            "text-anchor", "middle", "fill", AXIS_TEXT).text(spec.xLabels().get(i)).close();
                }
            }
        } else {
            for (double t : xt) {
                h.open("text", "class", "mlops-axis", "x", f(sx.at(t)), "y", f(HEIGHT - BOTTOM + 16),
                        "text-anchor", "middle", "fill", AXIS_TEXT).text(Display.number(clean(t))).close();
            }
            h.open("text", "class", "mlops-axis", "x", f(WIDTH - RIGHT), "y", f(HEIGHT - 2), "text-anchor", "end",
                    "fill", AXIS_TEXT).text(spec.xName()).close();
        }

        if (spec.reference() != null) {
            // The caption is the line's tooltip and goes into the figure's legend: text on the line would cover points.
            String y = f(sy.at(spec.reference().y()));
            h.open("line", "class", "mlops-reference", "x1", f(LEFT), "x2", f(WIDTH - RIGHT), "y1", y, "y2", y,
                    "stroke", PRODUCTION, "stroke-width", "1.5", "stroke-dasharray", "6 4");
            h.element("title", spec.reference().caption());
            h.close();
        }

        for (Series s : spec.series()) {
            h.open("g", "class", "mlops-series", "data-series", s.name());
            for (List<Point> run : finiteRuns(s.points())) {
                if (run.size() < 2) {
                    continue;
                }
                StringBuilder pts = new StringBuilder();
                for (Point p : run) {
                    pts.append(f(sx.at(p.x()))).append(',').append(f(sy.at(p.y()))).append(' ');
                }
                h.empty("polyline", "class", "mlops-line", "points", pts.toString().trim(), "fill", "none",
                        "stroke", s.colour(), "stroke-width", "2", "stroke-linejoin", "round",
                        "stroke-linecap", "round");
            }
            boolean dots = s.points().size() <= 60 || s.points().stream().anyMatch(p -> p.href() != null);
            if (dots) {
                for (Point p : s.points()) {
                    if (Double.isFinite(p.y())) {
                        point(h, p, sx.at(p.x()), sy.at(p.y()), s.colour());
                    }
                }
            }
            h.close();
        }

        if (spec.series().size() > 1) {
            double x = LEFT + 4;
            for (Series s : spec.series()) {
                h.empty("rect", "x", f(x), "y", "4", "width", "12", "height", "3", "rx", "1.5", "fill", s.colour());
                h.open("text", "class", "mlops-legend", "x", f(x + 16), "y", "9", "fill", "#1f2328").text(s.name()).close();
                x += 28 + 6.5 * s.name().length();
            }
        }
        h.close();
    }

    /** A point: a ringed dot, or a cross for a failed gate (the shape, not only the colour, says it failed). */
    private static void point(Html h, Point p, double x, double y, String colour) {
        String href = Hrefs.safe(p.href());
        boolean link = href != null;
        if (link) {
            h.open("a", "href", href, "class", "mlops-point-link");
        }
        if (p.failed()) {
            double r = 4.5;
            h.open("path", "class", "mlops-point mlops-point-failed", "d", "M" + f(x - r) + " " + f(y - r) + " L"
                    + f(x + r) + " " + f(y + r) + " M" + f(x - r) + " " + f(y + r) + " L" + f(x + r) + " " + f(y - r),
                    "stroke", FAILED, "stroke-width", "2.5", "stroke-linecap", "round", "fill", "none");
        } else {
            h.open("circle", "class", "mlops-point", "cx", f(x), "cy", f(y), "r", "3.5", "fill", "#ffffff",
                    "stroke", colour, "stroke-width", "2");
        }
        if (p.tooltip() != null) {
            h.element("title", p.tooltip());
        }
        h.close();
        if (link) {
            h.close();
        }
    }

    private static List<List<Point>> finiteRuns(List<Point> points) {
        List<List<Point>> runs = new ArrayList<>();
        List<Point> run = new ArrayList<>();
        for (Point p : points) {
            if (Double.isFinite(p.y())) {
                run.add(p);
            } else if (!run.isEmpty()) {
                runs.add(run);
                run = new ArrayList<>();
            }
        }
        if (!run.isEmpty()) {
            runs.add(run);
        }
        return runs;
    }

    private static double[] range(Spec spec, boolean x) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Series s : spec.series()) {
            for (Point p : s.points()) {
                double v = x ? p.x() : p.y();
                if (Double.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        if (!x && spec.reference() != null && Double.isFinite(spec.reference().y())) {
            min = Math.min(min, spec.reference().y());
            max = Math.max(max, spec.reference().y());
        }
        if (x && spec.xLabels() != null) {
            min = 0;
            max = Math.max(0, spec.xLabels().size() - 1);
        }
        if (min == Double.POSITIVE_INFINITY) {
            return new double[] {0, 1};
        }
        if (min == max) {
            double pad = min == 0 ? 1 : Math.abs(min) * 0.05;
            return new double[] {min - pad, max + pad};
        }
        if (!x) {
            double pad = (max - min) * 0.08;
            return new double[] {min - pad, max + pad};
        }
        return new double[] {min, max};
    }

    /** Round ticks (1, 2, 2.5 or 5 times a power of ten) covering [min, max], about {@code count} of them. */
    static double[] ticks(double min, double max, int count) {
        double span = max - min;
        double raw = span / Math.max(1, count);
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = mag;
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * mag >= raw) {
                step = m * mag;
                break;
            }
        }
        double first = Math.floor(min / step + 1e-9) * step;
        double last = Math.ceil(max / step - 1e-9) * step;
        int n = (int) Math.round((last - first) / step) + 1;
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = clean(first + i * step);
        }
        return t;
    }

    /** {@link #ticks} with a whole step (1, 2, 3, 5, 10...), for an axis of epochs or steps. */
    static double[] wholeTicks(double min, double max, int count) {
        double[] t = ticks(min, max, count);
        double step = t.length > 1 ? t[1] - t[0] : 1;
        if (step == Math.rint(step) && t[0] == Math.rint(t[0])) {
            return t;
        }
        long whole = Math.max(1, (long) Math.ceil(step));
        double first = Math.floor(min / whole) * whole;
        int n = (int) Math.ceil((max - first) / whole) + 1;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = first + (double) i * whole;
        }
        return out;
    }

    /** 0.30000000000000004 is a tick at 0.3. */
    private static double clean(double t) {
        return Double.parseDouble(String.format(Locale.ROOT, "%.10g", t));
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private record Scale(double min, double max, double from, double to) {
        double at(double v) {
            return max == min ? (from + to) / 2 : from + (v - min) / (max - min) * (to - from);
        }
    }
}

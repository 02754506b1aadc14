package io.gridpulse.tools.report;

import java.util.List;
import java.util.Locale;

/** Charts as inline SVG: nothing to fetch when the report opens, and they print sharp in a PDF. */
final class Svg {

    private static final String BAR = "#2b6cb0";
    private static final String BAD = "#c53030";
    private static final String TARGET = "#d69e2e";

    private Svg() {}

    /** One labelled value of a chart. */
    record Bar(String label, double value) {}

    /**
     * Horizontal bars, one per label, with the value printed; an optional target draws a line and
     * colours bars on the wrong side of it red.
     */
    static String bars(List<Bar> bars, String unit, Double target, boolean higherIsBetter) {
        int rowHeight = 22;
        int labelWidth = 175;
        int plotWidth = 380;
        int height = bars.size() * rowHeight + 30;
        double max = bars.stream().mapToDouble(Bar::value).max().orElse(0);
        if (target != null) {
            max = Math.max(max, target);
        }
        max = max <= 0 ? 1 : max * 1.05;
        StringBuilder s = open(labelWidth + plotWidth + 90, height);
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            int y = 10 + i * rowHeight;
            double w = plotWidth * b.value() / max;
            boolean bad =
                    target != null && (higherIsBetter ? b.value() < target : b.value() > target);
            s.append(text(labelWidth - 6, y + 15, b.label(), "end"));
            s.append(
                    String.format(
                            Locale.ROOT,
                            "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"16\" fill=\"%s\"/>",
                            labelWidth,
                            y + 2,
                            Math.max(w, 1),
                            bad ? BAD : BAR));
            s.append(text((int) (labelWidth + w + 6), y + 15, number(b.value()) + unit, "start"));
        }
        if (target != null) {
            double x = labelWidth + plotWidth * target / max;
            s.append(
                    String.format(
                            Locale.ROOT,
                            "<line x1=\"%.1f\" y1=\"4\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\" stroke-dasharray=\"5,3\"/>",
                            x,
                            x,
                            height - 16,
                            TARGET));
            s.append(text((int) x, height - 3, "target " + number(target) + unit, "middle"));
        }
        return s.append("</svg>").toString();
    }

    /** Vertical columns over categories (days, months), with an optional reference line. */
    static String columns(List<Bar> columns, String unit, Double reference, String referenceLabel) {
        int plotHeight = 180;
        int left = 110;
        int width = Math.max(360, left + columns.size() * 28 + 20);
        int colWidth = Math.min(60, (width - left - 20) / Math.max(columns.size(), 1));
        double max = columns.stream().mapToDouble(Bar::value).max().orElse(0);
        if (reference != null) {
            max = Math.max(max, reference);
        }
        max = max <= 0 ? 1 : max * 1.1;
        int height = plotHeight + 60;
        StringBuilder s = open(width, height);
        int base = 10 + plotHeight;
        s.append(
                String.format(
                        Locale.ROOT,
                        "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#888\"/>",
                        left,
                        base,
                        width - 10,
                        base));
        s.append(text(left - 6, 18, number(max / 1.1) + unit, "end"));
        s.append(text(left - 6, base, "0", "end"));
        int labelEvery = Math.max(1, columns.size() / 12);
        for (int i = 0; i < columns.size(); i++) {
            Bar c = columns.get(i);
            double h = plotHeight * c.value() / max;
            int x = left + i * colWidth + 2;
            s.append(
                    String.format(
                            Locale.ROOT,
                            "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"%s\"><title>%s: %s</title></rect>",
                            x,
                            base - h,
                            Math.max(colWidth - 4, 2),
                            h,
                            BAR,
                            Html.escape(c.label()),
                            number(c.value()) + unit));
            if (i % labelEvery == 0) {
                s.append(
                        String.format(
                                Locale.ROOT,
                                "<text x=\"%d\" y=\"%d\" font-size=\"10\" transform=\"rotate(45 %d %d)\">%s</text>",
                                x + 2,
                                base + 12,
                                x + 2,
                                base + 12,
                                Html.escape(c.label())));
            }
        }
        if (reference != null) {
            double y = base - plotHeight * reference / max;
            s.append(
                    String.format(
                            Locale.ROOT,
                            "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\" stroke-dasharray=\"5,3\"/>",
                            left,
                            y,
                            width - 10,
                            y,
                            TARGET));
            s.append(
                    text(
                            width - 12,
                            (int) y - 4,
                            referenceLabel + " " + number(reference) + unit,
                            "end"));
        }
        return s.append("</svg>").toString();
    }

    /** Colours of the series of a stacked chart, in order (repeated past ten). */
    private static final String[] PALETTE = {
        "#2b6cb0", "#dd6b20", "#38a169", "#805ad5", "#d53f8c", "#319795", "#b7791f", "#718096",
        "#e53e3e", "#3182ce"
    };

    /**
     * Horizontal stacked bars: one bar per row label, one segment per series, a legend below; the
     * row's total is printed after its bar and a segment's value inside it when it fits.
     */
    static String stacked(List<String> rows, List<String> series, double[][] values, String unit) {
        int rowHeight = 24;
        int labelWidth = 175;
        int plotWidth = 420;
        int legendRows = (series.size() + 2) / 3;
        int top = 10;
        int height = top + rows.size() * rowHeight + 16 + legendRows * 18;
        double max = 0;
        for (double[] row : values) {
            double total = 0;
            for (double v : row) {
                total += v;
            }
            max = Math.max(max, total);
        }
        max = max <= 0 ? 1 : max * 1.05;
        StringBuilder s = open(labelWidth + plotWidth + 90, height);
        for (int i = 0; i < rows.size(); i++) {
            int y = top + i * rowHeight;
            s.append(text(labelWidth - 6, y + 15, rows.get(i), "end"));
            double x = labelWidth;
            double total = 0;
            for (int k = 0; k < series.size(); k++) {
                double v = values[i][k];
                if (v <= 0) {
                    continue;
                }
                double w = plotWidth * v / max;
                s.append(
                        String.format(
                                Locale.ROOT,
                                "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"18\" fill=\"%s\"><title>%s, %s: %s</title></rect>",
                                x,
                                y + 2,
                                w,
                                PALETTE[k % PALETTE.length],
                                Html.escape(rows.get(i)),
                                Html.escape(series.get(k)),
                                number(v) + unit));
                if (w >= 18) {
                    s.append(
                            String.format(
                                    Locale.ROOT,
                                    "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#fff\" font-size=\"11\">%s</text>",
                                    x + w / 2,
                                    y + 15,
                                    Html.escape(number(v))));
                }
                x += w;
                total += v;
            }
            s.append(text((int) x + 6, y + 15, number(total) + unit, "start"));
        }
        int legendTop = top + rows.size() * rowHeight + 10;
        for (int k = 0; k < series.size(); k++) {
            int lx = 10 + (k % 3) * 200;
            int ly = legendTop + (k / 3) * 18;
            s.append(
                    String.format(
                            Locale.ROOT,
                            "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>",
                            lx,
                            ly,
                            PALETTE[k % PALETTE.length]));
            s.append(text(lx + 16, ly + 10, series.get(k), "start"));
        }
        return s.append("</svg>").toString();
    }

    static String number(double v) {
        if (Math.abs(v - Math.rint(v)) < 1e-9 && Math.abs(v) < 1e12) {
            return String.format(Locale.ROOT, "%,d", (long) Math.rint(v));
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%,.1f" : "%,.2f", v);
    }

    private static StringBuilder open(int width, int height) {
        return new StringBuilder(
                String.format(
                        Locale.ROOT,
                        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">",
                        width,
                        height,
                        width,
                        height));
    }

    private static String text(int x, int y, String text, String anchor) {
        return String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" text-anchor=\"%s\">%s</text>",
                x,
                y,
                anchor,
                Html.escape(text));
    }
}

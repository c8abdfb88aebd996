package com.orthoseg.segments.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The printable report's charts as inline SVG, so the HTML page is one self-contained file that prints
 * and mails without scripts or network. Labels are escaped: region and segment names come from data and
 * operators.
 */
final class SvgCharts {

    static final String[] PALETTE = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
            "#ff9da7", "#9c755f", "#bab0ac"};

    private SvgCharts() {
    }

    /** Horizontal bars, one per label, with the value written at the end of each bar. */
    static String bars(String title, List<String> labels, List<Double> values, String unit) {
        int rowHeight = 22;
        int labelWidth = 170;
        int barWidth = 360;
        int height = 30 + rowHeight * labels.size();
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        StringBuilder svg = open(title, labelWidth + barWidth + 90, height);
        for (int i = 0; i < labels.size(); i++) {
            int y = 24 + i * rowHeight;
            double width = max <= 0 ? 0 : barWidth * values.get(i) / max;
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>", labelWidth - 6, y + 14,
                    escape(shorten(labels.get(i)))));
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"16\" fill=\"%s\"/>",
                    labelWidth, y + 2, width, PALETTE[0]));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">%s%s</text>", labelWidth + width + 4, y + 14,
                    SurrogateTree.number(values.get(i)), unit));
        }
        return svg.append("</svg>").toString();
    }

    /** Purchases against complaints, one dot per doctor, coloured by segment (grey: none). */
    static String scatter(String title, List<ScatterPoint> points, Map<String, String> segmentNames) {
        int width = 620;
        int height = 360;
        int left = 50;
        int bottom = 40;
        double maxX = Math.max(1, points.stream().mapToDouble(ScatterPoint::purchases).max().orElse(1));
        double maxY = Math.max(1, points.stream().mapToDouble(ScatterPoint::complaints).max().orElse(1));
        Map<String, String> colours = new LinkedHashMap<>();
        List<String> ids = new ArrayList<>(segmentNames.keySet());
        for (int i = 0; i < ids.size(); i++) {
            colours.put(ids.get(i), PALETTE[i % PALETTE.length]);
        }
        StringBuilder svg = open(title, width, height + 20 * ((ids.size() + 2) / 3));
        int plotWidth = width - left - 20;
        int plotHeight = height - bottom - 30;
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>", left, 30 + plotHeight,
                left + plotWidth, 30 + plotHeight));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"30\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>", left, left, 30 + plotHeight));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">purchases (0 to %s)</text>",
                left + plotWidth / 2, height - 8, SurrogateTree.number(maxX)));
        svg.append(String.format(Locale.ROOT, "<text x=\"12\" y=\"%d\" transform=\"rotate(-90 12 %d)\" text-anchor=\"middle\">complaints (0 to %s)</text>",
                30 + plotHeight / 2, 30 + plotHeight / 2, SurrogateTree.number(maxY)));
        for (ScatterPoint point : points) {
            double x = left + plotWidth * point.purchases() / maxX;
            double y = 30 + plotHeight - plotHeight * point.complaints() / maxY;
            svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\" fill-opacity=\"0.7\"/>", x, y,
                    colours.getOrDefault(point.clusters(), "#999")));
        }
        for (int i = 0; i < ids.size(); i++) {
            int x = left + (i % 3) * 190;
            int y = height + 14 + (i / 3) * 20;
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>", x, y - 9, colours.get(ids.get(i))));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>", x + 14, y, escape(shorten(segmentNames.get(ids.get(i))))));
        }
        return svg.append("</svg>").toString();
    }

    private static StringBuilder open(String title, int width, int height) {
        return new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"%2$d\" height=\"%3$d\" viewBox=\"0 0 %4$d %5$d\" "
                        + "font-family=\"sans-serif\" font-size=\"12\"><title>%1$s</title>"
                        + "<text x=\"0\" y=\"13\" font-weight=\"bold\">%1$s</text>", escape(title), width, height, width, height));
    }

    private static String shorten(String text) {
        return text.length() <= 28 ? text : text.substring(0, 27) + "…";
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

package com.orthoseg.segments.report;

import com.orthoseg.segments.report.PurchasesVsComplaints.Terciles;
import com.orthoseg.segments.report.RegionBreakdown.Group;
import com.orthoseg.segments.report.SchemeReport.Distinction;
import com.orthoseg.segments.report.SchemeReport.FeatureDriver;
import com.orthoseg.segments.report.SchemeReport.Rule;
import com.orthoseg.segments.report.SchemeReport.SegmentSummary;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * The printable segmentation report: Markdown, and the same text as one self-contained HTML page with
 * SVG charts (commonmark renders the Markdown; raw HTML in it, such as an operator's playbook, is
 * escaped). A manager reads it without the dashboard.
 */
public final class MarkdownReport {

    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());
    private static final int REGION_ROWS = 15;
    private static final int DRIVER_ROWS = 8;

    private final StringBuilder out = new StringBuilder();
    private final boolean charts;

    private MarkdownReport(boolean charts) {
        this.charts = charts;
    }

    public static String markdown(SegmentationReport report) {
        return new MarkdownReport(false).write(report, List.of());
    }

    public static String html(SegmentationReport report, List<ScatterPoint> points) {
        String body = HtmlRenderer.builder().extensions(EXTENSIONS).escapeHtml(true).sanitizeUrls(true).build()
                .render(Parser.builder().extensions(EXTENSIONS).build().parse(new MarkdownReport(true).write(report, points)));
        Map<String, String> svgs = new MarkdownReport(true).charts(report, points);
        for (Map.Entry<String, String> chart : svgs.entrySet()) {
            body = body.replace("<p>" + chart.getKey() + "</p>", "<figure>" + chart.getValue() + "</figure>");
        }
        return """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>Doctor segmentation report</title>
                <style>
                body{font-family:sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222;line-height:1.45}
                table{border-collapse:collapse;margin:.5rem 0 1rem}th,td{border:1px solid #ccc;padding:.2rem .5rem;text-align:left}
                th{background:#f3f3f3}figure{margin:1rem 0}h2{border-bottom:1px solid #ddd;margin-top:2rem}
                @media print{h2{page-break-before:auto}figure,table{page-break-inside:avoid}}
                </style></head><body>
                """ + body + "</body></html>\n";
    }

    private static String chartKey(String name) {
        return "[chart: " + name + "]";
    }

    private Map<String, String> charts(SegmentationReport report, List<ScatterPoint> points) {
        Map<String, String> svgs = new LinkedHashMap<>();
        List<Group> regions = report.regions().byRegion().groups().stream().limit(REGION_ROWS).toList();
        svgs.put(chartKey("regions"), SvgCharts.bars("Doctors per region", regions.stream().map(Group::group).toList(),
                regions.stream().map(g -> (double) g.doctors()).toList(), ""));
        Map<String, String> clusterNames = new LinkedHashMap<>();
        report.schemes().stream().filter(s -> s.scheme().name().equals("clusters")).findFirst()
                .ifPresent(s -> s.segments().forEach(segment -> clusterNames.put(segment.id(), segment.name())));
        svgs.put(chartKey("scatter"), SvgCharts.scatter("Purchases and complaints per doctor, by cluster segment", points, clusterNames));
        for (SchemeReport scheme : report.schemes()) {
            svgs.put(chartKey("segments-" + scheme.scheme()), SvgCharts.bars("Share of doctors and purchases, " + scheme.scheme(),
                    scheme.segments().stream().map(SegmentSummary::name).toList(),
                    scheme.segments().stream().map(s -> 100 * s.shareOfPurchases()).toList(), " % of purchases"));
        }
        return svgs;
    }

    private String write(SegmentationReport report, List<ScatterPoint> points) {
        line("# Doctor segmentation report");
        line("Generated " + report.generatedAt() + " from live data.");
        coverage(report.coverage());
        regions(report.regions());
        purchasesVsComplaints(report.purchasesVsComplaints(), !points.isEmpty());
        if (report.schemes().isEmpty()) {
            line("## 3. Segments");
            line("No scheme has an active model version yet.");
        }
        for (SchemeReport scheme : report.schemes()) {
            scheme(scheme);
        }
        return out.toString();
    }

    private void coverage(DataCoverage coverage) {
        line("## Data coverage");
        line(String.format(Locale.ROOT, "%d doctors are known: %d with a profile, %d with orders, %d with complaints, %d with instructions.",
                coverage.doctors(), coverage.withProfile(), coverage.withOrders(), coverage.withComplaints(), coverage.withInstructions()));
        table(List.of("sources", "doctors"), coverage.combinations(), c -> List.of(c.sources(), String.valueOf(c.doctors())));
    }

    private void regions(RegionBreakdown regions) {
        line("## 1. Doctors and purchases by region");
        line(regions.profiledDoctors() + " profiled doctors. Purchases are the ERP's figure over the last year.");
        chart("regions");
        for (RegionBreakdown.Table table : List.of(regions.byRegion(), regions.byCategory(), regions.byRank())) {
            line("### By " + table.groupedBy() + " (sorted by " + table.sortedBy() + ")");
            List<Group> groups = table.groups();
            boolean cut = table.groupedBy().equals("region") && groups.size() > REGION_ROWS;
            table(List.of(table.groupedBy(), "doctors", "with purchases", "average purchases"), cut ? groups.subList(0, REGION_ROWS) : groups,
                    g -> List.of(g.group(), String.valueOf(g.doctors()), String.valueOf(g.withPurchases()), number(g.averagePurchases())));
            if (cut) {
                line("… and " + (groups.size() - REGION_ROWS) + " more regions (all of them in the JSON report).");
            }
        }
    }

    private void purchasesVsComplaints(PurchasesVsComplaints p, boolean scatter) {
        line("## 2. Purchases versus complaints");
        line("**Conclusion.** " + text(p.conclusion()));
        if (scatter) {
            chart("scatter");
        }
        List<Correlation> rows = new ArrayList<>(List.of(p.overAll(), p.overComplaining()));
        rows.addAll(p.byComplaintType());
        table(List.of("doctors", "n", "Pearson r", "p", "Spearman ρ", "p"), rows, c -> List.of(c.population(), String.valueOf(c.doctors()),
                number(c.pearson()), pValue(c.pearsonP()), number(c.spearman()), pValue(c.spearmanP())));
        Terciles terciles = p.terciles();
        if (terciles != null) {
            Contingency t = terciles.table();
            line("Purchase terciles against complaints on record:");
            contingency(t);
        }
    }

    private void scheme(SchemeReport scheme) {
        line("## 3. Segments: " + scheme.scheme() + " (model " + text(scheme.modelVersion()) + ")");
        line(String.format(Locale.ROOT, "%d doctors in segments, with %,.0f purchases.", scheme.doctors(), scheme.purchases()));
        chart("segments-" + scheme.scheme());
        table(List.of("segment", "doctors", "share of doctors", "share of purchases", "mean satisfaction"), scheme.segments(),
                s -> List.of(s.name() + " (" + s.id() + ")", String.valueOf(s.doctors()), percent(s.shareOfDoctors()),
                        percent(s.shareOfPurchases()), number(s.satisfaction().mean()) + " (n = " + s.satisfaction().doctors() + ")"));
        for (SegmentSummary segment : scheme.segments()) {
            line("### " + text(segment.name()));
            if (segment.description() != null) {
                line(text(segment.description()));
            }
            if (!segment.distinctions().isEmpty()) {
                line("What sets it apart (Cohen's d against the scheme's other doctors): " + String.join("; ",
                        segment.distinctions().stream().map(MarkdownReport::distinction).toList()) + ".");
            }
            line("**Playbook.** " + (segment.playbook() == null ? "none set yet" : text(segment.playbook())));
        }
        line("### What drives the " + scheme.scheme() + " segments");
        line("One-way ANOVA per feature across segments (η²: the share of a feature's variance the segments explain), strongest first:");
        table(List.of("feature", "doctors", "F", "p", "η²"), scheme.drivers().stream().limit(DRIVER_ROWS).toList(),
                d -> List.of(d.feature(), String.valueOf(d.doctors()), d.f() == null ? "∞" : number(d.f()), pValue(d.pValue()), number(d.etaSquared())));
        if (scheme.tree() != null) {
            line(String.format(Locale.ROOT, "A decision tree of depth %d over the scheme's inputs names the segment of %s of the doctors "
                    + "(%s):", SchemeReport.TREE_DEPTH, percent(scheme.tree().accuracy()), text(scheme.tree().note())));
            for (Rule rule : scheme.tree().rules()) {
                line(String.format(Locale.ROOT, "- %s → **%s** (%d doctors, %s right)", text(rule.conditions()), text(rule.segmentName()),
                        rule.doctors(), percent(rule.accuracy())));
            }
            out.append('\n');
        }
        line("### Segments by category and region");
        contingency(scheme.byCategory());
        Contingency region = scheme.byRegion();
        line(region.chiSquare() == null ? "Segments by region: too few regions or segments for a test."
                : String.format(Locale.ROOT, "Segments by region (%d regions): χ² = %.2f (df %d), %s, Cramér's V = %.2f%s.",
                region.rows().size(), region.chiSquare(), region.degreesOfFreedom(), PurchasesVsComplaints.pIs(region.pValue()), region.cramersV(),
                region.sparse() ? "; many expected counts are below 5, so the p-value is approximate" : ""));
    }

    private void contingency(Contingency t) {
        List<String> header = new ArrayList<>(List.of(t.rowsAre() + " \\ " + t.columnsAre()));
        header.addAll(t.columns());
        List<Integer> rows = IntStream.range(0, t.rows().size()).boxed().toList();
        table(header, rows, i -> {
            List<String> cells = new ArrayList<>(List.of(t.rows().get(i)));
            for (long count : t.counts()[i]) {
                cells.add(String.valueOf(count));
            }
            return cells;
        });
        if (t.chiSquare() != null) {
            line(String.format(Locale.ROOT, "χ² = %.2f (df %d), %s, Cramér's V = %.2f%s.", t.chiSquare(), t.degreesOfFreedom(),
                    PurchasesVsComplaints.pIs(t.pValue()), t.cramersV(), t.sparse() ? " (some expected counts below 5: approximate)" : ""));
        }
    }

    private static String distinction(Distinction d) {
        return String.format(Locale.ROOT, "%s %s (%s against %s, d = %.2f)", d.feature(), d.cohensD() > 0 ? "higher" : "lower",
                SurrogateTree.number(d.segmentMean()), SurrogateTree.number(d.othersMean()), d.cohensD());
    }

    private void chart(String name) {
        if (charts) {
            line(chartKey(name));
        }
    }

    private <T> void table(List<String> header, List<T> rows, Function<T, List<String>> cells) {
        out.append("| ").append(String.join(" | ", header.stream().map(MarkdownReport::cell).toList())).append(" |\n");
        out.append("|").append(" --- |".repeat(header.size())).append('\n');
        for (T row : rows) {
            out.append("| ").append(String.join(" | ", cells.apply(row).stream().map(MarkdownReport::cell).toList())).append(" |\n");
        }
        out.append('\n');
    }

    private void line(String text) {
        out.append(text).append("\n\n");
    }

    /** Text from data or operators on one line, with no tag a Markdown viewer would take as HTML. */
    private static String text(String text) {
        return text == null ? "" : text.replace("<", "&lt;").replace('\n', ' ').replace('\r', ' ');
    }

    private static String cell(String text) {
        return text(text).replace("|", "\\|");
    }

    private static String number(Double value) {
        return value == null ? "–" : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String pValue(Double p) {
        return p == null ? "–" : PurchasesVsComplaints.p(p);
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f %%", 100 * share);
    }
}

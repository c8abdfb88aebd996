package com.orthoseg.segments.report;

import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.apache.commons.math3.stat.descriptive.rank.Percentile.EstimationType;

import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Question 2: do doctors who buy more complain more? Purchases (the profile's figure) against complaints
 * on record (sum of quantities; a doctor with none on record counts as 0), over every profiled doctor
 * with a purchases figure, over those with complaints, and per complaint type among those; then purchase
 * terciles against having complaints. Complaints of doctors without a profile cannot enter: their
 * purchases are unknown. The conclusion says all of that in words.
 *
 * @param complainingWithoutProfile doctors with complaints on record but no profile
 * @param complaintsWithoutProfile  the complaints (quantities) of those doctors
 */
public record PurchasesVsComplaints(int profiledDoctors, int withPurchases, int withComplaints,
                                    int complainingWithoutProfile, double complaintsWithoutProfile,
                                    Correlation overAll, Correlation overComplaining, List<Correlation> byComplaintType,
                                    Terciles terciles, String conclusion) {

    static final String ALL = "profiled doctors";
    static final String COMPLAINING = "profiled doctors with complaints";

    /**
     * Purchase terciles cut at the 33⅓ and 66⅔ percentiles (commons-math3's legacy estimate); a doctor
     * whose purchases equal a cut point belongs to the lower tercile.
     */
    public record Terciles(double lowUpTo, double middleUpTo, Contingency table) {
    }

    static PurchasesVsComplaints of(List<ReportDoctor> doctors) {
        List<ReportDoctor> profiled = doctors.stream().filter(d -> d.coverage().hasProfile()).toList();
        List<ReportDoctor> measured = profiled.stream().filter(d -> d.feature("purchases") != null).toList();
        List<ReportDoctor> complaining = measured.stream().filter(d -> d.complaints() > 0).toList();
        List<ReportDoctor> orphans = doctors.stream().filter(d -> !d.coverage().hasProfile() && d.complaints() > 0).toList();

        Correlation overAll = correlation(ALL, measured, "complaintsTotal");
        Correlation overComplaining = correlation(COMPLAINING, complaining, "complaintsTotal");
        TreeSet<String> types = new TreeSet<>();
        complaining.forEach(d -> d.features().keySet().stream().filter(f -> f.startsWith(TYPE)).forEach(types::add));
        List<Correlation> byType = types.stream()
                .map(type -> correlation(COMPLAINING + ": " + type.substring(TYPE.length()), complaining, type)).toList();
        Terciles terciles = terciles(measured);
        double orphanComplaints = orphans.stream().mapToDouble(ReportDoctor::complaints).sum();
        String conclusion = conclusion(profiled.size(), measured.size(), complaining.size(), orphans.size(), orphanComplaints,
                overAll, overComplaining, terciles);
        return new PurchasesVsComplaints(profiled.size(), measured.size(), complaining.size(), orphans.size(),
                orphanComplaints, overAll, overComplaining, byType, terciles, conclusion);
    }

    private static final String TYPE = "complaintsByType.";

    private static Correlation correlation(String population, List<ReportDoctor> doctors, String complaints) {
        double[] purchases = doctors.stream().mapToDouble(d -> d.feature("purchases")).toArray();
        double[] counted = doctors.stream().mapToDouble(d -> {
            Double value = d.feature(complaints);
            return value == null ? 0 : value;
        }).toArray();
        return Correlation.of(population, purchases, counted);
    }

    private static Terciles terciles(List<ReportDoctor> measured) {
        if (measured.isEmpty()) {
            return null;
        }
        double[] purchases = measured.stream().mapToDouble(d -> d.feature("purchases")).toArray();
        Percentile percentile = new Percentile().withEstimationType(EstimationType.LEGACY);
        double low = percentile.evaluate(purchases, 100 / 3.0);
        double middle = percentile.evaluate(purchases, 200 / 3.0);
        String lowLabel = "low (≤ " + SurrogateTree.number(low) + ")";
        String middleLabel = "middle";
        String highLabel = "high (> " + SurrogateTree.number(middle) + ")";
        Contingency table = Contingency.count("purchase tercile", "complaints on record",
                List.of(lowLabel, middleLabel, highLabel), List.of("some", "none"), measured,
                d -> d.feature("purchases") <= low ? lowLabel : d.feature("purchases") <= middle ? middleLabel : highLabel,
                d -> d.complaints() > 0 ? "some" : "none");
        return new Terciles(low, middle, table);
    }

    private static String conclusion(int profiled, int measured, int complaining, int orphans, double orphanComplaints,
                                     Correlation overAll, Correlation overComplaining, Terciles terciles) {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "Coverage: %d of %d profiled doctors (%.0f%%) have any complaint on record",
                complaining, measured, percent(complaining, measured)));
        text.append(profiled > measured ? String.format(Locale.ROOT, " (%d profiled doctors have no purchases figure and are left out)",
                profiled - measured) : "");
        text.append("; a doctor with none on record is counted as having none. ");
        if (orphans > 0) {
            text.append(String.format(Locale.ROOT, "%d doctors with %s complaints have no profile: their purchases are unknown, "
                    + "so their complaints cannot be related to purchases. ", orphans, SurrogateTree.number(orphanComplaints)));
        }
        text.append(sentence("Over all " + measured + " profiled doctors", overAll));
        text.append(sentence("Among the " + complaining + " doctors with complaints", overComplaining));
        if (terciles != null && terciles.table().pValue() != null) {
            Contingency t = terciles.table();
            text.append(String.format(Locale.ROOT, "Purchase terciles and having complaints: χ² = %.2f (df %d), %s, Cramér's V = %.2f (%s association)%s. ",
                    t.chiSquare(), t.degreesOfFreedom(), pIs(t.pValue()), t.cramersV(), strength(t.cramersV()),
                    t.sparse() ? "; some expected counts are below 5, so this p-value is approximate" : ""));
        }
        return text.toString().trim();
    }

    private static String sentence(String population, Correlation c) {
        if (c.spearman() == null) {
            return population + ", no correlation can be computed (too few doctors, or a measure that does not vary). ";
        }
        boolean significant = c.spearmanP() < 0.05;
        return String.format(Locale.ROOT, "%s, purchases and complaints show a %s %s rank correlation (Spearman ρ = %.2f, %s; Pearson r = %.2f, %s), %s at the 5%% level. ",
                population, strength(c.spearman()), c.spearman() >= 0 ? "positive" : "negative", c.spearman(), pIs(c.spearmanP()),
                c.pearson(), pIs(c.pearsonP()), significant ? "statistically significant" : "not statistically significant");
    }

    /** Conventional words for the size of a correlation or of Cramér's V. */
    static String strength(double coefficient) {
        double size = Math.abs(coefficient);
        return size < 0.1 ? "negligible" : size < 0.3 ? "weak" : size < 0.5 ? "moderate" : "strong";
    }

    /** "p < 0.0001" or "p = 0.0123" */
    static String pIs(double p) {
        return p < 0.0001 ? "p " + p(p) : "p = " + p(p);
    }

    static String p(double p) {
        return p < 0.0001 ? "< 0.0001" : String.format(Locale.ROOT, "%.4f", p);
    }

    private static double percent(int part, int whole) {
        return whole == 0 ? 0 : 100.0 * part / whole;
    }
}

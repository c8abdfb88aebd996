package com.orthoseg.segments.model;

import com.orthoseg.segments.model.SegmentDefinition.Distinction;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Names and describes a cluster segment from its distinguishing inputs: those whose centroid lies
 * furthest from the overall mean in standard deviations. "High-volume, few complaints" reads a
 * centroid well above average on purchases and below on complaints.
 */
final class SegmentDescriber {

    /** Distinctions weaker than this (in standard deviations) do not name a segment. */
    private static final double NOTABLE = 0.25;
    private static final int NAMED_BY = 2;
    private static final int DESCRIBED_BY = 3;

    /** feature → {words when higher than average, words when lower}. */
    private static final Map<String, String[]> WORDS = Map.ofEntries(
            Map.entry("purchases", new String[]{"high-volume", "low-volume"}),
            Map.entry("ordersTotal", new String[]{"frequent orderers", "rare orderers"}),
            Map.entry("orders365d", new String[]{"active this year", "quiet this year"}),
            Map.entry("daysSinceLastOrder", new String[]{"lapsing", "recent buyers"}),
            Map.entry("amount365d", new String[]{"high spend", "low spend"}),
            Map.entry("avgOrderValue", new String[]{"large orders", "small orders"}),
            Map.entry("activeMonths365d", new String[]{"steady buyers", "occasional buyers"}),
            Map.entry("complaintsTotal", new String[]{"many complaints", "few complaints"}),
            Map.entry("complaints365d", new String[]{"recent complaints", "no recent complaints"}),
            Map.entry("complaintRate", new String[]{"complaint-prone", "rarely complain"}),
            Map.entry("conditionJAfterShare", new String[]{"mostly J-after orders", "mostly J-before orders"}),
            Map.entry("rankOrdinal", new String[]{"high-rank", "low-rank"}),
            Map.entry("incidenceRate", new String[]{"high incidence", "low incidence"}),
            Map.entry("rRate", new String[]{"high R rate", "low R rate"}),
            Map.entry("satisfaction", new String[]{"satisfied", "dissatisfied"}),
            Map.entry("experience", new String[]{"experienced", "less experienced"}));

    private SegmentDescriber() {
    }

    static SegmentDefinition describe(String id, ClusterModel scaling, double[] centroid, Map<String, Double> profile,
                                      int size, Set<String> namesTaken) {
        List<Distinction> distinctions = distinctions(scaling, centroid);
        List<String> words = new ArrayList<>();
        for (Distinction d : distinctions) {
            if (Math.abs(d.zScore()) >= NOTABLE) {
                String[] pair = WORDS.getOrDefault(d.feature(), new String[]{"high " + d.feature(), "low " + d.feature()});
                words.add(d.higher() ? pair[0] : pair[1]);
            }
        }
        String name = words.isEmpty() ? "Typical doctors" : capitalize(String.join(", ", words.subList(0, Math.min(NAMED_BY, words.size()))));
        for (int extra = NAMED_BY + 1; namesTaken.contains(name) && extra <= words.size(); extra++) {
            name = capitalize(String.join(", ", words.subList(0, extra)));
        }
        if (namesTaken.contains(name)) {
            name = name + " (" + id + ")";
        }
        namesTaken.add(name);
        return new SegmentDefinition(id, name, description(distinctions), distinctions, profile, size);
    }

    /** Every input, strongest distinction first. */
    private static List<Distinction> distinctions(ClusterModel scaling, double[] centroid) {
        List<Distinction> all = new ArrayList<>();
        for (int j = 0; j < centroid.length; j++) {
            InputFeature input = scaling.inputs().get(j);
            double typical = input.invert(centroid[j] * scaling.scales()[j] + scaling.means()[j]);
            double overall = input.invert(scaling.means()[j]);
            all.add(new Distinction(input.name(), centroid[j] > 0, centroid[j], typical, overall));
        }
        all.sort(Comparator.comparingDouble((Distinction d) -> -Math.abs(d.zScore())));
        return all;
    }

    private static String description(List<Distinction> distinctions) {
        List<String> parts = new ArrayList<>();
        for (Distinction d : distinctions.subList(0, Math.min(DESCRIBED_BY, distinctions.size()))) {
            if (Math.abs(d.zScore()) < NOTABLE) {
                break;
            }
            parts.add(String.format(Locale.ROOT, "%s %s than average (typically %s against %s, %+.1f sd)", d.feature(),
                    d.higher() ? "higher" : "lower", number(d.typical()), number(d.overall()), d.zScore()));
        }
        return parts.isEmpty() ? "Close to the average doctor on every input." : capitalize(String.join("; ", parts)) + ".";
    }

    private static String number(double value) {
        return Math.abs(value) >= 100 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String capitalize(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}

package com.orthoseg.segments.model;

import com.orthoseg.segments.model.RfmModel.Edge;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Freezes the rfm quintile edges over the profiled doctors with orders (DESIGN.md "rfm"). */
public final class RfmTrainer {

    /** Shown in rfm segment profiles. */
    private static final List<String> PROFILED = List.of(RfmModel.RECENCY, RfmModel.FREQUENCY, RfmModel.MONETARY,
            "purchases", "complaintsTotal", "satisfaction");

    private RfmTrainer() {
    }

    public static RfmModel train(List<TrainingDoctor> doctors) {
        List<String> ids = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        List<Map<String, Double>> features = new ArrayList<>();
        for (TrainingDoctor doctor : doctors) {
            double[] v = RfmModel.values(doctor.features());
            if (v != null) {
                ids.add(doctor.doctorId());
                values.add(v);
                features.add(doctor.features());
            }
        }
        if (ids.isEmpty()) {
            throw new IllegalStateException("rfm needs at least one profiled doctor with orders, there is none");
        }
        double[] means = new double[3];
        double[] scales = new double[3];
        List<List<Edge>> edges = new ArrayList<>();
        for (int dimension = 0; dimension < 3; dimension++) {
            SummaryStatistics statistics = new SummaryStatistics();
            List<Edge> ranked = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                ranked.add(new Edge(values.get(i)[dimension], ids.get(i)));
                statistics.addValue(values.get(i)[dimension]);
            }
            ranked.sort(Comparator.comparingDouble(Edge::value).thenComparing(Edge::doctorId));
            edges.add(edges(ranked));
            means[dimension] = statistics.getMean();
            double sd = Math.sqrt(statistics.getPopulationVariance());
            scales[dimension] = sd > 0 ? sd : 1;
        }
        RfmModel scoring = new RfmModel(edges.get(0), edges.get(1), edges.get(2), means, scales, List.of(), Map.of());
        Map<String, List<Map<String, Double>>> members = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            RfmModel.Scores scores = scoring.scores(values.get(i), ids.get(i));
            String segment = RfmGrid.segment(scores.r(), scores.f(), scores.m()).id();
            members.computeIfAbsent(segment, s -> new ArrayList<>()).add(features.get(i));
        }
        List<SegmentDefinition> segments = new ArrayList<>();
        for (RfmGrid.RfmSegment segment : RfmGrid.ALL) {
            List<Map<String, Double>> in = members.getOrDefault(segment.id(), List.of());
            segments.add(new SegmentDefinition(segment.id(), segment.name(), "RFM cell: " + segment.name(), List.of(),
                    means(in), in.size()));
        }
        return new RfmModel(edges.get(0), edges.get(1), edges.get(2), means, scales, segments, means(features));
    }

    /**
     * DESIGN.md: bin = 1 + #{ j in 1..4 : r > 1 + j·(n−1)/5 }. In integers, r > 1 + j(n−1)/5 holds from
     * rank p = 1 + ⌈(j(n−1) + 1)/5⌉ on, so edge j is the doctor at rank p (none when p > n).
     */
    static List<Edge> edges(List<Edge> ranked) {
        long n = ranked.size();
        List<Edge> edges = new ArrayList<>();
        for (int j = 1; j <= 4; j++) {
            long p = 1 + Math.floorDiv(j * (n - 1) + 1 + 4, 5);
            edges.add(p <= n ? ranked.get((int) p - 1) : null);
        }
        return edges;
    }

    private static Map<String, Double> means(List<Map<String, Double>> doctors) {
        Map<String, Double> profile = new LinkedHashMap<>();
        for (String name : PROFILED) {
            SummaryStatistics statistics = new SummaryStatistics();
            doctors.stream().map(f -> f.get(name)).filter(v -> v != null && !v.isNaN()).forEach(statistics::addValue);
            profile.put(name, statistics.getN() == 0 ? null : statistics.getMean());
        }
        return profile;
    }
}

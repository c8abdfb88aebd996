package com.orthoseg.segments.model;

import com.orthoseg.events.DoctorFeatures.Coverage;
import com.orthoseg.events.SegmentChanged.Driver;
import com.orthoseg.events.SegmentChanged.Scheme;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A frozen rfm version: the quintile edges of recency, frequency and monetary value over the doctors it
 * was trained on. An edge is the (value, doctorId) of the first rank past a quintile threshold, so a
 * doctor's bin is the number of edges at or below its (value, doctorId) plus one: exactly DESIGN.md's
 * rank rule, ties in doctorId order included, for any doctor scored later. A null edge is never reached
 * (too few doctors for that quintile).
 *
 * @param means  population means of recency, frequency, monetary (for the drivers' z-scores)
 * @param scales their population standard deviations (1 where they were 0)
 */
public record RfmModel(List<Edge> recency, List<Edge> frequency, List<Edge> monetary, double[] means,
                       double[] scales, List<SegmentDefinition> segments, Map<String, Double> overallProfile)
        implements SegmentationModel {

    public static final String RECENCY = "daysSinceLastOrder";
    public static final String FREQUENCY = "ordersTotal";
    public static final String MONETARY = "amountTotal";

    public record Edge(double value, String doctorId) {
    }

    /** R, F and M of one doctor. */
    public record Scores(int r, int f, int m) {
    }

    @Override
    public Scheme scheme() {
        return Scheme.rfm;
    }

    @Override
    public Placement place(String doctorId, Map<String, Double> features, Coverage coverage, String currentSegmentId) {
        if (!coverage.hasProfile()) {
            return Placement.NO_PROFILE;
        }
        double[] values = values(features);
        if (values == null) {
            return Placement.none("no orders: RFM scores doctors with at least one order");
        }
        return placed(scores(values, doctorId), values);
    }

    /** The scores of a doctor with orders (values as {@link #values}); doctorId breaks ties against the edges. */
    public Scores scores(double[] values, String doctorId) {
        return new Scores(6 - bin(recency, values[0], doctorId), bin(frequency, values[1], doctorId),
                bin(monetary, values[2], doctorId));
    }

    private Placement placed(Scores scores, double[] values) {
        RfmGrid.RfmSegment segment = RfmGrid.segment(scores.r(), scores.f(), scores.m());
        Map<String, Double> profile = segment(segment.id()).profile();
        String[] names = {RECENCY, FREQUENCY, MONETARY};
        List<Driver> drivers = new ArrayList<>();
        for (int j = 0; j < 3; j++) {
            drivers.add(new Driver(names[j], values[j], profile.get(names[j]), (values[j] - means[j]) / scales[j]));
        }
        // membership follows crisp rules: a doctor belongs fully to its cell
        return Placement.in(segment.id(), 1.0, drivers);
    }

    /** Recency, frequency, monetary; null for a doctor without orders. A missing amount counts as 0. */
    public static double[] values(Map<String, Double> features) {
        Double orders = features.get(FREQUENCY);
        Double days = features.get(RECENCY);
        if (orders == null || orders < 1 || days == null) {
            return null;
        }
        Double amount = features.get(MONETARY);
        return new double[]{days, orders, amount == null ? 0 : amount};
    }

    private static int bin(List<Edge> edges, double value, String doctorId) {
        int bin = 1;
        for (Edge edge : edges) {
            if (edge != null && atOrAbove(value, doctorId, edge)) {
                bin++;
            }
        }
        return bin;
    }

    /** Whether (value, doctorId) sorts at or after the edge: by value, ties in doctorId order. */
    private static boolean atOrAbove(double value, String doctorId, Edge edge) {
        int byValue = Double.compare(value, edge.value());
        return byValue != 0 ? byValue > 0 : doctorId.compareTo(edge.doctorId()) >= 0;
    }
}

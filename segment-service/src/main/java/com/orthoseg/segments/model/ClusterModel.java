package com.orthoseg.segments.model;

import com.orthoseg.events.DoctorFeatures.Coverage;
import com.orthoseg.events.SegmentChanged.Driver;
import com.orthoseg.events.SegmentChanged.Scheme;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A frozen clusters version: inputs, their standardization (means and scales of the transformed
 * values), and one centroid per segment in standardized units.
 *
 * <p>Hysteresis: a doctor leaves its current segment only for one whose centroid is closer by the
 * fraction {@code hysteresis} of the distance to the current one (d(new) &lt; (1 − h)·d(current)), so a
 * doctor near a border does not flip with every small change. Margin = 1 − d(own)/d(nearest other):
 * 0 on a border, towards 1 at the centroid, negative while hysteresis keeps a doctor in a segment that is
 * no longer the nearest.
 */
public record ClusterModel(List<InputFeature> inputs, double[] means, double[] scales, double[][] centroids,
                           List<SegmentDefinition> segments, Map<String, Double> overallProfile,
                           double hysteresis) implements SegmentationModel {

    private static final int DRIVERS = 3;

    @Override
    public Scheme scheme() {
        return Scheme.clusters;
    }

    /** The doctor's standardized inputs; a missing value becomes 0, the training mean. */
    public double[] standardize(Map<String, Double> features, Coverage coverage) {
        double[] z = new double[inputs.size()];
        for (int j = 0; j < z.length; j++) {
            double value = inputs.get(j).apply(features, coverage);
            z[j] = Double.isNaN(value) ? 0 : (value - means[j]) / scales[j];
        }
        return z;
    }

    @Override
    public Placement place(String doctorId, Map<String, Double> features, Coverage coverage, String currentSegmentId) {
        if (!coverage.hasProfile()) {
            return Placement.NO_PROFILE;
        }
        double[] z = standardize(features, coverage);
        double[] distance = new double[centroids.length];
        int nearest = 0;
        for (int c = 0; c < centroids.length; c++) {
            distance[c] = Math.sqrt(squared(z, centroids[c]));
            if (distance[c] < distance[nearest]) {
                nearest = c;
            }
        }
        int chosen = nearest;
        int current = indexOf(currentSegmentId);
        if (current >= 0 && current != nearest && distance[nearest] >= (1 - hysteresis) * distance[current]) {
            chosen = current;
        }
        int runnerUp = -1;
        for (int c = 0; c < centroids.length; c++) {
            if (c != chosen && (runnerUp < 0 || distance[c] < distance[runnerUp])) {
                runnerUp = c;
            }
        }
        double margin = runnerUp < 0 || distance[runnerUp] == 0 ? 1 : 1 - distance[chosen] / distance[runnerUp];
        return Placement.in(segments.get(chosen).id(), margin, drivers(features, coverage, z, chosen, runnerUp));
    }

    /**
     * The inputs that most explain why the doctor is in {@code own} rather than the runner-up: the largest
     * (z − runnerUp)² − (z − own)² terms of the two squared distances. Unknown inputs (imputed) explain
     * nothing about the doctor and are left out.
     */
    private List<Driver> drivers(Map<String, Double> features, Coverage coverage, double[] z, int own, int runnerUp) {
        List<Integer> order = new ArrayList<>();
        double[] contribution = new double[z.length];
        for (int j = 0; j < z.length; j++) {
            if (Double.isNaN(inputs.get(j).apply(features, coverage))) {
                continue;
            }
            double toOwn = z[j] - centroids[own][j];
            double toOther = runnerUp < 0 ? 0 : z[j] - centroids[runnerUp][j];
            contribution[j] = toOther * toOther - toOwn * toOwn;
            order.add(j);
        }
        order.sort(Comparator.comparingDouble((Integer j) -> -contribution[j]));
        List<Driver> drivers = new ArrayList<>();
        Map<String, Double> ownProfile = segments.get(own).profile();
        for (int j : order.subList(0, Math.min(DRIVERS, order.size()))) {
            if (contribution[j] <= 0 && !drivers.isEmpty()) {
                break;
            }
            String name = inputs.get(j).name();
            drivers.add(new Driver(name, features.get(name), ownProfile.get(name), z[j]));
        }
        return drivers;
    }

    private int indexOf(String segmentId) {
        for (int c = 0; c < segments.size(); c++) {
            if (segments.get(c).id().equals(segmentId)) {
                return c;
            }
        }
        return -1;
    }

    static double squared(double[] a, double[] b) {
        double sum = 0;
        for (int j = 0; j < a.length; j++) {
            double diff = a[j] - b[j];
            sum += diff * diff;
        }
        return sum;
    }
}

package com.orthoseg.segments.report;

import com.orthoseg.events.DoctorFeatures.Coverage;
import com.orthoseg.events.SegmentChanged.Scheme;
import com.orthoseg.segments.assign.SegmentCatalog.SchemeView;
import com.orthoseg.segments.assign.SegmentCatalog.SegmentView;
import com.orthoseg.segments.model.InputFeature;
import com.orthoseg.segments.model.InputFeature.Source;
import com.orthoseg.segments.model.InputFeature.Transform;
import com.orthoseg.segments.model.RfmModel;
import org.apache.commons.math3.stat.inference.OneWayAnova;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Questions 3 to 5 for one scheme, from the doctors in its segments now: the segments with their share
 * of doctors and of purchases; which features drive the segmentation (one-way ANOVA per feature, and a
 * small surrogate tree's rules); what sets each segment apart (Cohen's d against the other doctors);
 * segment × region and segment × category tables; satisfaction by segment.
 *
 * <p>Features are read as the clustering reads them: a feature of a source the doctor has no records in
 * (orders, complaints) is unknown, not zero, and leaves the doctor out of that feature's statistics.
 */
public record SchemeReport(Scheme scheme, String modelVersion, int doctors, double purchases,
                           Map<String, Double> overallProfile, List<SegmentSummary> segments, List<FeatureDriver> drivers, Tree tree,
                           Contingency byRegion, Contingency byCategory) {

    /**
     * @param profile       feature means over the segment's doctors who have the feature
     * @param distinctions  the features that most set it apart from the scheme's other doctors
     */
    public record SegmentSummary(String id, String name, String description, String playbook, int doctors,
                                 double shareOfDoctors, double purchases, double shareOfPurchases,
                                 Satisfaction satisfaction, Map<String, Double> profile, List<Distinction> distinctions) {
    }

    /** Mean satisfaction (-100..100) over the segment's doctors who gave one. */
    public record Satisfaction(int doctors, Double mean) {
    }

    /**
     * @param f          null when the segments do not vary within (perfect separation): then etaSquared is 1
     * @param etaSquared the share of the feature's variance the segments explain
     */
    public record FeatureDriver(String feature, int doctors, Double f, double pValue, double etaSquared) {
    }

    /** @param cohensD (segment mean − others' mean) / pooled standard deviation */
    public record Distinction(String feature, double segmentMean, double othersMean, double cohensD) {
    }

    /**
     * @param accuracy the share of the scheme's doctors whose rule names their segment
     * @param note     how unknown values were treated, and what limits the tree
     */
    public record Tree(List<String> features, String note, List<Rule> rules, double accuracy) {
    }

    public record Rule(String conditions, String segmentId, String segmentName, int doctors, double accuracy) {
    }

    /** The features the reports analyse, in original units: the clustering inputs, then a few more. */
    static final List<InputFeature> ANALYSED = Stream.concat(
            InputFeature.DEFAULT.stream().map(f -> new InputFeature(f.name(), f.source(), Transform.IDENTITY)),
            Stream.of(new InputFeature("amountTotal", Source.ORDERS, Transform.IDENTITY),
                    new InputFeature("isSpecialist", Source.PROFILE, Transform.IDENTITY),
                    new InputFeature("includesSpecialInstructions", Source.PROFILE, Transform.IDENTITY))).toList();

    static final int TREE_DEPTH = 3;
    private static final int TOP_DISTINCTIONS = 3;

    static SchemeReport of(SchemeView view, List<ReportDoctor> allDoctors) {
        Scheme scheme = view.scheme();
        List<ReportDoctor> doctors = allDoctors.stream().filter(d -> d.segments().containsKey(scheme)).toList();
        List<String> ids = new ArrayList<>(view.segments().stream().map(SegmentView::id).toList());
        doctors.stream().map(d -> d.segments().get(scheme)).distinct().filter(id -> !ids.contains(id)).forEach(ids::add);
        Map<String, String> names = new HashMap<>();
        view.segments().forEach(s -> names.put(s.id(), s.name()));
        Columns columns = Columns.of(doctors, scheme, ids);

        double purchases = doctors.stream().mapToDouble(SchemeReport::purchases).sum();
        List<FeatureDriver> drivers = new ArrayList<>();
        for (int f = 0; f < ANALYSED.size(); f++) {
            FeatureDriver driver = driver(ANALYSED.get(f).name(), columns, f);
            if (driver != null) {
                drivers.add(driver);
            }
        }
        drivers.sort(Comparator.comparingDouble(FeatureDriver::etaSquared).reversed());
        List<SegmentSummary> segments = new ArrayList<>();
        for (SegmentView segment : view.segments()) {
            int s = ids.indexOf(segment.id());
            List<ReportDoctor> own = doctors.stream().filter(d -> d.segments().get(scheme).equals(segment.id())).toList();
            double ownPurchases = own.stream().mapToDouble(SchemeReport::purchases).sum();
            segments.add(new SegmentSummary(segment.id(), segment.name(), segment.description(), segment.playbook(), own.size(),
                    share(own.size(), doctors.size()), ownPurchases, share(ownPurchases, purchases), satisfaction(own),
                    profile(columns, s), distinctions(columns, s)));
        }
        return new SchemeReport(scheme, view.modelVersion(), doctors.size(), purchases, profile(columns, ALL), segments, drivers,
                tree(scheme, columns, ids, names),
                Contingency.count("region", "segment", Contingency.byFrequency(doctors.stream().map(Groups::region).toList()),
                        ids, doctors, Groups::region, d -> d.segments().get(scheme)),
                Contingency.count("category", "segment", Contingency.byFrequency(doctors.stream().map(Groups::category).toList()),
                        ids, doctors, Groups::category, d -> d.segments().get(scheme)));
    }

    private static final int ALL = -1;

    /**
     * The analysed features of a scheme's doctors, read from their maps once into one column per feature
     * (NaN: unknown), with each doctor's segment: the statistics then scan arrays, not 10⁶ map lookups.
     */
    private record Columns(double[][] values, int[] segment, int segments) {

        static Columns of(List<ReportDoctor> doctors, Scheme scheme, List<String> segmentIds) {
            double[][] values = new double[ANALYSED.size()][doctors.size()];
            int[] segment = new int[doctors.size()];
            for (int i = 0; i < doctors.size(); i++) {
                ReportDoctor doctor = doctors.get(i);
                Coverage coverage = doctor.coverage() == null ? NO_COVERAGE : doctor.coverage();
                for (int f = 0; f < ANALYSED.size(); f++) {
                    values[f][i] = ANALYSED.get(f).apply(doctor.features(), coverage);
                }
                segment[i] = segmentIds.indexOf(doctor.segments().get(scheme));
            }
            return new Columns(values, segment, segmentIds.size());
        }

        int doctors() {
            return segment.length;
        }

        /** The known values of the feature in the segment (ALL: every doctor), or outside it when {@code outside}. */
        double[] known(int feature, int segment, boolean outside) {
            double[] column = values[feature];
            double[] known = new double[column.length];
            int n = 0;
            for (int i = 0; i < column.length; i++) {
                boolean member = segment == ALL || this.segment[i] == segment;
                if (member != outside && !Double.isNaN(column[i])) {
                    known[n++] = column[i];
                }
            }
            return Arrays.copyOf(known, n);
        }
    }

    private static double purchases(ReportDoctor doctor) {
        Double purchases = doctor.feature("purchases");
        return purchases == null ? 0 : purchases;
    }

    private static final Coverage NO_COVERAGE = new Coverage(false, false, false, false);

    private static FeatureDriver driver(String feature, Columns columns, int f) {
        List<double[]> groups = new ArrayList<>();
        for (int s = 0; s < columns.segments(); s++) {
            double[] group = columns.known(f, s, false);
            if (group.length >= 2) {
                groups.add(group);
            }
        }
        if (groups.size() < 2) {
            return null;
        }
        int n = groups.stream().mapToInt(g -> g.length).sum();
        double mean = groups.stream().flatMapToDouble(Arrays::stream).average().orElseThrow();
        double within = 0;
        double total = 0;
        for (double[] group : groups) {
            double groupMean = mean(group);
            within += squares(group, groupMean);
            total += squares(group, mean);
        }
        if (total == 0) {
            return null;
        }
        if (within == 0) {
            return new FeatureDriver(feature, n, null, 0, 1);
        }
        OneWayAnova anova = new OneWayAnova();
        return new FeatureDriver(feature, n, anova.anovaFValue(groups), anova.anovaPValue(groups), 1 - within / total);
    }

    private static Satisfaction satisfaction(List<ReportDoctor> doctors) {
        double[] values = doctors.stream().map(d -> d.feature("satisfaction")).filter(v -> v != null).mapToDouble(Double::doubleValue).toArray();
        return new Satisfaction(values.length, values.length == 0 ? null : mean(values));
    }

    private static Map<String, Double> profile(Columns columns, int segment) {
        Map<String, Double> profile = new LinkedHashMap<>();
        for (int f = 0; f < ANALYSED.size(); f++) {
            double[] values = columns.known(f, segment, false);
            profile.put(ANALYSED.get(f).name(), values.length == 0 ? null : mean(values));
        }
        return profile;
    }

    private static List<Distinction> distinctions(Columns columns, int segment) {
        List<Distinction> distinctions = new ArrayList<>();
        for (int f = 0; f < ANALYSED.size(); f++) {
            double[] a = columns.known(f, segment, false);
            double[] b = columns.known(f, segment, true);
            if (a.length < 2 || b.length < 2) {
                continue;
            }
            double meanA = mean(a);
            double meanB = mean(b);
            double pooled = Math.sqrt((squares(a, meanA) + squares(b, meanB)) / (a.length + b.length - 2));
            if (pooled > 0) {
                distinctions.add(new Distinction(ANALYSED.get(f).name(), meanA, meanB, (meanA - meanB) / pooled));
            }
        }
        distinctions.sort(Comparator.comparingDouble((Distinction d) -> Math.abs(d.cohensD())).reversed());
        return distinctions.subList(0, Math.min(TOP_DISTINCTIONS, distinctions.size()));
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    private static double squares(double[] values, double mean) {
        double sum = 0;
        for (double v : values) {
            sum += (v - mean) * (v - mean);
        }
        return sum;
    }

    /** The scheme's own inputs (columns of ANALYSED): the clustering inputs, or recency, frequency and monetary value. */
    private static List<Integer> treeInputs(Scheme scheme) {
        List<String> names = scheme == Scheme.rfm ? List.of(RfmModel.RECENCY, RfmModel.FREQUENCY, RfmModel.MONETARY)
                : InputFeature.DEFAULT.stream().map(InputFeature::name).toList();
        List<String> analysed = ANALYSED.stream().map(InputFeature::name).toList();
        return names.stream().map(analysed::indexOf).toList();
    }

    private static Tree tree(Scheme scheme, Columns columns, List<String> segmentIds, Map<String, String> names) {
        List<Integer> inputs = treeInputs(scheme).stream().filter(f -> columns.known(f, ALL, false).length > 0).toList();
        int n = columns.doctors();
        if (n == 0 || inputs.isEmpty()) {
            return null;
        }
        double[][] x = new double[n][inputs.size()];
        for (int j = 0; j < inputs.size(); j++) {
            double[] column = columns.values()[inputs.get(j)];
            double fill = mean(columns.known(inputs.get(j), ALL, false));
            for (int i = 0; i < n; i++) {
                x[i][j] = Double.isNaN(column[i]) ? fill : column[i];
            }
        }
        List<String> inputNames = inputs.stream().map(f -> ANALYSED.get(f).name()).toList();
        SurrogateTree.Fit fit = SurrogateTree.fit(x, columns.segment(), segmentIds.size(), inputNames, TREE_DEPTH, Math.max(5, n / 50));
        List<Rule> rules = fit.rules().stream().map(r -> {
            String id = segmentIds.get(r.label());
            return new Rule(r.conditions(), id, names.getOrDefault(id, id), r.doctors(), share(r.correct(), r.doctors()));
        }).toList();
        String note = "an unknown value (no orders, no complaints, no satisfaction given) counts as the scheme's mean"
                + (scheme == Scheme.rfm ? "; rfm ranks doctors with equal values by doctor id, so equal values can sit in "
                + "different segments and no rule on the values tells them apart" : "");
        return new Tree(inputNames, note, rules, share(fit.correct(), fit.doctors()));
    }

    private static double share(double part, double whole) {
        return whole == 0 ? 0 : part / whole;
    }
}

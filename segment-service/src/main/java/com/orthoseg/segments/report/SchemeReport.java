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
        List<String> ids = view.segments().stream().map(SegmentView::id).toList();
        Map<String, String> names = new HashMap<>();
        view.segments().forEach(s -> names.put(s.id(), s.name()));
        Map<String, List<ReportDoctor>> members = new LinkedHashMap<>();
        ids.forEach(id -> members.put(id, new ArrayList<>()));
        doctors.forEach(d -> members.computeIfAbsent(d.segments().get(scheme), id -> new ArrayList<>()).add(d));

        double purchases = doctors.stream().mapToDouble(SchemeReport::purchases).sum();
        List<FeatureDriver> drivers = ANALYSED.stream().map(f -> driver(f, members)).filter(d -> d != null)
                .sorted(Comparator.comparingDouble(FeatureDriver::etaSquared).reversed()).toList();
        List<SegmentSummary> segments = new ArrayList<>();
        for (SegmentView segment : view.segments()) {
            List<ReportDoctor> own = members.get(segment.id());
            double ownPurchases = own.stream().mapToDouble(SchemeReport::purchases).sum();
            List<ReportDoctor> others = doctors.stream().filter(d -> !d.segments().get(scheme).equals(segment.id())).toList();
            segments.add(new SegmentSummary(segment.id(), segment.name(), segment.description(), segment.playbook(), own.size(),
                    share(own.size(), doctors.size()), ownPurchases, share(ownPurchases, purchases), satisfaction(own),
                    profile(own), distinctions(own, others)));
        }
        List<String> columns = new ArrayList<>(ids);
        members.keySet().stream().filter(id -> !columns.contains(id)).forEach(columns::add);
        return new SchemeReport(scheme, view.modelVersion(), doctors.size(), purchases, profile(doctors), segments, drivers,
                tree(scheme, doctors, columns, names),
                Contingency.count("region", "segment", Contingency.byFrequency(doctors.stream().map(Groups::region).toList()),
                        columns, doctors, Groups::region, d -> d.segments().get(scheme)),
                Contingency.count("category", "segment", Contingency.byFrequency(doctors.stream().map(Groups::category).toList()),
                        columns, doctors, Groups::category, d -> d.segments().get(scheme)));
    }

    private static double purchases(ReportDoctor doctor) {
        Double purchases = doctor.feature("purchases");
        return purchases == null ? 0 : purchases;
    }

    /** The doctor's value of the feature, NaN when unknown. */
    private static double value(InputFeature feature, ReportDoctor doctor) {
        return feature.apply(doctor.features(), doctor.coverage() == null ? NO_COVERAGE : doctor.coverage());
    }

    private static final Coverage NO_COVERAGE = new Coverage(false, false, false, false);

    private static double[] known(InputFeature feature, List<ReportDoctor> doctors) {
        return doctors.stream().mapToDouble(d -> value(feature, d)).filter(v -> !Double.isNaN(v)).toArray();
    }

    private static FeatureDriver driver(InputFeature feature, Map<String, List<ReportDoctor>> members) {
        List<double[]> groups = members.values().stream().map(m -> known(feature, m)).filter(g -> g.length >= 2).toList();
        if (groups.size() < 2) {
            return null;
        }
        int n = groups.stream().mapToInt(g -> g.length).sum();
        double mean = groups.stream().flatMapToDouble(Arrays::stream).average().orElseThrow();
        double within = 0;
        double total = 0;
        for (double[] group : groups) {
            double groupMean = Arrays.stream(group).average().orElseThrow();
            for (double v : group) {
                within += (v - groupMean) * (v - groupMean);
                total += (v - mean) * (v - mean);
            }
        }
        if (total == 0) {
            return null;
        }
        if (within == 0) {
            return new FeatureDriver(feature.name(), n, null, 0, 1);
        }
        OneWayAnova anova = new OneWayAnova();
        return new FeatureDriver(feature.name(), n, anova.anovaFValue(groups), anova.anovaPValue(groups), 1 - within / total);
    }

    private static Satisfaction satisfaction(List<ReportDoctor> doctors) {
        double[] values = doctors.stream().map(d -> d.feature("satisfaction")).filter(v -> v != null).mapToDouble(Double::doubleValue).toArray();
        return new Satisfaction(values.length, values.length == 0 ? null : Arrays.stream(values).average().orElseThrow());
    }

    private static Map<String, Double> profile(List<ReportDoctor> doctors) {
        Map<String, Double> profile = new LinkedHashMap<>();
        for (InputFeature feature : ANALYSED) {
            double[] values = known(feature, doctors);
            profile.put(feature.name(), values.length == 0 ? null : Arrays.stream(values).average().orElseThrow());
        }
        return profile;
    }

    private static List<Distinction> distinctions(List<ReportDoctor> own, List<ReportDoctor> others) {
        List<Distinction> distinctions = new ArrayList<>();
        for (InputFeature feature : ANALYSED) {
            double[] a = known(feature, own);
            double[] b = known(feature, others);
            if (a.length < 2 || b.length < 2) {
                continue;
            }
            double meanA = mean(a);
            double meanB = mean(b);
            double pooled = Math.sqrt((squares(a, meanA) + squares(b, meanB)) / (a.length + b.length - 2));
            if (pooled > 0) {
                distinctions.add(new Distinction(feature.name(), meanA, meanB, (meanA - meanB) / pooled));
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

    /** The scheme's own inputs: the clustering inputs, or recency, frequency and monetary value. */
    private static List<InputFeature> treeInputs(Scheme scheme) {
        if (scheme == Scheme.rfm) {
            return Stream.of(RfmModel.RECENCY, RfmModel.FREQUENCY, RfmModel.MONETARY)
                    .map(name -> new InputFeature(name, Source.ORDERS, Transform.IDENTITY)).toList();
        }
        return ANALYSED.subList(0, InputFeature.DEFAULT.size());
    }

    private static Tree tree(Scheme scheme, List<ReportDoctor> doctors, List<String> segmentIds, Map<String, String> names) {
        List<InputFeature> inputs = treeInputs(scheme).stream().filter(f -> known(f, doctors).length > 0).toList();
        if (doctors.isEmpty() || inputs.isEmpty()) {
            return null;
        }
        double[][] x = new double[doctors.size()][inputs.size()];
        for (int f = 0; f < inputs.size(); f++) {
            double fill = mean(known(inputs.get(f), doctors));
            for (int i = 0; i < doctors.size(); i++) {
                double v = value(inputs.get(f), doctors.get(i));
                x[i][f] = Double.isNaN(v) ? fill : v;
            }
        }
        int[] labels = doctors.stream().mapToInt(d -> segmentIds.indexOf(d.segments().get(scheme))).toArray();
        int minLeaf = Math.max(5, doctors.size() / 50);
        SurrogateTree.Fit fit = SurrogateTree.fit(x, labels, segmentIds.size(), inputs.stream().map(InputFeature::name).toList(),
                TREE_DEPTH, minLeaf);
        List<Rule> rules = fit.rules().stream().map(r -> {
            String id = segmentIds.get(r.label());
            return new Rule(r.conditions(), id, names.getOrDefault(id, id), r.doctors(), share(r.correct(), r.doctors()));
        }).toList();
        String note = "an unknown value (no orders, no complaints, no satisfaction given) counts as the scheme's mean"
                + (scheme == Scheme.rfm ? "; rfm ranks doctors with equal values by doctor id, so equal values can sit in "
                + "different segments and no rule on the values tells them apart" : "");
        return new Tree(inputs.stream().map(InputFeature::name).toList(), note, rules, share(fit.correct(), fit.doctors()));
    }

    private static double share(double part, double whole) {
        return whole == 0 ? 0 : part / whole;
    }
}

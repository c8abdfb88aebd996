package com.orthoseg.segments.model;

import com.orthoseg.events.DoctorFeatures.Coverage;

import java.util.List;
import java.util.Map;

/**
 * A clustering input: a feature, the source it is computed from, and how it is transformed before
 * standardizing.
 */
public record InputFeature(String name, Source source, Transform transform) {

    /**
     * Where a feature comes from. A doctor with no records in a source has its features unknown, not
     * zero: the order and complaint tables cover only some doctors (on the Datacamp data, 74 of the 437
     * profiled ones), while the ERP profile says every doctor buys. Counting their absence as "0 orders"
     * would make segments of who appears in which table.
     */
    public enum Source {
        PROFILE, ORDERS, COMPLAINTS, ORDERS_AND_COMPLAINTS;

        boolean coveredBy(Coverage coverage) {
            return switch (this) {
                case PROFILE -> coverage.hasProfile();
                case ORDERS -> coverage.hasOrders();
                case COMPLAINTS -> coverage.hasComplaints();
                case ORDERS_AND_COMPLAINTS -> coverage.hasOrders() && coverage.hasComplaints();
            };
        }
    }

    public enum Transform {
        /** counts and amounts: right-skewed, so log(1 + x) before standardizing */
        LOG1P,
        IDENTITY
    }

    /**
     * The clustering inputs: how doctors buy (volume, recency, basket, regularity), how they complain,
     * and who they are as the ERP sees them. Not inputs: coverage flags (segments must not describe which
     * tables a doctor appears in, see {@link Source}), isSpecialist and includesSpecialInstructions (categorical; a binary
     * input splits k-means clusters along it), the per-condition shares and complaint types (sparse; shown
     * in segment profiles instead). Missing values (no orders yet, satisfaction "--") are imputed with the
     * training mean, i.e. 0 after standardizing, so they pull towards no segment.
     */
    public static final List<InputFeature> DEFAULT = List.of(
            new InputFeature("purchases", Source.PROFILE, Transform.LOG1P),
            new InputFeature("ordersTotal", Source.ORDERS, Transform.LOG1P),
            new InputFeature("orders365d", Source.ORDERS, Transform.LOG1P),
            new InputFeature("daysSinceLastOrder", Source.ORDERS, Transform.LOG1P),
            new InputFeature("amount365d", Source.ORDERS, Transform.LOG1P),
            new InputFeature("avgOrderValue", Source.ORDERS, Transform.LOG1P),
            new InputFeature("activeMonths365d", Source.ORDERS, Transform.IDENTITY),
            new InputFeature("complaintsTotal", Source.COMPLAINTS, Transform.LOG1P),
            new InputFeature("complaints365d", Source.COMPLAINTS, Transform.LOG1P),
            new InputFeature("complaintRate", Source.ORDERS_AND_COMPLAINTS, Transform.LOG1P),
            new InputFeature("conditionJAfterShare", Source.ORDERS, Transform.IDENTITY),
            new InputFeature("rankOrdinal", Source.PROFILE, Transform.IDENTITY),
            new InputFeature("incidenceRate", Source.PROFILE, Transform.LOG1P),
            new InputFeature("rRate", Source.PROFILE, Transform.IDENTITY),
            new InputFeature("satisfaction", Source.PROFILE, Transform.IDENTITY),
            new InputFeature("experience", Source.PROFILE, Transform.LOG1P));

    /** The doctor's transformed value, NaN when unknown (missing, uncovered source, outside the transform's domain). */
    public double apply(Map<String, Double> features, Coverage coverage) {
        return source.coveredBy(coverage) ? apply(features.get(name)) : Double.NaN;
    }

    private double apply(Double raw) {
        if (raw == null || raw.isNaN()) {
            return Double.NaN;
        }
        return switch (transform) {
            case LOG1P -> raw > -1 ? Math.log1p(raw) : Double.NaN;
            case IDENTITY -> raw;
        };
    }

    public double invert(double transformed) {
        return switch (transform) {
            case LOG1P -> Math.expm1(transformed);
            case IDENTITY -> transformed;
        };
    }
}

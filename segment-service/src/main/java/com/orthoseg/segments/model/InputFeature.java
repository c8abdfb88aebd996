package com.orthoseg.segments.model;

import java.util.List;

/** A clustering input: a feature, and how it is transformed before standardizing. */
public record InputFeature(String name, Transform transform) {

    public enum Transform {
        /** counts and amounts: right-skewed, so log(1 + x) before standardizing */
        LOG1P,
        IDENTITY
    }

    /**
     * The clustering inputs: how doctors buy (volume, recency, basket, regularity), how they complain,
     * and who they are as the ERP sees them. Not inputs: coverage flags (segments must not describe which
     * tables a doctor appears in), isSpecialist and includesSpecialInstructions (categorical; a binary
     * input splits k-means clusters along it), the per-condition shares and complaint types (sparse; shown
     * in segment profiles instead). Missing values (no orders yet, satisfaction "--") are imputed with the
     * training mean, i.e. 0 after standardizing, so they pull towards no segment.
     */
    public static final List<InputFeature> DEFAULT = List.of(
            new InputFeature("purchases", Transform.LOG1P),
            new InputFeature("ordersTotal", Transform.LOG1P),
            new InputFeature("orders365d", Transform.LOG1P),
            new InputFeature("daysSinceLastOrder", Transform.LOG1P),
            new InputFeature("amount365d", Transform.LOG1P),
            new InputFeature("avgOrderValue", Transform.LOG1P),
            new InputFeature("activeMonths365d", Transform.IDENTITY),
            new InputFeature("complaintsTotal", Transform.LOG1P),
            new InputFeature("complaints365d", Transform.LOG1P),
            new InputFeature("complaintRate", Transform.LOG1P),
            new InputFeature("conditionJAfterShare", Transform.IDENTITY),
            new InputFeature("rankOrdinal", Transform.IDENTITY),
            new InputFeature("incidenceRate", Transform.LOG1P),
            new InputFeature("rRate", Transform.IDENTITY),
            new InputFeature("satisfaction", Transform.IDENTITY),
            new InputFeature("experience", Transform.LOG1P));

    /** The transformed value, NaN when missing (or outside the transform's domain). */
    public double apply(Double raw) {
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

package com.orthoseg.segments.model;

import com.orthoseg.events.SegmentChanged.Driver;

import java.util.List;

/**
 * Where a model puts one doctor: a segment with how clearly (margin) and why (drivers), or no segment
 * and why not.
 */
public record Placement(String segmentId, double margin, List<Driver> drivers, String notSegmentedBecause) {

    /** Neither scheme segments a doctor before the ERP profile has arrived (DESIGN.md). */
    public static final Placement NO_PROFILE =
            none("no profile yet: doctors are segmented once the ERP profile has arrived");

    public static Placement in(String segmentId, double margin, List<Driver> drivers) {
        return new Placement(segmentId, margin, drivers, null);
    }

    public static Placement none(String because) {
        return new Placement(null, 0, List.of(), because);
    }

    public boolean segmented() {
        return segmentId != null;
    }
}

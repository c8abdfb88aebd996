package com.orthoseg.segments.assign;

import com.orthoseg.events.SegmentChanged;
import com.orthoseg.events.SegmentChanged.Scheme;

import java.util.ArrayList;
import java.util.List;

/** What placing doctors against the active models changes: assignments kept up to date, left, and the change events. */
public final class Reassessment {

    /** A doctor who left every segment of a scheme. */
    public record Removal(String doctorId, Scheme scheme) {
    }

    final List<Assignment> assignments = new ArrayList<>();
    final List<Removal> removals = new ArrayList<>();
    final List<SegmentChanged> changes = new ArrayList<>();

    public List<Assignment> assignments() {
        return assignments;
    }

    public List<Removal> removals() {
        return removals;
    }

    public List<SegmentChanged> changes() {
        return changes;
    }
}

package com.orthoseg.segments.assign;

import com.orthoseg.events.SegmentChanged;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What activating a version would do now: how many doctors it places, how many would move and between
 * which segments (null = no segment).
 */
public record Preview(String versionId, int placed, int moving, List<Move> moves) {

    public record Move(String from, String to, int doctors) {
    }

    static Preview of(String versionId, Reassessment reassessment) {
        Map<String, Move> moves = new TreeMap<>();
        for (SegmentChanged change : reassessment.changes()) {
            String from = change.previous() == null ? null : change.previous().segmentId();
            String to = change.current() == null ? null : change.current().segmentId();
            moves.merge(from + "→" + to, new Move(from, to, 1), (a, b) -> new Move(a.from(), a.to(), a.doctors() + 1));
        }
        List<Move> sorted = new ArrayList<>(moves.values());
        sorted.sort(Comparator.comparingInt((Move m) -> -m.doctors()));
        return new Preview(versionId, reassessment.assignments().size(), reassessment.changes().size(), sorted);
    }
}

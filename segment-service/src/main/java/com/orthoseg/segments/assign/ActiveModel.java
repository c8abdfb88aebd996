package com.orthoseg.segments.assign;

import com.orthoseg.segments.model.SegmentationModel;

import java.util.Map;

/**
 * The active version of a scheme, with the segment names operators set (they win over generated names).
 */
public record ActiveModel(String versionId, SegmentationModel model, Map<String, String> renamed) {

    public String name(String segmentId) {
        String renamedTo = renamed.get(segmentId);
        if (renamedTo != null) {
            return renamedTo;
        }
        var segment = model.segment(segmentId);
        return segment == null ? segmentId : segment.generatedName();
    }
}
